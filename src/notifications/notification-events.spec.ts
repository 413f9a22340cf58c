import { nextDigestAt, postPath } from './notification-events';

describe('notification events', () => {
  it('puts the digest at the next configured UTC hour', () => {
    expect(nextDigestAt(new Date('2026-03-01T05:30:00Z'), 7).toISOString()).toBe('2026-03-01T07:00:00.000Z');
    expect(nextDigestAt(new Date('2026-03-01T07:00:00Z'), 7).toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(nextDigestAt(new Date('2026-12-31T23:00:00Z'), 7).toISOString()).toBe('2027-01-01T07:00:00.000Z');
  });

  it('links reviewers to the review page and others to the post', () => {
    expect(postPath('review_requested', 'p1')).toBe('/review/p1');
    expect(postPath('rejected', 'p1')).toBe('/posts/p1');
  });
});
