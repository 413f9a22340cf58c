import { delayUntil, isMissed, minutesLate } from './due';
import { publishJobId } from './publish-job';

describe('due times', () => {
  const due = new Date('2026-12-01T09:00:00Z');

  it('never delays an overdue job', () => {
    expect(delayUntil(due, new Date('2026-12-01T08:59:58Z'))).toBe(2000);
    expect(delayUntil(due, new Date('2026-12-01T09:05:00Z'))).toBe(0);
  });

  it('counts a post as missed only when it is more than the allowed minutes late', () => {
    // 60 minutes allowed: 09:59:59 is 59 min 59 s late (still goes out), 10:00:01 is past the limit.
    expect(isMissed(due, new Date('2026-12-01T09:59:59Z'), 60)).toBe(false);
    expect(isMissed(due, new Date('2026-12-01T10:00:00Z'), 60)).toBe(false);
    expect(isMissed(due, new Date('2026-12-01T10:00:01Z'), 60)).toBe(true);
    expect(minutesLate(due, new Date('2026-12-01T10:30:00Z'))).toBe(90);
  });

  it('gives the first dispatch of a revision the plain id and later ones a generation', () => {
    expect(publishJobId('p', 3, 0)).toBe('publish:p:3');
    expect(publishJobId('p', 3, 2)).toBe('publish:p:3:2');
  });
});
