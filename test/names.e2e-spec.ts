import request from 'supertest';
import { createBrand, createPost } from './support/fixtures';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { compliantGermanCreditPost, DE_BANK_PROFILE } from './support/workflow-fixtures';

/** People appear by name, not only by id: authors of posts, signers of decisions, actors of the audit trail. */
describe('Names of authors, signers and actors (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  const url = (path: string): string => `/api/v1/workspaces/${ws.id}${path}`;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, ALL_ROLES);
  });
  afterAll(() => t.close());

  it('names the author in the post and the review queue, the signer in the stages, and the actor in the audit trail', async () => {
    const { admin, marketer, reviewer, auditor } = ws.members;
    const brand = await createBrand(t, ws.id, admin, { profile: DE_BANK_PROFILE });
    const post = await createPost(t, ws.id, marketer, compliantGermanCreditPost(brand.id));
    expect(post).toMatchObject({ createdBy: marketer.userId, authorName: 'marketer' });
    await request(t.http)
      .post(url(`/posts/${post.id}/submit`))
      .set(auth(marketer))
      .send({ revision: 1 })
      .expect(201);

    const queue = await request(t.http).get(url('/review-queue')).set(auth(reviewer)).expect(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({ postId: post.id, authorId: marketer.userId, authorName: 'marketer' }),
    ]);

    const decided = await request(t.http)
      .post(url(`/posts/${post.id}/decisions`))
      .set(auth(reviewer))
      .send({ revision: 1, stage: 'compliance', decision: 'approve' })
      .expect(201);
    const stage = (decided.body.stages as { stage: string; signature: Record<string, unknown> }[]).find(
      (s) => s.stage === 'compliance',
    )!;
    expect(stage.signature).toMatchObject({ decidedBy: reviewer.userId, signerName: 'reviewer' });
    const review = await request(t.http)
      .get(url(`/posts/${post.id}/review`))
      .set(auth(auditor))
      .expect(200);
    expect(review.body.post.authorName).toBe('marketer');
    expect(review.body.post.stages[0].signature.signerName).toBe('reviewer');

    const key = await request(t.http)
      .post(url('/api-keys'))
      .set(auth(admin))
      .send({ name: 'Scheduler bot', roles: ['marketer'] })
      .expect(201);
    await request(t.http)
      .post(url('/posts'))
      .set({ Authorization: `Bearer ${key.body.key}` })
      .send(compliantGermanCreditPost(brand.id, { title: 'By the bot' }))
      .expect(201);

    const audit = await request(t.http).get(url('/audit')).set(auth(auditor)).expect(200);
    const entries = audit.body.items as { actor: string; actorName: string | null; action: string }[];
    expect(entries.find((e) => e.action === 'post.created' && e.actor === `user:${marketer.userId}`)?.actorName).toBe(
      'marketer',
    );
    expect(entries.find((e) => e.action === 'workflow.decision')).toMatchObject({
      actor: `user:${reviewer.userId}`,
      actorName: 'reviewer',
    });
    expect(entries.find((e) => e.actor.startsWith('apikey:'))?.actorName).toBe('Scheduler bot');
    for (const entry of entries.filter((e) => e.actor.startsWith('system'))) expect(entry.actorName).toBeNull();
  });
});
