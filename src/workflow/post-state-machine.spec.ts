import { POST_STATUSES } from '../calendar/domain/post-vocabulary';
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

  it('only names known states', () => {
    for (const { from, to } of Object.values(TRANSITIONS)) {
      for (const status of [...from, to]) expect(POST_STATUSES).toContain(status);
    }
  });
});
