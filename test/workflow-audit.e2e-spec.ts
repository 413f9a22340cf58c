import request from 'supertest';
import { createBrand, createPost } from './support/fixtures';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { approvePost, compliantGermanCreditPost, DE_BANK_PROFILE } from './support/workflow-fixtures';

interface AuditItem {
  seq: number;
  action: string;
  actor: string;
  data: Record<string, unknown>;
}

/**
 * The evidence the workflow leaves: audit entries for submission, signatures, transitions,
 * voiding and filings; a hash chain that verifies and names the first entry someone changed
 * behind its back; and tables the database refuses to rewrite.
 */
describe('Workflow evidence (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let postId: string;
  const url = (path: string): string => `/api/v1/workspaces/${ws.id}${path}`;
  const entries = async (): Promise<AuditItem[]> =>
    (
      await request(t.http)
        .get(url(`/audit?postId=${postId}`))
        .set(auth(ws.members.auditor))
        .expect(200)
    ).body.items;
  const verify = async (): Promise<{ ok: boolean; entries: number; firstBrokenSeq: number | null }> =>
    (await request(t.http).get(url('/audit/verify')).set(auth(ws.members.auditor)).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, ALL_ROLES, { reviewer: { crdNumber: '5550001' } });
    const brand = await createBrand(t, ws.id, ws.members.admin, { profile: DE_BANK_PROFILE });
    postId = (await createPost(t, ws.id, ws.members.marketer, compliantGermanCreditPost(brand.id))).id;
    await approvePost(t, ws, postId);
    await request(t.http)
      .patch(url(`/posts/${postId}`))
      .set(auth(ws.members.marketer))
      .send({ revision: 1, title: 'Wunschkredit Januar' })
      .expect(200);
  });
  afterAll(() => t.close());

  it('records submission, signature, transitions and voiding for the post, in order', async () => {
    const items = await entries();
    const actions = items.map((e) =>
      e.action === 'post.transition' ? `transition:${String(e.data.event)}` : e.action,
    );
    const order = [
      'post.created',
      'workflow.submitted',
      'transition:submit',
      'workflow.decision',
      'transition:approve',
      'transition:schedule',
      'post.revised',
      'workflow.approvals_voided',
    ];
    expect(order.map((a) => actions.indexOf(a))).toEqual(
      [...order.map((a) => actions.indexOf(a))].sort((x, y) => x - y),
    );
    expect(order.every((a) => actions.includes(a))).toBe(true);

    const submitted = items.find((e) => e.action === 'workflow.submitted');
    expect(submitted?.data).toMatchObject({
      revision: 1,
      verdict: 'needs_approval',
      packVersions: { DE: expect.stringMatching(/^sha256:/) },
      stages: [{ stage: 'compliance', role: 'reviewer' }],
    });
    const decision = items.find((e) => e.action === 'workflow.decision');
    expect(decision).toMatchObject({
      actor: `user:${ws.members.reviewer.userId}`,
      data: {
        stage: 'compliance',
        decision: 'approve',
        revision: 1,
        contentHash: expect.stringMatching(/^sha256:/),
        qualification: { crdNumber: '5550001' },
      },
    });
    expect(items.find((e) => e.action === 'workflow.approvals_voided')?.data).toMatchObject({
      reason: 'revised',
      revision: 2,
      signatures: [{ stage: 'compliance', decision: 'approve' }],
    });
  });

  it('verifies the chain, then names the entry changed behind its back', async () => {
    const before = await verify();
    expect(before).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(before.entries).toBeGreaterThanOrEqual((await entries()).length);

    const decision = (await entries()).find((e) => e.action === 'workflow.decision') as AuditItem;
    // Only the table owner can switch the trigger off; done inside one transaction so no other
    // test ever sees the table unguarded.
    await t.owner.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
      await tx.query(
        `UPDATE audit_entries SET data = jsonb_set(data, '{decision}', '"reject"') WHERE chain = $1 AND seq = $2`,
        [ws.id, decision.seq],
      );
      await tx.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
    });
    const after = await verify();
    expect(after).toMatchObject({ ok: false, firstBrokenSeq: decision.seq });
  });

  it('has the database refuse to rewrite or delete evidence even to the table owner while the triggers are on', async () => {
    await expect(t.owner.query(`UPDATE audit_entries SET actor = 'someone' WHERE chain = $1`, [ws.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.owner.query(`DELETE FROM audit_entries WHERE chain = $1`, [ws.id])).rejects.toThrow(/append-only/);
    await expect(
      t.owner.query(`UPDATE submissions SET verdict = 'clear' WHERE post_id = $1`, [postId]),
    ).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`DELETE FROM submissions WHERE post_id = $1`, [postId])).rejects.toThrow(/append-only/);
    // A signature may be voided once, never rewritten or removed.
    await expect(
      t.owner.query(`UPDATE review_decisions SET decision = 'reject' WHERE post_id = $1`, [postId]),
    ).rejects.toThrow(/only be voided/);
    await expect(
      t.owner.query(`UPDATE review_decisions SET voided_at = now() WHERE post_id = $1`, [postId]),
    ).rejects.toThrow(/only be voided/);
    await expect(t.owner.query(`DELETE FROM review_decisions WHERE post_id = $1`, [postId])).rejects.toThrow(
      /append-only/,
    );
  });
});
