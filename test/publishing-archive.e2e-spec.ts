import request from 'supertest';
import { createDeBrand, createWebhookChannel, isolatedStore, waitForStatus } from './support/scheduled-post';
import { DueWork } from './support/due-work';
import { TestClock } from './support/test-clock';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { approvePost, compliantGermanCreditPost } from './support/workflow-fixtures';
import { WebhookReceiver } from './support/webhook-receiver';

/** A minimal RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF rows, line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

/**
 * What went out, for examiners: the archive, its exports, and the database guarding its retention.
 * The post goes out at 09:00 UTC on 1 March 2027 by a TestClock, so its record's instants are known.
 */
describe('Publication archive (e2e)', () => {
  const store = isolatedStore('archive');
  let t: TestApp;
  let ws: TestWorkspace;
  let receiver: WebhookReceiver;
  let postId: string;
  const clock = new TestClock('2027-03-01T08:00:00Z');
  const publishAt = new Date('2027-03-01T09:00:00Z');
  const base = (): string => `/api/v1/workspaces/${ws.id}`;

  beforeAll(async () => {
    t = await startTestApp({ ...store.env, RUN_WORKERS: 'true', REVIEW_BUFFER_MINUTES: '0' }, { clock });
    ws = await createWorkspace(t, ALL_ROLES);
    receiver = await WebhookReceiver.start();
    const brandId = await createDeBrand(t, ws);
    await createWebhookChannel(t, ws, brandId, 'instagram', receiver);
    // A paid German credit ad: it needs the compliance stage, signed by a reviewer over HTTP.
    const created = await request(t.http)
      .post(`${base()}/posts`)
      .set(auth(ws.members.marketer))
      .send(compliantGermanCreditPost(brandId, { scheduledAt: publishAt.toISOString() }))
      .expect(201);
    postId = created.body.id;
    const approved = await approvePost(t, ws, postId);
    expect(approved.status).toBe('scheduled');
    await new DueWork(t, clock).advanceTo(publishAt);
    await waitForStatus(t, ws, postId, ['published']);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
    await store.drop();
  });

  it('archives the exact text, the approvals with their approvers, the findings, the pack versions and retainUntil', async () => {
    await request(t.http).get(`${base()}/archive`).set(auth(ws.members.marketer)).expect(403);
    const res = await request(t.http).get(`${base()}/archive`).set(auth(ws.members.auditor)).expect(200);
    expect(res.body.items).toHaveLength(1);
    const [record] = res.body.items;
    const [sent] = receiver.requests;
    const revision = await request(t.http)
      .get(`${base()}/posts/${postId}/revisions`)
      .set(auth(ws.members.auditor))
      .expect(200);
    expect(record).toMatchObject({
      postId,
      revision: 1,
      channel: 'instagram',
      externalId: 'ext-1',
      idempotencyKey: `${postId}:1:instagram`,
      body: sent.body.body,
      contentHash: revision.body[0].contentHash,
      jurisdictions: ['DE'],
      verdict: expect.stringMatching(/^(clear|needs_approval)$/),
      packVersions: { DE: expect.stringMatching(/^sha256:/) },
      retentionYears: 6,
    });
    expect(record.body).toBe(compliantGermanCreditPost('x').body);
    expect(record.approvals).toEqual([
      expect.objectContaining({
        stage: 'compliance',
        decidedBy: expect.any(String),
        name: expect.any(String),
        email: expect.stringContaining('@test.preclear'),
        contentHash: record.contentHash,
      }),
    ]);
    const signer = Object.values(ws.members).find((m) => m.userId === record.approvals[0].decidedBy);
    expect(signer?.roles).toContain('reviewer');
    // DE keeps business communications six years (HGB §257): retainUntil is publication + 6 years.
    const published = new Date(record.publishedAt);
    expect(published).toEqual(publishAt);
    const retain = new Date(record.retainUntil);
    expect(retain.getUTCFullYear() - published.getUTCFullYear()).toBe(6);
    expect(retain.getUTCMonth()).toBe(published.getUTCMonth());

    const later = await request(t.http)
      .get(`${base()}/archive?from=${new Date(publishAt.getTime() + 3600_000).toISOString()}`)
      .set(auth(ws.members.admin))
      .expect(200);
    expect(later.body.items).toEqual([]);
  });

  it('exports JSON lines and properly quoted CSV', async () => {
    const jsonl = await request(t.http)
      .get(`${base()}/archive/export?format=jsonl`)
      .set(auth(ws.members.auditor))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers['content-type']).toContain('application/x-ndjson');
    const lines = (jsonl.body as string).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      postId,
      channel: 'instagram',
      body: compliantGermanCreditPost('x').body,
    });

    const csv = await request(t.http)
      .get(`${base()}/archive/export?format=csv`)
      .set(auth(ws.members.auditor))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('archive.csv');
    const rows = parseCsv(csv.body as string);
    expect(rows).toHaveLength(2);
    const [header, row] = rows;
    const column = (name: string): string => row[header.indexOf(name)];
    expect(header.slice(0, 4)).toEqual(['id', 'publishedAt', 'retainUntil', 'postId']);
    // The body has line breaks, so the field is quoted and survives the round trip byte for byte.
    expect(column('body')).toBe(compliantGermanCreditPost('x').body);
    expect(column('jurisdictions')).toBe('DE');
    expect(JSON.parse(column('approvals'))[0].stage).toBe('compliance');
    await request(t.http).get(`${base()}/archive/export?format=xml`).set(auth(ws.members.auditor)).expect(400);
  });

  it('re-derives every published record from its approved revision in audit verify', async () => {
    const res = await request(t.http).get(`${base()}/audit/verify`).set(auth(ws.members.auditor)).expect(200);
    expect(res.body).toMatchObject({ ok: true, problems: [], archive: { altered: 0 } });
    expect(res.body.archive.records).toBeGreaterThanOrEqual(1);
  });

  it('is guarded by the database: no update ever, no delete before retainUntil', async () => {
    const [record] = await t.owner.query(`SELECT id, publication_id, post_id FROM archive_records WHERE post_id = $1`, [
      postId,
    ]);
    await expect(t.owner.query(`DELETE FROM archive_records WHERE id = $1`, [record.id])).rejects.toThrow(
      /must be kept until/,
    );
    await expect(
      t.owner.query(`UPDATE archive_records SET body = 'rewritten' WHERE id = $1`, [record.id]),
    ).rejects.toThrow(/cannot be changed/);
    await expect(t.owner.query(`TRUNCATE archive_records`)).rejects.toThrow(/append-only/);

    // A record whose retention has run out may go: one written straight in with old dates.
    const [publication] = await t.owner.query(
      `INSERT INTO publications (workspace_id, post_id, revision, channel, idempotency_key, status) VALUES ($1, $2, 1, 'x', 'old', 'succeeded') RETURNING id`,
      [ws.id, postId],
    );
    const [old] = await t.owner.query(
      `INSERT INTO archive_records (workspace_id, post_id, revision, channel, publication_id, idempotency_key, content_hash, title, body, locale, links, media, jurisdictions,
                                    approvals, evaluation, pack_versions, published_at, retain_until)
       SELECT workspace_id, post_id, revision, 'x', $2, 'old', content_hash, title, body, locale, links, media, jurisdictions, approvals, evaluation, pack_versions,
              '2015-01-01T00:00:00Z', '2021-01-01T00:00:00Z'
         FROM archive_records WHERE id = $1 RETURNING id`,
      [record.id, publication.id],
    );
    await t.owner.query(`DELETE FROM archive_records WHERE id = $1`, [old.id]);
    const [{ n }] = await t.owner.query(`SELECT count(*)::int AS n FROM archive_records WHERE post_id = $1`, [postId]);
    expect(n).toBe(1);
  });
});
