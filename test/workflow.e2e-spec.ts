import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import {
  ALL_ROLES,
  auth,
  createWorkspace,
  startTestApp,
  type TestApp,
  type TestMember,
  type TestWorkspace,
} from './support/test-app';
import {
  approvePost,
  compliantGermanCreditPost,
  DE_BANK_PROFILE,
  US_BROKER_PROFILE,
  usBrokeragePost,
  type WorkflowPost,
} from './support/workflow-fixtures';

/**
 * The approval workflow over HTTP: submission, stages derived from the packs, signatures
 * with separation of duties, revision binding, races, refusals and withdrawal.
 */
describe('Approval workflow (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let usBrandId: string;
  let deBrandId: string;
  const base = (): string => `/api/v1/workspaces/${ws.id}`;
  const m = (name: string): TestMember => ws.members[name];

  const submit = (postId: string, revision: number, as: TestMember = m('marketer')): request.Test =>
    request(t.http).post(`${base()}/posts/${postId}/submit`).set(auth(as)).send({ revision });
  const decide = (postId: string, as: TestMember, body: Record<string, unknown>): request.Test =>
    request(t.http).post(`${base()}/posts/${postId}/decisions`).set(auth(as)).send(body);
  const newUsPost = (overrides: Record<string, unknown> = {}): Promise<{ id: string; revision: number }> =>
    createPost(t, ws.id, m('marketer'), usBrokeragePost(usBrandId, overrides));
  const newDePost = (overrides: Record<string, unknown> = {}): Promise<{ id: string; revision: number }> =>
    createPost(t, ws.id, m('marketer'), compliantGermanCreditPost(deBrandId, overrides));

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(
      t,
      {
        ...ALL_ROLES,
        // Holds both signing roles: may sign either stage, but only one per post.
        dualsigner: ['reviewer', 'principal'],
        // Writes posts and reviews: never for the posts they wrote.
        writingreviewer: ['marketer', 'reviewer'],
      },
      { principal: { crdNumber: '7654321', title: 'Registered Principal' }, dualsigner: { crdNumber: '1112223' } },
    );
    usBrandId = (
      await createBrand(t, ws.id, m('admin'), {
        name: 'Acme Securities',
        legalName: 'Acme Securities LLC',
        profile: US_BROKER_PROFILE,
      })
    ).id;
    deBrandId = (
      await createBrand(t, ws.id, m('admin'), {
        name: 'Musterbank',
        legalName: 'Musterbank AG',
        profile: DE_BANK_PROFILE,
      })
    ).id;
  });
  afterAll(() => t.close());

  describe('the full path', () => {
    it('takes a US retail brokerage post by a FINRA member through compliance, then a registered principal, onto the schedule', async () => {
      const post = await newUsPost();
      const submitted = await submit(post.id, 1).expect(201);
      expect(submitted.body.status).toBe('in_review');
      // US-SUPERVISORY-REVIEW asks for compliance, FINRA 2210(b)(1) for a principal (finraMember: true).
      expect(
        submitted.body.stages.map((s: { stage: string; role: string; status: string }) => [s.stage, s.role, s.status]),
      ).toEqual([
        ['compliance', 'reviewer', 'open'],
        ['principal', 'principal', 'open'],
      ]);
      // Due = Tue 2027-11-16 10:00 New York minus REVIEW_BUFFER_MINUTES (240) = 06:00, before office
      // hours: the end of the previous working day, Mon 2027-11-15 17:00 New York (no filing wait).
      expect(submitted.body.stages[0].dueAt).toBe('2027-11-15T22:00:00.000Z');

      const afterCompliance = await decide(post.id, m('reviewer'), {
        revision: 1,
        stage: 'compliance',
        decision: 'approve',
      }).expect(201);
      expect(afterCompliance.body.status).toBe('in_review');
      expect(afterCompliance.body.stages[0]).toMatchObject({
        status: 'approved',
        signature: { decision: 'approve', decidedBy: m('reviewer').userId, revision: 1 },
      });

      const done = await decide(post.id, m('principal'), {
        revision: 1,
        stage: 'principal',
        decision: 'approve',
        comment: 'Fair and balanced.',
      }).expect(201);
      expect(done.body.status).toBe('scheduled');
      const principal = done.body.stages[1];
      expect(principal).toMatchObject({
        stage: 'principal',
        status: 'approved',
        signature: {
          decidedBy: m('principal').userId,
          contentHash: done.body.contentHash,
          qualification: { crdNumber: '7654321', title: 'Registered Principal' },
        },
      });
      // US approvals count for 30 days (approvalValidityDays in jurisdictions/us/pack.yaml).
      expect(Date.parse(principal.expiresAt) - Date.parse(principal.signature.decidedAt)).toBe(30 * 24 * 3600_000);

      const review = await request(t.http)
        .get(`${base()}/posts/${post.id}/review`)
        .set(auth(m('auditor')))
        .expect(200);
      expect(review.body.submission).toMatchObject({
        revision: 1,
        verdict: 'needs_approval',
        packVersions: { US: expect.stringMatching(/^sha256:/) },
      });
      expect(
        review.body.submission.evaluation.jurisdictions.find((j: { jurisdiction: string }) => j.jurisdiction === 'US')
          .findings[0].message,
      ).toEqual(expect.any(String));
    });

    it('takes a compliant German credit post through its single compliance stage', async () => {
      const post = await newDePost();
      const submitted = await submit(post.id, 1).expect(201);
      expect(submitted.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['compliance']);
      const done = await decide(post.id, m('legal'), { revision: 1, stage: 'compliance', decision: 'approve' }).expect(
        201,
      );
      expect(done.body).toMatchObject({ status: 'scheduled', stages: [{ stage: 'compliance', status: 'approved' }] });
    });

    it('approves at once a post no pack asks anyone to review', async () => {
      // A US brand post (no product) needs no compliance review and, without a product, no principal.
      const post = await newUsPost({
        title: 'Season greetings',
        productCategory: 'brand',
        body: 'Happy holidays from everyone at Acme Securities LLC.',
      });
      const res = await submit(post.id, 1).expect(201);
      expect(res.body).toMatchObject({ status: 'scheduled', stages: [] });
      const audit = await request(t.http)
        .get(`${base()}/audit?postId=${post.id}`)
        .set(auth(m('auditor')))
        .expect(200);
      expect(
        audit.body.items
          .filter((e: { action: string }) => e.action === 'post.transition')
          .map((e: { data: { event: string } }) => e.data.event),
      ).toEqual(['submit', 'approve', 'schedule']);
    });

    it('approvePost drives any post through all its stages (the helper other modules use)', async () => {
      const post = await newUsPost({ title: 'Helper' });
      const approved = await approvePost(t, ws, post.id);
      expect(approved.status).toBe('scheduled');
      expect(approved.stages.every((s) => s.status === 'approved')).toBe(true);
    });
  });

  describe('submission', () => {
    it('refuses a post that needs changes with the evaluation, translated', async () => {
      // A German credit teaser from a brand without an impressum: DDG §5 needs a fix.
      const post = await createPost(t, ws.id, m('marketer'), germanCreditPost(usBrandId));
      const res = await submit(post.id, 1).set('Accept-Language', 'de').expect(422);
      expect(res.body).toMatchObject({
        statusCode: 422,
        code: 'SUBMISSION_REFUSED',
        details: { verdict: 'needs_changes' },
      });
      // The message comes from the workflow's own catalogue (namespace `workflow`), in German.
      // ...with the verdict in German too, not the code.
      expect(res.body.message).toMatch(
        /^Der Beitrag kann nicht eingereicht werden: Die Prüfung ergibt änderungsbedürftig/,
      );
      expect(res.body.message).not.toContain('needs_changes');
      const de = res.body.details.jurisdictions.find((j: { jurisdiction: string }) => j.jurisdiction === 'DE');
      expect(de.findings.length).toBeGreaterThan(0);
      expect(
        de.findings.every((f: { message: unknown }) => typeof f.message === 'string' && f.message.length > 0),
      ).toBe(true);
      const after = await request(t.http)
        .get(`${base()}/posts/${post.id}`)
        .set(auth(m('marketer')))
        .expect(200);
      expect(after.body.status).toBe('draft');
    });

    it('refuses a stale revision with 409 and a second submission with 422', async () => {
      const post = await newDePost();
      await request(t.http)
        .patch(`${base()}/posts/${post.id}`)
        .set(auth(m('marketer')))
        .send({ revision: 1, title: 'Renamed' })
        .expect(200);
      const stale = await submit(post.id, 1).expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_REVISION', details: { currentRevision: 2 } });
      await submit(post.id, 2).expect(201);
      const again = await submit(post.id, 2).expect(422);
      expect(again.body.code).toBe('INVALID_TRANSITION');
    });
  });

  describe('separation of duties', () => {
    // Each test submits its own post, so it passes or fails alone, in any order.
    const submitted = async (title: string): Promise<WorkflowPost> =>
      (await submit((await newUsPost({ title })).id, 1).expect(201)).body;
    /** Submitted, with its compliance stage signed by `signer`: the principal stage is open. */
    const atPrincipal = async (title: string, signer = 'reviewer'): Promise<WorkflowPost> => {
      const post = await submitted(title);
      await decide(post.id, m(signer), { revision: 1, stage: 'compliance', decision: 'approve' }).expect(201);
      return post;
    };

    it('refuses a member without the stage role (403)', async () => {
      const post = await submitted('SoD role');
      const res = await decide(post.id, m('principal'), {
        revision: 1,
        stage: 'compliance',
        decision: 'approve',
      }).expect(403);
      expect(res.body.code).toBe('STAGE_ROLE_REQUIRED');
    });

    it('refuses the author of the revision even when they hold the role (403)', async () => {
      const own = await createPost(t, ws.id, m('writingreviewer'), usBrokeragePost(usBrandId, { title: 'Own work' }));
      await submit(own.id, 1, m('writingreviewer')).expect(201);
      const res = await decide(own.id, m('writingreviewer'), {
        revision: 1,
        stage: 'compliance',
        decision: 'approve',
      }).expect(403);
      expect(res.body.code).toBe('AUTHOR_CANNOT_SIGN');
    });

    it('refuses a later stage before the earlier ones are approved (422)', async () => {
      const post = await submitted('SoD order');
      const res = await decide(post.id, m('principal'), {
        revision: 1,
        stage: 'principal',
        decision: 'approve',
      }).expect(422);
      expect(res.body).toMatchObject({ code: 'STAGE_OUT_OF_ORDER', message: expect.stringContaining('compliance') });
    });

    it('lets one person sign at most one stage of a post (403)', async () => {
      const post = await atPrincipal('SoD one stage', 'dualsigner');
      const res = await decide(post.id, m('dualsigner'), {
        revision: 1,
        stage: 'principal',
        decision: 'approve',
      }).expect(403);
      expect(res.body).toMatchObject({ code: 'ONE_STAGE_PER_PERSON', message: expect.stringContaining('compliance') });
    });

    it('refuses a stale revision (409), a stage already signed (409) and a stage the post does not have (422)', async () => {
      const post = await atPrincipal('SoD refusals', 'dualsigner');
      const stale = await decide(post.id, m('principal'), {
        revision: 2,
        stage: 'principal',
        decision: 'approve',
      }).expect(409);
      expect(stale.body.code).toBe('STALE_REVISION');
      const twice = await decide(post.id, m('reviewer'), {
        revision: 1,
        stage: 'compliance',
        decision: 'approve',
      }).expect(409);
      expect(twice.body.code).toBe('STAGE_ALREADY_DECIDED');
      const unknown = await decide(post.id, m('reviewer'), { revision: 1, stage: 'legal', decision: 'approve' }).expect(
        422,
      );
      expect(unknown.body.code).toBe('STAGE_NOT_REQUIRED');
    });

    it('needs a comment to reject or request changes (400 naming comment)', async () => {
      const post = await atPrincipal('SoD comment');
      for (const decision of ['reject', 'request_changes']) {
        const res = await decide(post.id, m('principal'), { revision: 1, stage: 'principal', decision }).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['comment']);
        await decide(post.id, m('principal'), { revision: 1, stage: 'principal', decision, comment: '   ' }).expect(
          400,
        );
      }
      // Nothing was recorded: the stage is still open for the principal.
      await decide(post.id, m('principal'), { revision: 1, stage: 'principal', decision: 'approve' }).expect(201);
    });

    it('does not let an API key sign, whatever its roles (401)', async () => {
      const post = await atPrincipal('SoD key');
      const key = await request(t.http)
        .post(`${base()}/api-keys`)
        .set(auth(m('admin')))
        .send({ name: 'robot', roles: ['reviewer', 'principal'] })
        .expect(201);
      const res = await request(t.http)
        .post(`${base()}/posts/${post.id}/decisions`)
        .set({ Authorization: `Bearer ${key.body.key}` })
        .send({ revision: 1, stage: 'principal', decision: 'approve' })
        .expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    });

    it('takes the principal signature after compliance and schedules the post', async () => {
      const post = await atPrincipal('SoD complete');
      const res = await decide(post.id, m('principal'), {
        revision: 1,
        stage: 'principal',
        decision: 'approve',
      }).expect(201);
      expect(res.body.status).toBe('scheduled');
    });
  });

  describe('concurrent decisions', () => {
    it('lets exactly one of two reviewers deciding the same stage at the same moment win', async () => {
      // Ten rounds, each a race between two reviewers for the same stage of a fresh post.
      for (let round = 0; round < 10; round++) {
        const post = await newDePost({ title: `Race ${round}` });
        await submit(post.id, 1).expect(201);
        const results = await Promise.all(
          [m('reviewer'), m('legal')].map((who) =>
            decide(post.id, who, {
              revision: 1,
              stage: 'compliance',
              decision: round % 2 ? 'approve' : 'request_changes',
              comment: 'race',
            }),
          ),
        );
        const statuses = results.map((r) => r.status).sort();
        expect(statuses).toEqual([201, 409]);
        expect(results.find((r) => r.status === 409)?.body.code).toBe('STAGE_ALREADY_DECIDED');
        const live = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM review_decisions WHERE post_id = $1 AND voided_at IS NULL`,
          [post.id],
        );
        expect(live[0].n).toBe(1);
      }
    });

    it('has the database refuse a second live signature on a stage even without the lock', async () => {
      const post = await newDePost({ title: 'Backstop' });
      await submit(post.id, 1).expect(201);
      await decide(post.id, m('reviewer'), { revision: 1, stage: 'compliance', decision: 'approve' }).expect(201);
      await expect(
        t.dataSource.query(
          `INSERT INTO review_decisions (workspace_id, post_id, stage_id, stage, revision, content_hash, decision, decided_by, qualification, decided_at)
           SELECT workspace_id, post_id, stage_id, stage, revision, content_hash, decision, $2, '{}'::jsonb, now() FROM review_decisions WHERE post_id = $1`,
          [post.id, m('legal').userId],
        ),
      ).rejects.toThrow(/review_decisions_live_stage_key/);
    });
  });

  describe('approvals bind to a revision', () => {
    it('voids every approval when a scheduled post is edited, sends it back to draft and shows the reviewer a redline', async () => {
      const post = await newUsPost({ title: 'Edited after approval' });
      const approved = await approvePost(t, ws, post.id);
      expect(approved.status).toBe('scheduled');

      const edited = await request(t.http)
        .patch(`${base()}/posts/${post.id}`)
        .set(auth(m('marketer')))
        .send({ revision: 1, body: `${approved.body as string} Open an account in minutes.` })
        .expect(200);
      expect(edited.body).toMatchObject({ status: 'draft', revision: 2 });

      const review = await request(t.http)
        .get(`${base()}/posts/${post.id}/review`)
        .set(auth(m('reviewer')))
        .expect(200);
      expect(review.body.post.stages).toEqual([]);
      expect(
        review.body.history.map((s: { stage: string; status: string; voidReason: string }) => [
          s.stage,
          s.status,
          s.voidReason,
        ]),
      ).toEqual([
        ['compliance', 'void', 'revised'],
        ['principal', 'void', 'revised'],
      ]);
      // History keeps who had signed, marked void.
      expect(review.body.history[0].signature).toMatchObject({
        decidedBy: m('reviewer').userId,
        voidReason: 'revised',
        revision: 1,
      });
      expect(review.body.lastSeenRevision).toBe(1);
      expect(review.body.changesSinceLastSeen.body).toEqual([
        { op: 'equal', text: expect.stringContaining('Investing involves risk, including loss of principal.') },
        { op: 'insert', text: ' Open an account in minutes.' },
      ]);

      const audit = await request(t.http)
        .get(`${base()}/audit?postId=${post.id}`)
        .set(auth(m('auditor')))
        .expect(200);
      const voided = audit.body.items.find((e: { action: string }) => e.action === 'workflow.approvals_voided');
      expect(voided.data).toMatchObject({ reason: 'revised', revision: 2 });
      expect(voided.data.signatures).toHaveLength(2);

      // Submitted again, the same reviewer sees the change in the queue and may sign again.
      await submit(post.id, 2).expect(201);
      const queue = await request(t.http)
        .get(`${base()}/review-queue?limit=500`)
        .set(auth(m('reviewer')))
        .expect(200);
      const item = queue.body.items.find((i: { postId: string }) => i.postId === post.id);
      expect(item).toMatchObject({
        stage: 'compliance',
        revision: 2,
        lastSeenRevision: 1,
        changesSinceLastSeen: { from: 1, to: 2 },
      });
      const again = await decide(post.id, m('reviewer'), {
        revision: 2,
        stage: 'compliance',
        decision: 'approve',
      }).expect(201);
      expect(again.body.stages[0].signature.revision).toBe(2);
    });

    it('closes the round on request_changes and reject, with the comment as the reason', async () => {
      const post = await newUsPost({ title: 'Needs work' });
      await submit(post.id, 1).expect(201);
      const res = await decide(post.id, m('reviewer'), {
        revision: 1,
        stage: 'compliance',
        decision: 'request_changes',
        comment: 'Add the fee schedule link.',
      }).expect(201);
      expect(res.body).toMatchObject({
        status: 'changes_requested',
        statusReason: { stage: 'compliance', comment: 'Add the fee schedule link.' },
      });
      expect(res.body.stages.map((s: { status: string }) => s.status)).toEqual(['changes_requested', 'void']);

      // Submitted again unchanged: a fresh round; the earlier one is superseded.
      const again = await submit(post.id, 1).expect(201);
      expect(again.body.stages.map((s: { status: string }) => s.status)).toEqual(['open', 'open']);
      await decide(post.id, m('reviewer'), { revision: 1, stage: 'compliance', decision: 'approve' }).expect(201);
      const rejected = await decide(post.id, m('principal'), {
        revision: 1,
        stage: 'principal',
        decision: 'reject',
        comment: 'Not for retail.',
      }).expect(201);
      expect(rejected.body.status).toBe('rejected');
    });
  });

  describe('withdraw', () => {
    it('withdraws a post in review for good and closes its stages', async () => {
      const post = await newDePost({ title: 'Withdrawn' });
      await submit(post.id, 1).expect(201);
      const res = await request(t.http)
        .post(`${base()}/posts/${post.id}/withdraw`)
        .set(auth(m('publisher')))
        .send({ reason: 'Campaign cancelled' })
        .expect(201);
      expect(res.body).toMatchObject({
        status: 'withdrawn',
        statusReason: { code: 'withdrawn', note: 'Campaign cancelled' },
      });
      expect(res.body.stages[0]).toMatchObject({ status: 'void', voidReason: 'withdrawn' });
      const again = await request(t.http)
        .post(`${base()}/posts/${post.id}/withdraw`)
        .set(auth(m('marketer')))
        .send({})
        .expect(422);
      expect(again.body.code).toBe('INVALID_TRANSITION');
      await decide(post.id, m('reviewer'), { revision: 1, stage: 'compliance', decision: 'approve' }).expect(422);
    });
  });

  it('documents every workflow route in the OpenAPI document', async () => {
    const doc = await request(t.http).get('/api/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths);
    for (const path of [
      '/api/v1/workspaces/{workspaceId}/posts/{id}/submit',
      '/api/v1/workspaces/{workspaceId}/posts/{id}/decisions',
      '/api/v1/workspaces/{workspaceId}/posts/{id}/withdraw',
      '/api/v1/workspaces/{workspaceId}/posts/{id}/filings',
      '/api/v1/workspaces/{workspaceId}/posts/{id}/review',
      '/api/v1/workspaces/{workspaceId}/review-queue',
      '/api/v1/workspaces/{workspaceId}/filings',
    ]) {
      expect(paths).toContain(path);
    }
    expect(doc.body.components.schemas.DecisionDto.properties.decision.enum).toEqual([
      'approve',
      'reject',
      'request_changes',
    ]);
    expect(doc.body.components.schemas.WorkflowPostDto.properties.stages).toBeDefined();
  });

  describe('roles on every workflow route', () => {
    let postId: string;
    beforeAll(async () => {
      postId = (await newDePost({ title: 'Roles' })).id;
    });
    const roles = Object.keys(ALL_ROLES);
    const routes: { method: 'get' | 'post'; path: () => string; body?: Record<string, unknown>; allowed: string[] }[] =
      [
        {
          method: 'post',
          path: () => `${base()}/posts/${postId}/submit`,
          body: { revision: 99 },
          allowed: ['admin', 'marketer'],
        },
        {
          method: 'post',
          path: () => `${base()}/posts/${postId}/decisions`,
          body: { revision: 99, stage: 'compliance', decision: 'approve' },
          allowed: ['reviewer', 'legal', 'principal'],
        },
        {
          method: 'post',
          path: () => `${base()}/posts/${postId}/withdraw`,
          body: {},
          allowed: ['admin', 'marketer', 'publisher'],
        },
        {
          method: 'post',
          path: () => `${base()}/posts/${postId}/filings`,
          body: { regulator: 'FINRA', reference: 'X-1', filedAt: '2026-11-01T10:00:00Z' },
          allowed: ['admin', 'reviewer', 'legal', 'principal'],
        },
        {
          method: 'get',
          path: () => `${base()}/posts/${postId}/review`,
          allowed: ['admin', 'marketer', 'reviewer', 'legal', 'principal', 'auditor'],
        },
        { method: 'get', path: () => `${base()}/review-queue`, allowed: ['reviewer', 'legal', 'principal'] },
        {
          method: 'get',
          path: () => `${base()}/filings?due=true`,
          allowed: ['admin', 'reviewer', 'legal', 'principal', 'auditor'],
        },
      ];
    for (const route of routes) {
      for (const role of roles) {
        const allowed = route.allowed.includes(role);
        const label = route.path.toString().match(/}(\/[^`]*)`/)?.[1] ?? '';
        it(`${route.method.toUpperCase()} ${label} as ${role} -> ${allowed ? 'passes the role check' : '403'}`, async () => {
          const req = request(t.http)[route.method](route.path()).set(auth(ws.members[role]));
          const res = route.body ? await req.send(route.body) : await req;
          if (allowed) expect(res.body.code).not.toBe('FORBIDDEN_ROLE');
          else expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN_ROLE' });
        });
      }
    }
  });
});
