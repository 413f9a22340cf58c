import { POST_STATUSES, type PostStatus } from '../calendar/domain/post-vocabulary';
import { canTransition, transition, TRANSITIONS } from './post-state-machine';

describe('post state machine', () => {
  it('walks the happy path draft -> in_review -> approved -> scheduled -> publishing -> published', () => {
    let status = transition('draft', 'submit');
    for (const event of ['approve', 'schedule', 'start_publishing', 'publish_succeeded'] as const) {
      if (!status.ok) throw new Error('refused');
      status = transition(status.to, event);
    }
    expect(status).toEqual({ ok: true, to: 'published' });
  });

  it('holds a post still in review at its scheduled time', () => {
    expect(transition('in_review', 'hold')).toEqual({ ok: true, to: 'held' });
  });

  it('approves a held post again once an expired approval is signed again, or closes it on a refusal', () => {
    expect(transition('held', 'approve')).toEqual({ ok: true, to: 'approved' });
    expect(transition('held', 'request_changes')).toEqual({ ok: true, to: 'changes_requested' });
    expect(transition('held', 'reject')).toEqual({ ok: true, to: 'rejected' });
  });

  it('refuses what the table does not list, with an i18n key and the states involved', () => {
    expect(transition('published', 'withdraw')).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      messageKey: 'errors.invalidTransition',
      params: { from: 'published', event: 'withdraw' },
    });
    expect(canTransition('draft', 'approve')).toBe(false);
    expect(canTransition('rejected', 'submit')).toBe(false);
  });

  it('reaches every status from draft, and leaves only published, rejected and withdrawn for good', () => {
    const rules = Object.values(TRANSITIONS);
    const reached = new Set<PostStatus>(['draft']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const { from, to } of rules) {
        if (!reached.has(to) && from.some((s) => reached.has(s))) grew = reached.add(to).size > 0;
      }
    }
    expect([...reached].sort()).toEqual([...POST_STATUSES].sort());
    const terminal = POST_STATUSES.filter((status) => !rules.some(({ from }) => from.includes(status)));
    expect(terminal.sort()).toEqual(['published', 'rejected', 'withdrawn']);
  });
});
