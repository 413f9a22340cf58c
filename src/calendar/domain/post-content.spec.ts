import { canonicalJson } from '../../common/domain/canonical-json';
import { contentHash, type PostContent } from './post-content';

const content: PostContent = {
  title: 'Savings',
  body: '4.25% APY. Member FDIC.',
  locale: 'en-US',
  productCategory: 'deposit',
  communicationType: 'retail',
  audience: 'retail',
  interactive: false,
  paid: false,
  influencer: false,
  channels: ['facebook'],
  jurisdictions: ['US'],
  links: ['https://bank.example'],
  media: [{ kind: 'image', altText: 'A jar of coins' }],
  campaignId: null,
  brandId: 'brand-1',
  scheduledAt: null,
  timezone: 'America/New_York',
};

describe('contentHash', () => {
  it('is sha256 over canonical JSON, independent of key order', () => {
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as unknown as PostContent;
    expect(contentHash(content)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(contentHash(reordered)).toBe(contentHash(content));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('changes when a single character of the text changes', () => {
    expect(contentHash({ ...content, body: '4.26% APY. Member FDIC.' })).not.toBe(contentHash(content));
  });

  it('changes when a fact the rules read changes, not only the text', () => {
    expect(contentHash({ ...content, paid: true })).not.toBe(contentHash(content));
    expect(contentHash({ ...content, scheduledAt: '2026-12-01T14:30:00.000Z' })).not.toBe(contentHash(content));
  });

  it('keeps the hash of revisions written before platformAd existed: false is the same as absent, true changes it', () => {
    expect(contentHash({ ...content, platformAd: false })).toBe(contentHash(content));
    expect(contentHash({ ...content, paid: true, platformAd: true })).not.toBe(contentHash({ ...content, paid: true }));
  });
});
