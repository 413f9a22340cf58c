import request from 'supertest';
import { NotificationWorker } from '../src/notifications/notification-worker.service';
import { ReviewSweeperService } from '../src/workflow/review-sweeper.service';
import { createBrand, createPost } from './support/fixtures';
import { SmtpTestServer } from './support/smtp-server';
import {
  auth,
  createWorkspace,
  startTestApp,
  type TestApp,
  type TestMember,
  type TestWorkspace,
} from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { compliantGermanCreditPost, DE_BANK_PROFILE, type WorkflowPost } from './support/workflow-fixtures';

/**
 * Notifications end to end: the workflow writes the outbox, the worker delivers to a real
 * SMTP server and to local Teams/Slack webhook receivers, in each member's language, once.
 */
describe('Notifications (e2e, real SMTP server and webhook receivers)', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let brandId: string;
  const receivers: WebhookReceiver[] = [];
  const m = (name: string): TestMember => ws.members[name];
  const base = (): string => `/api/v1/workspaces/${ws.id}`;
  const run = (): Promise<unknown> => t.app.get(NotificationWorker).runOnce(new Date(), ws.id);

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://preclear.bank.example',
      NOTIFICATION_BACKOFF_MS: '10',
    });
    ws = await createWorkspace(t, {
      admin: ['admin'],
      marketer: ['marketer'],
      anna: ['reviewer'],
      bert: ['reviewer'],
      pia: ['publisher'],
      audrey: ['auditor'],
    });
    other = await createWorkspace(t, { admin: ['admin'], reviewer: ['reviewer'] });
    for (const [name, lang] of [
      ['anna', 'de'],
      ['bert', 'fr'],
      ['pia', 'nl'],
    ]) {
      await t.dataSource.query(`UPDATE memberships SET language = $2 WHERE user_id = $1`, [
        ws.members[name].userId,
        lang,
      ]);
    }
    brandId = (
      await createBrand(t, ws.id, m('admin'), {
        name: 'Musterbank',
        legalName: 'Musterbank AG',
        profile: DE_BANK_PROFILE,
      })
    ).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  async function submitNew(title: string, overrides: Record<string, unknown> = {}): Promise<WorkflowPost> {
    const post = await createPost(t, ws.id, m('marketer'), compliantGermanCreditPost(brandId, { title, ...overrides }));
    const res = await request(t.http)
      .post(`${base()}/posts/${post.id}/submit`)
      .set(auth(m('marketer')))
      .send({ revision: post.revision })
      .expect(201);
    return res.body as WorkflowPost;
  }

  const subjects = (member: TestMember): string[] => smtp.to(member.email).map((mail) => mail.subject);

  it('asks the signers to review, each in their language, exactly once, with a link to the post', async () => {
    const post = await submitNew('Kredit A');
    expect(post.stages.map((s) => s.role)).toEqual(['reviewer']);
    await run();
    await run();
    expect(subjects(m('anna'))).toEqual(['Prüfung angefordert: Kredit A']);
    expect(subjects(m('bert'))).toEqual(['Relecture demandée : Kredit A']);
    expect(subjects(m('marketer'))).toEqual([]);
    const mail = smtp.to(m('anna').email)[0];
    expect(mail.language).toBe('de');
    expect(mail.text).toContain(`https://preclear.bank.example/review/${post.id}`);

    const inbox = await request(t.http)
      .get(`${base()}/notifications?unread=true`)
      .set(auth(m('anna')))
      .expect(200);
    expect(inbox.body.unreadCount).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({
      event: 'review_requested',
      postId: post.id,
      path: `/review/${post.id}`,
      readAt: null,
    });
  });

  it('tells the author of changes requested, and marks notifications read', async () => {
    const post = await submitNew('Kredit B');
    const before = subjects(m('marketer')).length;
    await request(t.http)
      .post(`${base()}/posts/${post.id}/decisions`)
      .set(auth(m('anna')))
      .send({
        revision: post.revision,
        stage: post.stages[0].stage,
        decision: 'request_changes',
        comment: 'Zins prüfen',
      })
      .expect(201);
    await run();
    expect(subjects(m('marketer')).slice(before)).toEqual(['Changes requested: Kredit B']);

    const inbox = await request(t.http)
      .get(`${base()}/notifications?unread=true`)
      .set(auth(m('marketer')))
      .expect(200);
    const ids = inbox.body.items.map((n: { id: string }) => n.id);
    // Another member's ids are ignored: nothing of anna's changes.
    const annaBefore = (
      await request(t.http)
        .get(`${base()}/notifications?unread=true`)
        .set(auth(m('anna')))
        .expect(200)
    ).body.unreadCount;
    await request(t.http)
      .post(`${base()}/notifications/read`)
      .set(auth(m('anna')))
      .send({ ids })
      .expect(204);
    await request(t.http)
      .post(`${base()}/notifications/read`)
      .set(auth(m('marketer')))
      .send({ ids })
      .expect(204);
    expect(
      (
        await request(t.http)
          .get(`${base()}/notifications?unread=true`)
          .set(auth(m('marketer')))
          .expect(200)
      ).body.unreadCount,
    ).toBe(0);
    expect(
      (
        await request(t.http)
          .get(`${base()}/notifications?unread=true`)
          .set(auth(m('anna')))
          .expect(200)
      ).body.unreadCount,
    ).toBe(annaBefore);
  });

  it('respects "off" (no mail, no in-app row) and batches "digest" into one mail', async () => {
    await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(m('bert')))
      .send({ review_requested: 'off' })
      .expect(200);
    await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(m('anna')))
      .send({ review_requested: 'digest' })
      .expect(200);
    const bertMails = subjects(m('bert')).length;
    const annaMails = subjects(m('anna')).length;
    const bertInbox = (
      await request(t.http)
        .get(`${base()}/notifications`)
        .set(auth(m('bert')))
        .expect(200)
    ).body.items.length;
    await submitNew('Kredit C');
    await submitNew('Kredit D');
    await run();
    expect(subjects(m('bert')).length).toBe(bertMails);
    expect(
      (
        await request(t.http)
          .get(`${base()}/notifications`)
          .set(auth(m('bert')))
          .expect(200)
      ).body.items.length,
    ).toBe(bertInbox);
    // Digest: nothing until its hour, then one mail with both.
    expect(subjects(m('anna')).length).toBe(annaMails);
    await t.dataSource.query(
      `UPDATE notification_deliveries SET due_at = now() - interval '1 second' WHERE user_id = $1 AND mode = 'digest'`,
      [m('anna').userId],
    );
    await run();
    const digests = smtp.to(m('anna').email).slice(annaMails);
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('Preclear: 2 Benachrichtigungen seit gestern');
    expect(digests[0].text).toContain('Kredit C');
    expect(digests[0].text).toContain('Kredit D');
    const prefs = await request(t.http)
      .get(`${base()}/notification-preferences`)
      .set(auth(m('anna')))
      .expect(200);
    expect(prefs.body.items).toEqual(
      expect.arrayContaining([{ event: 'review_requested', mode: 'digest', mandatory: false }]),
    );
    await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(m('anna')))
      .send({ review_requested: 'immediate' })
      .expect(200);
    await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(m('bert')))
      .send({ review_requested: 'immediate' })
      .expect(200);
  });

  it('refuses to switch a mandatory event off, naming the field, and other bad preferences', async () => {
    const res = await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(m('anna')))
      .send({ review_deadline_passed: 'off', approved: 'off' })
      .expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'review_deadline_passed', code: 'mandatory' })]);
    const prefs = await request(t.http)
      .get(`${base()}/notification-preferences`)
      .set(auth(m('anna')))
      .expect(200);
    expect(prefs.body.items.find((p: { event: string }) => p.event === 'approved').mode).toBe('immediate');
    const bad = await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(m('anna')))
      .send({ approved: 'sometimes', bogus: 'x' })
      .expect(400);
    const fields = (bad.body.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['approved', 'bogus']));
    const hostile = await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(m('anna')))
      .set('Content-Type', 'application/json')
      .send('{"__proto__": {"approved": "off"}}')
      .expect(400);
    expect(hostile.body.details[0].field).toBe('__proto__');
    await request(t.http)
      .post(`${base()}/notifications/read`)
      .set(auth(m('anna')))
      .send({ ids: ['not-a-uuid'] })
      .expect(400);
    await request(t.http)
      .post(`${base()}/notifications/read`)
      .set(auth(m('anna')))
      .send({})
      .expect(400);
    await request(t.http)
      .get(`${base()}/notifications?limit=100000`)
      .set(auth(m('anna')))
      .expect(400);
  });

  it('keeps workspaces apart and leaves the hooks to admins', async () => {
    await request(t.http).get(`${base()}/notifications`).set(auth(other.members.reviewer)).expect(404);
    await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(other.members.admin))
      .send({ approved: 'off' })
      .expect(404);
    await request(t.http).get(`${base()}/notification-hooks`).set(auth(other.members.admin)).expect(404);
    await request(t.http)
      .get(`${base()}/notification-hooks`)
      .set(auth(m('marketer')))
      .expect(403);
    await request(t.http)
      .put(`${base()}/notification-hooks/slack`)
      .set(auth(m('marketer')))
      .send({ url: 'https://hooks.slack.com/services/x' })
      .expect(403);
    await request(t.http).get(`${base()}/notifications`).expect(401);
  });

  it('refuses hook destinations the SSRF guard forbids, and never shows the URL', async () => {
    const admin = auth(m('admin'));
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.5/hook',
      'http://user:pw@127.0.0.1/hook',
    ]) {
      const res = await request(t.http).put(`${base()}/notification-hooks/slack`).set(admin).send({ url }).expect(400);
      expect(res.body.details[0].field).toBe('url');
    }
    await request(t.http)
      .put(`${base()}/notification-hooks/slack`)
      .set(admin)
      .send({ url: 'javascript:alert(1)' })
      .expect(400);
    await request(t.http)
      .put(`${base()}/notification-hooks/irc`)
      .set(admin)
      .send({ url: 'https://example.com/x' })
      .expect(404);
  });

  it('posts to the Slack and Teams incoming webhooks of the workspace, once per event', async () => {
    const slack = await WebhookReceiver.start();
    const teams = await WebhookReceiver.start();
    receivers.push(slack, teams);
    const admin = auth(m('admin'));
    const set = await request(t.http)
      .put(`${base()}/notification-hooks/slack`)
      .set(admin)
      .send({ url: `${slack.url}/services/T000/B000/secret-part` })
      .expect(200);
    await request(t.http)
      .put(`${base()}/notification-hooks/teams`)
      .set(admin)
      .send({ url: `${teams.url}/webhookb2/secret-part` })
      .expect(200);
    expect(JSON.stringify(set.body)).not.toContain('secret-part');
    const hooks = await request(t.http).get(`${base()}/notification-hooks`).set(admin).expect(200);
    expect(hooks.body.items.map((h: { kind: string }) => h.kind)).toEqual(['slack', 'teams']);
    expect(JSON.stringify(hooks.body)).not.toContain('secret-part');

    const post = await submitNew('Kredit E');
    await run();
    await run();
    expect(slack.requests).toHaveLength(1);
    expect(teams.requests).toHaveLength(1);
    const slackBody = JSON.parse(slack.requests[0].raw.toString('utf8'));
    expect(slackBody.text).toContain('Review requested: Kredit E');
    expect(slackBody.blocks[1].elements[0].url).toBe(`https://preclear.bank.example/review/${post.id}`);
    const card = JSON.parse(teams.requests[0].raw.toString('utf8'));
    expect(card.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0].content.actions[0].url).toBe(`https://preclear.bank.example/review/${post.id}`);
    const audit = await request(t.http)
      .get(`${base()}/audit`)
      .set(auth(m('audrey')))
      .expect(200);
    expect(JSON.stringify(audit.body)).not.toContain('secret-part');
    await request(t.http).delete(`${base()}/notification-hooks/slack`).set(admin).expect(204);
    await request(t.http).delete(`${base()}/notification-hooks/teams`).set(admin).expect(204);
  });

  it('warns of a coming review deadline, then tells the signers (mandatory) and publishers when it passed', async () => {
    await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(m('bert')))
      .send({ review_deadline_approaching: 'off' })
      .expect(200);
    // Months before the other posts, so that only its deadline comes up in the sweeps below.
    const post = await submitNew('Kredit G', { scheduledAt: '2027-06-15T10:00:00+02:00' });
    const dueAt = new Date(post.stages[0].dueAt ?? '');
    const counts = {
      anna: subjects(m('anna')).length,
      bert: subjects(m('bert')).length,
      pia: subjects(m('pia')).length,
    };
    await t.app.get(NotificationWorker).runOnce(new Date(dueAt.getTime() - 3600_000), ws.id);
    await t.app.get(NotificationWorker).runOnce(new Date(dueAt.getTime() - 1800_000), ws.id);
    expect(subjects(m('anna')).slice(counts.anna)).toEqual([
      'Prüfung angefordert: Kredit G',
      'Prüffrist läuft ab: Kredit G',
    ]);
    expect(subjects(m('bert')).slice(counts.bert)).toEqual(['Relecture demandée : Kredit G']);

    // The workflow holds a post still in review when its scheduled time comes.
    await t.app
      .get(ReviewSweeperService)
      .sweep({ now: new Date(new Date(post.scheduledAt ?? '').getTime() + 60_000), workspaceId: ws.id });
    await run();
    expect(subjects(m('anna')).slice(counts.anna + 2)).toEqual(['Prüffrist verstrichen: Kredit G']);
    expect(subjects(m('bert')).slice(counts.bert + 1)).toEqual(['Échéance de relecture dépassée : Kredit G']);
    expect(subjects(m('pia')).slice(counts.pia)).toEqual(['Bericht aangehouden: Kredit G']);
    const held = smtp.to(m('pia').email).at(-1)!;
    expect(held.text).toContain('de beoordelingstermijn is verstreken');
    expect(held.text).toContain(`https://preclear.bank.example/posts/${post.id}`);
    await request(t.http)
      .put(`${base()}/notification-preferences`)
      .set(auth(m('bert')))
      .send({ review_deadline_approaching: 'immediate' })
      .expect(200);
  });

  it('retries a mail the server refused, without touching the workflow', async () => {
    smtp.failNext(1);
    const before = subjects(m('anna')).length;
    const post = await submitNew('Kredit F');
    expect(post.status).toBe('in_review');
    await run();
    expect(subjects(m('anna')).length).toBe(before);
    const [row] = await t.dataSource.query(
      `SELECT status, attempts, last_error FROM notification_deliveries WHERE user_id = $1 AND status = 'pending'`,
      [m('anna').userId],
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await run();
    expect(subjects(m('anna')).slice(before)).toEqual(['Prüfung angefordert: Kredit F']);
  });
});

describe('Notifications when the SMTP server is down (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    const dead = await SmtpTestServer.start();
    const url = dead.url;
    await dead.close();
    t = await startTestApp({ SMTP_URL: url });
    ws = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'], reviewer: ['reviewer'] });
  });
  afterAll(() => t.close());

  it('lets the workflow go on, keeps the in-app notification and the mail for a retry', async () => {
    const brandId = (
      await createBrand(t, ws.id, ws.members.admin, {
        name: 'Musterbank',
        legalName: 'Musterbank AG',
        profile: DE_BANK_PROFILE,
      })
    ).id;
    const post = await createPost(t, ws.id, ws.members.marketer, compliantGermanCreditPost(brandId));
    await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${post.id}/submit`)
      .set(auth(ws.members.marketer))
      .send({ revision: post.revision })
      .expect(201);
    const outcomes = await t.app.get(NotificationWorker).runOnce(new Date(), ws.id);
    expect(outcomes).toEqual(['retry']);
    const inbox = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/notifications`)
      .set(auth(ws.members.reviewer))
      .expect(200);
    expect(inbox.body.unreadCount).toBe(1);
    const [row] = await t.dataSource.query(
      `SELECT status, attempts, last_error, due_at > now() AS later FROM notification_deliveries WHERE user_id = $1`,
      [ws.members.reviewer.userId],
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 1, later: true });
    expect(row.last_error).not.toMatch(/secret|test:/);
  });
});
