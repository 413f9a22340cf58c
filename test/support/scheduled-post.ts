import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { contentHash, type PostContent } from '../../src/calendar/domain/post-content';
import type { Channel } from '../../src/calendar/domain/post-vocabulary';
import { auth, type TestApp, type TestWorkspace } from './test-app';
import { serverUrl, testDatabaseUrl, testQueuePrefix } from './test-env';

/**
 * A German bank with its impressum where the DDG wants it: a plain brand post of it is clear and needs no review stage.
 */
export const DE_BANK_PROFILE = {
  DE: { impressumUrl: 'https://musterbank.example/impressum', impressumLinkLabel: 'Impressum' },
};

/** A DE brand post that the packs find clear with no stage to sign (so submitting it approves it at once). */
export function clearBrandPost(brandId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    brandId,
    title: 'Filialfest',
    body: 'Besuchen Sie uns beim Filialfest der Musterbank.',
    locale: 'de-DE',
    productCategory: 'brand',
    communicationType: 'retail',
    audience: 'retail',
    channels: ['instagram'],
    jurisdictions: ['DE'],
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

export interface ScheduledPostSpec {
  dueAt: Date;
  channels?: Channel[];
  body?: string;
}

/**
 * Writes approved, `scheduled` posts straight into the database: the post, its revision and
 * a clear submission without stages, which is what the workflow leaves behind for a post
 * that needed no review. For tests and the benchmark that need hundreds or thousands of due
 * posts at once; the publish job re-checks them exactly as it checks a post approved over
 * HTTP (status, revision, hashes, clearance, the packs in force). No publish job is added:
 * the reconciler finds them, as it would after a Redis flush.
 */
export async function insertScheduledPosts(
  dataSource: DataSource,
  options: { workspaceId: string; brandId: string; userId: string; posts: ScheduledPostSpec[] },
): Promise<string[]> {
  const rows = options.posts.map((spec, i) => {
    const content: PostContent = {
      title: `Bulk post ${i + 1}`,
      body: spec.body ?? `Besuchen Sie uns beim Filialfest der Musterbank (${i + 1}).`,
      locale: 'de-DE',
      productCategory: 'brand',
      communicationType: 'retail',
      audience: 'retail',
      interactive: false,
      paid: false,
      influencer: false,
      channels: spec.channels ?? ['instagram'],
      jurisdictions: ['DE'],
      links: [],
      media: [],
      campaignId: null,
      brandId: options.brandId,
      scheduledAt: spec.dueAt.toISOString(),
      timezone: 'Europe/Berlin',
    };
    return { id: randomUUID(), content, hash: contentHash(content) };
  });
  const evaluation = {
    verdict: 'clear',
    evaluatedAt: new Date().toISOString(),
    publishAt: new Date().toISOString(),
    packVersions: {},
    jurisdictions: [],
    requiredStages: [],
    retention: { years: 6 },
  };
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO posts (id, workspace_id, brand_id, campaign_id, created_by, status, revision, content_hash, title, body, locale, product_category,
                            communication_type, audience, interactive, paid, influencer, channels, jurisdictions, links, media, scheduled_at, timezone, feed_sequence)
         SELECT u.id, $2, $3, NULL, $4, 'scheduled', 1, u.hash, u.title, u.body, 'de-DE', 'brand', 'retail', 'retail', false, false, false,
                u.channels::text[], '{DE}', '[]'::jsonb, '[]'::jsonb, u.scheduled_at, 'Europe/Berlin', 3
           FROM unnest($1::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[]) AS u(id, hash, title, body, channels, scheduled_at)`,
        [
          chunk.map((r) => r.id),
          options.workspaceId,
          options.brandId,
          options.userId,
          chunk.map((r) => r.hash),
          chunk.map((r) => r.content.title),
          chunk.map((r) => r.content.body),
          chunk.map((r) => `{${r.content.channels.join(',')}}`),
          chunk.map((r) => r.content.scheduledAt),
        ],
      );
      await tx.query(
        `INSERT INTO post_revisions (post_id, number, author_id, content, content_hash)
         SELECT u.id, 1, $2, u.content, u.hash FROM unnest($1::uuid[], $3::jsonb[], $4::text[]) AS u(id, content, hash)`,
        [chunk.map((r) => r.id), options.userId, chunk.map((r) => JSON.stringify(r.content)), chunk.map((r) => r.hash)],
      );
      await tx.query(
        `INSERT INTO submissions (workspace_id, post_id, revision, content_hash, submitted_by, submitted_at, verdict, evaluation, pack_versions, approval_validity_days)
         SELECT $2, u.id, 1, u.hash, $3, now(), 'clear', $4::jsonb, '{}'::jsonb, 365 FROM unnest($1::uuid[], $5::text[]) AS u(id, hash)`,
        [
          chunk.map((r) => r.id),
          options.workspaceId,
          `user:${options.userId}`,
          JSON.stringify(evaluation),
          chunk.map((r) => r.hash),
        ],
      );
    });
  }
  return rows.map((r) => r.id);
}

/** A brand whose plain posts are clear in DE (see DE_BANK_PROFILE), written over HTTP by the admin. */
export async function createDeBrand(t: TestApp, ws: TestWorkspace, name = 'Musterbank'): Promise<string> {
  const res = await request(t.http)
    .post(`/api/v1/workspaces/${ws.id}/brands`)
    .set(auth(ws.members.admin))
    .send({ name, legalName: `${name} AG`, profile: DE_BANK_PROFILE });
  if (res.status !== 201) throw new Error(`brand not created: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** A webhook target for the brand on a channel, pointing at a test receiver. */
export async function createWebhookChannel(
  t: TestApp,
  ws: TestWorkspace,
  brandId: string,
  channel: Channel,
  receiver: { url: string; secret: string },
): Promise<string> {
  const res = await request(t.http)
    .post(`/api/v1/workspaces/${ws.id}/channels`)
    .set(auth(ws.members.publisher))
    .send({
      name: `${channel} test target`,
      brandId,
      channel,
      adapter: 'webhook',
      config: { url: receiver.url, secret: receiver.secret },
    });
  if (res.status !== 201) throw new Error(`channel not created: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/**
 * A clear post created and submitted over HTTP: it needs no stage, so the submission approves
 * it and the ScheduleGate puts it on the schedule (or holds it). Returns the post as the
 * submission answered it.
 */
export async function submitClearPost(
  t: TestApp,
  ws: TestWorkspace,
  brandId: string,
  scheduledAt: Date,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; status: string; revision: number; statusReason: Record<string, unknown> | null }> {
  const created = await request(t.http)
    .post(`/api/v1/workspaces/${ws.id}/posts`)
    .set(auth(ws.members.marketer))
    .send(clearBrandPost(brandId, { scheduledAt: scheduledAt.toISOString(), ...overrides }));
  if (created.status !== 201) throw new Error(`post not created: ${created.status} ${JSON.stringify(created.body)}`);
  const submitted = await request(t.http)
    .post(`/api/v1/workspaces/${ws.id}/posts/${created.body.id}/submit`)
    .set(auth(ws.members.marketer))
    .send({ revision: created.body.revision });
  if (submitted.status !== 201) {
    throw new Error(`post not submitted: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  }
  return submitted.body;
}

/** Polls the post until its status is one of `statuses` (the publish job runs in the background). */
export async function waitForStatus(
  t: TestApp,
  ws: TestWorkspace,
  postId: string,
  statuses: string[],
  timeoutMs = 10_000,
): Promise<{ status: string; statusReason: Record<string, unknown> | null; [k: string]: unknown }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(t.http).get(`/api/v1/workspaces/${ws.id}/posts/${postId}`).set(auth(ws.members.admin));
    if (statuses.includes(res.body.status)) return res.body;
    if (Date.now() > deadline) {
      throw new Error(
        `post ${postId} is ${res.body.status} ${JSON.stringify(res.body.statusReason)}, not ${statuses.join('/')} after ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A database and a Redis key prefix of the test's own. Tests that run a worker need them: a
 * worker's reconciler publishes every due post of its database, so sharing this run's
 * database would let it publish (or fail) other test files' posts, and let their workers
 * publish ours. The prefix stays under this run's prefix, which global-teardown sweeps.
 */
export function isolatedStore(label: string): {
  env: { DATABASE_URL: string; QUEUE_PREFIX: string };
  drop(): Promise<void>;
} {
  const name = `${new URL(testDatabaseUrl()).pathname.slice(1)}_${label}`.slice(0, 63);
  const env = { DATABASE_URL: `${serverUrl()}/${name}`, QUEUE_PREFIX: `${testQueuePrefix()}:${label}` };
  return {
    env,
    drop: async () => {
      const client = new Client({ connectionString: `${serverUrl()}/postgres` });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
