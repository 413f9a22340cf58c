import { createDeBrand, insertScheduledPosts, isolatedStore, waitForStatus } from './support/scheduled-post';
import { ALL_ROLES, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { createNetworkChannel, SocialFakes } from './support/fakes/social-setup';

/**
 * A burst of posts due at once on one account is spread by the per-account token bucket
 * (in Redis) instead of being sent at once and refused by the network: with
 * SOCIAL_RATE_LIMITS facebook=2/2 (a bucket of two, refilled at two per two seconds), six
 * due posts go out two at once and then one a second, and every one is published.
 */
describe('Social networks: a burst spread by the per-account rate limit (e2e)', () => {
  const store = isolatedStore('social_rate');
  const fakes = new SocialFakes();
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    await fakes.start();
    t = await startTestApp({
      ...store.env,
      ...fakes.env(),
      RUN_WORKERS: 'true',
      RECONCILE_INTERVAL_MS: '1000',
      SOCIAL_RATE_LIMITS: 'facebook=2/2',
    });
    ws = await createWorkspace(t, ALL_ROLES);
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
    await store.drop();
  });

  it('publishes six due posts on one Page: two at once, then one a second, none refused', async () => {
    const brandId = await createDeBrand(t, ws);
    await createNetworkChannel(t, ws, brandId, 'facebook');
    const dueAt = new Date(Date.now() + 500);
    const ids = await insertScheduledPosts(t.owner, {
      workspaceId: ws.id,
      brandId,
      userId: ws.members.marketer.userId,
      posts: Array.from({ length: 6 }, (_, i) => ({
        dueAt,
        channels: ['facebook'],
        body: `Beitrag ${i + 1} der Serie.`,
      })),
    });
    for (const id of ids) await waitForStatus(t, ws, id, ['published'], 30_000);
    const creates = fakes.meta.creates().map((r) => r.at);
    expect(creates).toHaveLength(6);
    expect(fakes.meta.posts).toHaveLength(6);
    // The bucket's two tokens at once, then one per second as it refills: the last about four seconds after the first.
    // Each gap is measured where the fake receives the call, so a busy machine shifts single gaps by a few hundred
    // milliseconds either way; two calls on one token would be well under 600 ms apart.
    expect(creates[5] - creates[0]).toBeGreaterThanOrEqual(3500);
    for (let i = 2; i < creates.length; i++) expect(creates[i] - creates[i - 1]).toBeGreaterThanOrEqual(600);
    expect(creates[5] - creates[2]).toBeGreaterThanOrEqual(2700);
    const attempts = await t.dataSource.query(
      `SELECT outcome FROM publication_attempts a JOIN publications p ON p.id = a.publication_id WHERE p.post_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(attempts.map((a: { outcome: string }) => a.outcome)).toEqual(Array(6).fill('success'));
  });
});
