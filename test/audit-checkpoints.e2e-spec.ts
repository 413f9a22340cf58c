import { createPublicKey, verify as verifySignature } from 'node:crypto';
import request from 'supertest';
import { entryHash } from '../src/audit/audit-chain';
import { CheckpointsService } from '../src/audit/checkpoints.service';
import type { Role } from '../src/identity/roles';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

interface Report {
  ok: boolean;
  entries: number;
  firstBrokenSeq: number | null;
  problems: { code: string; seq?: number; message: string }[];
  checkpoint: { seq: number; hash: string; matches: boolean } | null;
  archive: { records: number; altered: number; alteredRecords: { id: string; problem: string }[] };
}

interface EntryRow {
  id: string;
  chain: string;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/**
 * The chain head is anchored by signed checkpoints the database cannot forge: someone with the
 * table owner's rights who re-hashes the chain, cuts its tail or rewrites an archive body is
 * caught by verify, where the bare hash chain alone would have said ok.
 */
describe('Signed audit checkpoints (e2e)', () => {
  let t: TestApp;
  const members: Record<string, Role[]> = { admin: ['admin'], auditor: ['auditor'], marketer: ['marketer'] };
  const base = (ws: TestWorkspace): string => `/api/v1/workspaces/${ws.id}/audit`;
  const verify = async (ws: TestWorkspace): Promise<Report> =>
    (
      await request(t.http)
        .get(`${base(ws)}/verify`)
        .set(auth(ws.members.auditor))
        .expect(200)
    ).body;
  const checkpoint = async (ws: TestWorkspace): Promise<{ seq: number; hash: string; keyId: string }> =>
    (
      await request(t.http)
        .post(`${base(ws)}/checkpoints`)
        .set(auth(ws.members.admin))
        .expect(201)
    ).body;

  /** A workspace with a few audit entries (brand and posts created over the API). */
  const busyWorkspace = async (): Promise<{ ws: TestWorkspace; postId: string }> => {
    const ws = await createWorkspace(t, members);
    const brand = await createBrand(t, ws.id, ws.members.admin);
    let postId = '';
    for (let i = 0; i < 3; i++) {
      postId = (await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brand.id, { title: `Post ${i}` }))).id;
    }
    return { ws, postId };
  };

  /** As the table owner with triggers off for the transaction: the attack the restricted role prevents. */
  const asOwnerWithoutTriggers = (
    work: (query: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<void>,
  ): Promise<void> =>
    t.owner.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await work((sql, params) => tx.query(sql, params));
    });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs the head on demand and exports checkpoints with a public key anyone can verify them with', async () => {
    const { ws } = await busyWorkspace();
    const { entries } = await verify(ws);
    const created = await checkpoint(ws);
    expect(created).toMatchObject({ chain: ws.id, seq: entries, createdBy: `user:${ws.members.admin.userId}` });

    const exported = (
      await request(t.http)
        .get(`${base(ws)}/checkpoints`)
        .set(auth(ws.members.auditor))
        .expect(200)
    ).body;
    expect(exported.publicKey).toMatchObject({
      algorithm: 'Ed25519',
      keyId: created.keyId,
      pem: expect.stringContaining('BEGIN PUBLIC KEY'),
    });
    expect(exported.items).toEqual([created]);
    const [item] = exported.items;
    expect(
      verifySignature(
        null,
        Buffer.from(item.signedMessage),
        createPublicKey(exported.publicKey.pem),
        Buffer.from(item.signature, 'base64'),
      ),
    ).toBe(true);
    expect(JSON.parse(item.signedMessage)).toEqual({
      chain: ws.id,
      seq: item.seq,
      hash: item.hash,
      signedAt: item.signedAt,
      keyId: item.keyId,
    });

    expect(await verify(ws)).toMatchObject({
      ok: true,
      firstBrokenSeq: null,
      problems: [],
      checkpoint: { seq: entries, matches: true },
    });
  });

  it('lets only auditors and admins of the workspace near checkpoints', async () => {
    const { ws } = await busyWorkspace();
    const other = await createWorkspace(t, members);
    await request(t.http)
      .post(`${base(ws)}/checkpoints`)
      .set(auth(ws.members.marketer))
      .expect(403);
    await request(t.http)
      .get(`${base(ws)}/checkpoints`)
      .set(auth(ws.members.marketer))
      .expect(403);
    await request(t.http)
      .post(`${base(ws)}/checkpoints`)
      .set(auth(other.members.admin))
      .expect(404);
    await request(t.http)
      .get(`${base(ws)}/checkpoints`)
      .set(auth(other.members.auditor))
      .expect(404);
    await request(t.http)
      .post(`${base(ws)}/checkpoints`)
      .expect(401);
  });

  it('detects a chain re-hashed after a forged row, which the hash chain alone accepts', async () => {
    const { ws } = await busyWorkspace();
    const signed = await checkpoint(ws);
    await asOwnerWithoutTriggers(async (query) => {
      const rows = (await query(`SELECT * FROM audit_entries WHERE chain = $1 ORDER BY seq`, [ws.id])) as EntryRow[];
      let prevHash = rows[0].prev_hash;
      for (const row of rows) {
        const forged = { ...row, prevHash, actor: row.seq === 2 ? 'user:mallory' : row.actor };
        const hash = entryHash(forged);
        await query(`UPDATE audit_entries SET actor = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [
          row.id,
          forged.actor,
          prevHash,
          hash,
        ]);
        prevHash = hash;
      }
    });
    const report = await verify(ws);
    expect(report.problems.map((p) => p.code)).toEqual(['checkpoint_mismatch']); // every link holds: only the checkpoint tells
    expect(report).toMatchObject({
      ok: false,
      firstBrokenSeq: signed.seq,
      checkpoint: { seq: signed.seq, matches: false },
    });
  });

  it('detects a cut tail against the last checkpoint', async () => {
    const { ws } = await busyWorkspace();
    const signed = await checkpoint(ws);
    await asOwnerWithoutTriggers(async (query) => {
      await query(`DELETE FROM audit_entries WHERE chain = $1 AND seq > $2`, [ws.id, signed.seq - 2]);
    });
    const report = await verify(ws);
    expect(report.problems.map((p) => p.code)).toEqual(['chain_truncated']);
    expect(report).toMatchObject({ ok: false, entries: signed.seq - 2, firstBrokenSeq: signed.seq - 1 });
  });

  it('names a checkpoint whose signature does not hold', async () => {
    const { ws } = await busyWorkspace();
    const signed = await checkpoint(ws);
    await t.owner.query(
      `INSERT INTO audit_checkpoints (chain, seq, hash, signed_at, key_id, signature, created_by) SELECT chain, seq + 5, hash, signed_at, key_id, signature, created_by
         FROM audit_checkpoints WHERE chain = $1`,
      [ws.id],
    );
    const report = await verify(ws);
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'checkpoint_signature_invalid', seq: signed.seq + 5 }),
    ]);
    expect(report.checkpoint).toMatchObject({ seq: signed.seq, matches: true });
  });

  it('re-derives every archive record from its revision and names a rewritten body', async () => {
    const { ws, postId } = await busyWorkspace();
    const [publication] = await t.owner.query(
      `INSERT INTO publications (workspace_id, post_id, revision, channel, idempotency_key, status) VALUES ($1, $2, 1, 'instagram', $3, 'succeeded') RETURNING id`,
      [ws.id, postId, `key-${postId}`],
    );
    const [record] = await t.owner.query(
      `INSERT INTO archive_records (workspace_id, post_id, revision, channel, publication_id, idempotency_key, content_hash, title, body, locale, links, media,
                                    jurisdictions, approvals, evaluation, pack_versions, scheduled_at, published_at, retain_until)
       SELECT $1, r.post_id, r.number, 'instagram', $2, $3, r.content_hash, r.content->>'title', r.content->>'body', r.content->>'locale', r.content->'links',
              r.content->'media', ARRAY(SELECT jsonb_array_elements_text(r.content->'jurisdictions')), '[]', '{}', '{}', (r.content->>'scheduledAt')::timestamptz,
              now(), now() + interval '5 years'
         FROM post_revisions r WHERE r.post_id = $4 AND r.number = 1 RETURNING id`,
      [ws.id, publication.id, `key-${postId}`, postId],
    );
    expect(await verify(ws)).toMatchObject({ ok: true, archive: { records: 1, altered: 0 } });

    await asOwnerWithoutTriggers(async (query) => {
      await query(`UPDATE archive_records SET body = 'Garantiert 0 % Zinsen' WHERE id = $1`, [record.id]);
    });
    const report = await verify(ws);
    expect(report).toMatchObject({
      ok: false,
      firstBrokenSeq: null,
      archive: { records: 1, altered: 1, alteredRecords: [{ id: record.id, problem: 'content_altered' }] },
    });
    expect(report.problems.map((p) => p.code)).toEqual(['archive_record_altered']);
  });

  it('checkpoints every chain that grew since its last checkpoint, and only those', async () => {
    const { ws } = await busyWorkspace();
    const service = t.app.get(CheckpointsService);
    await service.checkpointGrownChains();
    const head = (await verify(ws)).entries;
    expect((await service.list(ws.id)).map((c) => c.seq)).toEqual([head]);
    await service.checkpointGrownChains();
    expect(await service.list(ws.id)).toHaveLength(1);
    await createBrand(t, ws.id, ws.members.admin, { name: 'Second' });
    await service.checkpointGrownChains();
    expect((await service.list(ws.id)).map((c) => c.seq)).toEqual([head, head + 1]);
  });
});
