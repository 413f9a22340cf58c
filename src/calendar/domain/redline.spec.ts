import { diffWords, redline, tokenize } from './redline';
import type { PostContent } from './post-content';

const base: PostContent = {
  title: 'Ratenkredit',
  body: 'Jetzt ab 3,9 % effektiver Jahreszins.',
  locale: 'de-DE',
  productCategory: 'consumer_credit',
  communicationType: 'retail',
  audience: 'retail',
  interactive: false,
  paid: true,
  influencer: false,
  channels: ['instagram'],
  jurisdictions: ['DE'],
  links: [],
  media: [],
  campaignId: null,
  brandId: 'b1',
  scheduledAt: '2026-12-01T08:30:00.000Z',
  timezone: 'Europe/Berlin',
};

describe('redline', () => {
  it('keeps a rate like "3,9 %" as one word so a changed rate reads as one replacement', () => {
    expect(tokenize('ab 3,9 % eff.')).toEqual(['ab', ' ', '3,9', ' ', '%', ' ', 'eff.']);
    expect(diffWords('Jetzt ab 3,9 % effektiver Jahreszins.', 'Jetzt ab 4,9 % effektiver Jahreszins.')).toEqual([
      { op: 'equal', text: 'Jetzt ab ' },
      { op: 'delete', text: '3,9' },
      { op: 'insert', text: '4,9' },
      { op: 'equal', text: ' % effektiver Jahreszins.' },
    ]);
  });

  it('re-joins to both texts exactly', () => {
    const before = 'Let op! Geld lenen kost geld. Vanaf 6,9 % JKP.';
    const after = 'Vanaf 5,9 % JKP, looptijd 60 maanden. Let op! Geld lenen kost geld.';
    const segments = diffWords(before, after);
    expect(
      segments
        .filter((s) => s.op !== 'insert')
        .map((s) => s.text)
        .join(''),
    ).toBe(before);
    expect(
      segments
        .filter((s) => s.op !== 'delete')
        .map((s) => s.text)
        .join(''),
    ).toBe(after);
  });

  it('reports identical texts as one equal segment and an appended warning as an insert', () => {
    expect(diffWords('same text', 'same text')).toEqual([{ op: 'equal', text: 'same text' }]);
    expect(diffWords('Kredit.', 'Kredit. Werbung')).toEqual([
      { op: 'equal', text: 'Kredit.' },
      { op: 'insert', text: ' Werbung' },
    ]);
  });

  it('lists changed fields with before and after, and leaves the body to the word diff', () => {
    const after: PostContent = {
      ...base,
      body: base.body + ' Werbung',
      channels: ['instagram', 'facebook'],
      paid: false,
    };
    const result = redline(base, after);
    expect(result.fields).toEqual([
      { field: 'paid', from: true, to: false },
      { field: 'channels', from: ['instagram'], to: ['instagram', 'facebook'] },
    ]);
    expect(result.body.at(-1)).toEqual({ op: 'insert', text: ' Werbung' });
  });
});
