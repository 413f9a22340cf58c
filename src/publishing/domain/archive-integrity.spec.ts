import { contentHash, type PostContent } from '../../calendar/domain/post-content';
import { archiveRecordProblem, type ArchivedContent } from './archive-integrity';

const content: PostContent = {
  title: 'Ratenkredit',
  body: 'Effektiver Jahreszins 5,9 %',
  locale: 'de-DE',
  productCategory: 'consumer_credit',
  communicationType: 'retail',
  audience: 'retail',
  interactive: false,
  paid: true,
  influencer: false,
  channels: ['instagram'],
  jurisdictions: ['DE'],
  links: ['https://bank.example/kredit'],
  media: [],
  campaignId: null,
  brandId: '00000000-0000-4000-8000-000000000001',
  scheduledAt: '2026-12-01T08:30:00.000Z',
  timezone: 'Europe/Berlin',
};
const hash = contentHash(content);
const revision = { content, contentHash: hash };
const record: ArchivedContent = {
  contentHash: hash,
  title: content.title,
  body: content.body,
  locale: content.locale,
  links: content.links,
  media: content.media,
  jurisdictions: content.jurisdictions,
  scheduledAt: new Date(content.scheduledAt!),
  approvals: [{ contentHash: hash }],
};

describe('archiveRecordProblem', () => {
  it('accepts a record that copies its revision', () => {
    expect(archiveRecordProblem(record, revision)).toBeNull();
  });

  it('names each way a record or its revision was altered', () => {
    expect(archiveRecordProblem(record, undefined)).toBe('revision_missing');
    expect(archiveRecordProblem(record, { content: { ...content, body: 'Garantiert' }, contentHash: hash })).toBe(
      'revision_altered',
    );
    expect(archiveRecordProblem({ ...record, contentHash: 'sha256:00' }, revision)).toBe('hash_mismatch');
    expect(archiveRecordProblem({ ...record, body: 'Garantiert 0 %' }, revision)).toBe('content_altered');
    expect(archiveRecordProblem({ ...record, links: ['https://evil.example'] }, revision)).toBe('content_altered');
    expect(archiveRecordProblem({ ...record, scheduledAt: null }, revision)).toBe('content_altered');
    expect(archiveRecordProblem({ ...record, approvals: [{ contentHash: 'sha256:00' }] }, revision)).toBe(
      'approvals_altered',
    );
  });
});
