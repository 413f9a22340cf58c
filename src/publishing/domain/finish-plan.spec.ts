import type { Post } from '../../calendar/entities/post.entity';
import type { RunOutcome } from '../publish-run';
import type { ChannelState } from './rollup';
import { planFinish, type FinishInput } from './finish-plan';

const NOW = new Date('2026-12-03T09:00:00Z');

function post(id: string, status = 'publishing'): Post {
  return { id, workspaceId: 'ws', revision: 2, status } as Post;
}

function outcome(postId: string, channels: string[], attempt = 1, claimToken = `token-${postId}`): RunOutcome {
  return {
    run: { postId, workspaceId: 'ws', revision: 2, claimToken, attempt, content: { channels } },
    results: [],
  } as unknown as RunOutcome;
}

function input(outcomes: RunOutcome[], states: Record<string, Record<string, ChannelState>>): FinishInput {
  const ids = outcomes.map((o) => o.run.postId);
  return {
    outcomes,
    posts: new Map(ids.map((id) => [id, post(id)])),
    schedules: new Map(ids.map((id) => [id, { claimToken: `token-${id}`, dispatch: 3 }])),
    standings: new Map(
      Object.entries(states).map(([id, channels]) => [
        `${id}:2`,
        Object.entries(channels).map(([channel, state]) => ({
          channel,
          state,
          error: state === 'succeeded' ? null : 'HTTP 500',
        })),
      ]),
    ),
    now: NOW,
    maxAttempts: 3,
    backoffMs: 1000,
  };
}

describe('planFinish', () => {
  it('publishes a run whose channels all succeeded and drops its claim', () => {
    const plan = planFinish(input([outcome('a', ['x'])], { a: { x: 'succeeded' } }));
    expect(plan.results).toEqual([{ kind: 'published' }]);
    expect(plan.transitions).toEqual([
      { post: expect.objectContaining({ id: 'a' }), event: 'publish_succeeded', reason: null },
    ]);
    expect(plan.settlements).toEqual([{ postId: 'a', dueAt: null, dispatch: null }]);
    expect(plan.retries).toEqual([]);
  });

  it('records nothing more for a run that lost its claim or whose post moved on', () => {
    const lost = outcome('a', ['x'], 1, 'an-older-token');
    const moved = outcome('b', ['x']);
    const given = input([lost, moved], { a: { x: 'succeeded' }, b: { x: 'succeeded' } });
    given.posts.set('b', post('b', 'held'));
    const plan = planFinish(given);
    expect(plan.results).toEqual([{ kind: 'lost_claim' }, { kind: 'lost_claim' }]);
    expect(plan.transitions).toEqual([]);
    expect(plan.settlements).toEqual([]);
  });

  it('retries the open channels under the next dispatch, after the backoff', () => {
    const plan = planFinish(
      input([outcome('a', ['x', 'linkedin'], 1)], { a: { x: 'succeeded', linkedin: 'retryable' } }),
    );
    const [result] = plan.results;
    expect(result.kind).toBe('retry');
    const dueAt = (result as { dueAt: Date }).dueAt;
    expect(dueAt.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(800);
    expect(plan.settlements).toEqual([{ postId: 'a', dueAt, dispatch: 4 }]);
    expect(plan.retries).toEqual([{ data: { postId: 'a', workspaceId: 'ws', revision: 2, dispatch: 4 }, dueAt }]);
    expect(plan.transitions[0].event).toBe('requeue');
    expect(plan.transitions[0].reason).toMatchObject({
      code: 'retrying',
      attempt: 1,
      channels: [{ channel: 'linkedin', outcome: 'retryable', error: 'HTTP 500' }],
    });
  });

  it('counts a channel without a publication as retryable', () => {
    const plan = planFinish(input([outcome('a', ['x'], 1)], {}));
    expect(plan.results[0].kind).toBe('retry');
  });

  it('fails the post once the runs are used up, naming each failed channel and closing its open ones', () => {
    const plan = planFinish(
      input([outcome('a', ['x', 'linkedin'], 3)], { a: { x: 'succeeded', linkedin: 'unknown' } }),
    );
    expect(plan.results).toEqual([{ kind: 'failed' }]);
    expect(plan.failedRevisions).toEqual([{ postId: 'a', revision: 2 }]);
    expect(plan.transitions[0]).toMatchObject({
      event: 'publish_failed',
      reason: {
        code: 'publish_failed',
        attempts: 3,
        failed: [{ channel: 'linkedin', outcome: 'unknown', error: 'HTTP 500' }],
        published: ['x'],
      },
    });
    expect(plan.settlements).toEqual([{ postId: 'a', dueAt: null, dispatch: null }]);
  });

  it('holds a post whose account needs reconnecting', () => {
    const plan = planFinish(input([outcome('a', ['x'])], { a: { x: 'reconnect' } }));
    expect(plan.results).toEqual([{ kind: 'held' }]);
    expect(plan.transitions[0]).toMatchObject({
      event: 'hold',
      reason: { code: 'reconnect_needed', channelNames: 'x' },
    });
    expect(plan.retries).toEqual([]);
  });
});
