import request from 'supertest';
import { createBrand, createPost } from './support/fixtures';
import { isolatedStore } from './support/scheduled-post';
import { SmtpTestServer } from './support/smtp-server';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { compliantGermanCreditPost, DE_BANK_PROFILE } from './support/workflow-fixtures';

/**
 * Two app instances, both running the notification worker on one Postgres and one Redis
 * prefix: every review request reaches each signer exactly once.
 */
describe('Notifications with two instances (e2e)', () => {
  const store = isolatedStore('notify');
  let smtp: SmtpTestServer;
  let first: TestApp;
  let second: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    const env = {
      ...store.env,
      RUN_WORKERS: 'true',
      NOTIFICATION_POLL_MS: '200',
      SMTP_URL: smtp.url,
      RECONCILE_INTERVAL_MS: '60000',
    };
    first = await startTestApp(env);
    second = await startTestApp(env);
    ws = await createWorkspace(first, {
      admin: ['admin'],
      marketer: ['marketer'],
      anna: ['reviewer'],
      bert: ['reviewer'],
    });
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await smtp.close();
    await store.drop();
  });

  it('sends each signer each review request once', async () => {
    const brandId = (
      await createBrand(first, ws.id, ws.members.admin, {
        name: 'Musterbank',
        legalName: 'Musterbank AG',
        profile: DE_BANK_PROFILE,
      })
    ).id;
    const titles = Array.from({ length: 12 }, (_, i) => `Kredit ${i + 1}`);
    await Promise.all(
      titles.map(async (title, i) => {
        const app = i % 2 === 0 ? first : second;
        const post = await createPost(app, ws.id, ws.members.marketer, compliantGermanCreditPost(brandId, { title }));
        await request(app.http)
          .post(`/api/v1/workspaces/${ws.id}/posts/${post.id}/submit`)
          .set(auth(ws.members.marketer))
          .send({ revision: post.revision })
          .expect(201);
      }),
    );
    const reviewers = [ws.members.anna, ws.members.bert];
    await smtp.waitFor(
      () => reviewers.every((r) => smtp.to(r.email).length >= titles.length),
      30_000,
      '12 mails to each reviewer',
    );
    // Long enough for a duplicate, if there were one, to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const reviewer of reviewers) {
      const subjects = smtp.to(reviewer.email).map((mail) => mail.subject);
      expect(subjects).toHaveLength(titles.length);
      expect(new Set(subjects)).toEqual(new Set(titles.map((title) => `Review requested: ${title}`)));
    }
    const [counts] = await first.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS total, max(attempts)::int AS attempts FROM notification_deliveries`,
    );
    expect(counts).toEqual({ sent: 24, total: 24, attempts: 1 });
  });
});
