import request from 'supertest';
import { Post } from '../src/calendar/entities/post.entity';
import { PostTransitionsService } from '../src/workflow/post-transitions.service';
import { ReviewSweeperService } from '../src/workflow/review-sweeper.service';
import { Clock } from '../src/common/clock/clock';
import { PublicationClearanceService } from '../src/workflow/publication-clearance.service';
import { createBrand, createPost } from './support/fixtures';
import {
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
 * Time in the workflow: review deadlines and the queue, the sweep that holds posts whose
 * reviews are late or whose approvals expired, and regulator filings counted in US business
 * days. The workflow clock is pinned where a scenario needs a date; every sweep is limited to
 * the scenario's own workspace so it never touches another test's posts.
 */
/** A workflow-clock instant before every scenario's schedule, for setting the scenarios up. */
const BEFORE_THE_SCENARIOS = '2026-11-20T12:00:00Z';

describe('Workflow deadlines, review queue and filings (e2e)', () => {
  let t: TestApp;
  let clock: Clock;
  let sweeper: ReviewSweeperService;

  const members = {
    marketer: ['marketer'],
    reviewer: ['reviewer'],
    legal: ['reviewer'],
    principal: ['principal'],
    dual: ['reviewer', 'principal'],
    writer: ['marketer', 'reviewer'],
    admin: ['admin'],
    publisher: ['publisher'],
  } as const;
  const newWorkspace = (): Promise<TestWorkspace> =>
    createWorkspace(t, Object.fromEntries(Object.entries(members).map(([k, v]) => [k, [...v]])));
  const url = (ws: TestWorkspace, path: string): string => `/api/v1/workspaces/${ws.id}${path}`;
  const at = (iso: string): void => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));
  };
  const getPost = async (ws: TestWorkspace, id: string): Promise<WorkflowPost> =>
    (
      await request(t.http)
        .get(url(ws, `/posts/${id}/review`))
        .set(auth(ws.members.admin))
        .expect(200)
    ).body.post;
  const submit = (ws: TestWorkspace, id: string, as: TestMember = ws.members.marketer): request.Test =>
    request(t.http)
      .post(url(ws, `/posts/${id}/submit`))
      .set(auth(as))
      .send({ revision: 1 });
  const decide = (ws: TestWorkspace, id: string, as: TestMember, stage: string, revision = 1): request.Test =>
    request(t.http)
      .post(url(ws, `/posts/${id}/decisions`))
      .set(auth(as))
      .send({ revision, stage, decision: 'approve' });
  const queue = async (
    ws: TestWorkspace,
    as: TestMember,
  ): Promise<{ title: string; stage: string; overdue: boolean; waitingFor: string[]; postStatus: string }[]> =>
    (await request(t.http).get(url(ws, '/review-queue')).set(auth(as)).expect(200)).body.items;
  const transition = (id: string, ...events: Parameters<PostTransitionsService['apply']>[2][]): Promise<void> =>
    t.dataSource.transaction(async (tx) => {
      const post = await tx.getRepository(Post).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      for (const event of events) await t.app.get(PostTransitionsService).apply(tx, post, event, 'system');
    });

  const release = (ws: TestWorkspace, id: string): request.Test =>
    request(t.http)
      .post(url(ws, `/posts/${id}/release`))
      .set(auth(ws.members.publisher))
      .send({});
  const blockers = async (id: string): Promise<{ code: string }[]> =>
    t.app
      .get(PublicationClearanceService)
      .blockers(t.dataSource.manager, await t.dataSource.getRepository(Post).findOneByOrFail({ id }));

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(Clock);
    sweeper = t.app.get(ReviewSweeperService);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  describe('review queue', () => {
    let ws: TestWorkspace;
    beforeAll(async () => {
      // Posts are planned for times still ahead of the workflow clock (a past schedule is refused).
      at(BEFORE_THE_SCENARIOS);
      ws = await newWorkspace();
      const brand = await createBrand(t, ws.id, ws.members.admin, { profile: US_BROKER_PROFILE });
      const plan = [
        { title: 'A', scheduledAt: '2026-12-20T10:00:00-05:00', author: ws.members.marketer },
        { title: 'B', scheduledAt: '2026-12-10T10:00:00-05:00', author: ws.members.marketer },
        { title: 'C', scheduledAt: '2026-12-15T10:00:00-05:00', author: ws.members.marketer },
        { title: 'D', scheduledAt: '2026-12-05T10:00:00-05:00', author: ws.members.writer },
      ];
      for (const p of plan) {
        const post = await createPost(
          t,
          ws.id,
          p.author,
          usBrokeragePost(brand.id, { title: p.title, scheduledAt: p.scheduledAt }),
        );
        await submit(ws, post.id, p.author).expect(201);
      }
    });

    it('lists the stages the caller may sign, earliest deadline first, and leaves out their own posts', async () => {
      expect((await queue(ws, ws.members.reviewer)).map((i) => `${i.title}:${i.stage}`)).toEqual([
        'D:compliance',
        'B:compliance',
        'C:compliance',
        'A:compliance',
      ]);
      // The writer wrote D: separation of duties keeps it out of their queue.
      expect((await queue(ws, ws.members.writer)).map((i) => i.title)).toEqual(['B', 'C', 'A']);
      // A principal sees the principal stages, waiting for compliance.
      const principal = await queue(ws, ws.members.principal);
      expect(principal.map((i) => [i.title, i.stage, i.waitingFor])).toEqual([
        ['D', 'principal', ['compliance']],
        ['B', 'principal', ['compliance']],
        ['C', 'principal', ['compliance']],
        ['A', 'principal', ['compliance']],
      ]);
    });

    it('drops a stage once signed and a post once the caller signed another of its stages', async () => {
      const items = await request(t.http).get(url(ws, '/review-queue')).set(auth(ws.members.reviewer)).expect(200);
      const b = items.body.items.find((i: { title: string }) => i.title === 'B');
      const c = items.body.items.find((i: { title: string }) => i.title === 'C');
      await decide(ws, b.postId, ws.members.reviewer, 'compliance').expect(201);
      await decide(ws, c.postId, ws.members.dual, 'compliance').expect(201);
      expect((await queue(ws, ws.members.reviewer)).map((i) => i.title)).toEqual(['D', 'A']);
      // dual signed C's compliance, so C's principal stage is not theirs to sign.
      expect((await queue(ws, ws.members.dual)).map((i) => `${i.title}:${i.stage}`)).toEqual([
        'D:compliance',
        'D:principal',
        'B:principal',
        'A:compliance',
        'A:principal',
      ]);
      const principal = await queue(ws, ws.members.principal);
      expect(principal.find((i) => i.title === 'B')?.waitingFor).toEqual([]);
    });

    it('flags stages past their due time as overdue', async () => {
      // B goes out Thu 2026-12-10 10:00 New York; minus the 240-minute buffer is 06:00, before office
      // hours, so it is due Wed 17:00 New York (2026-12-09 22:00Z); C (the 15th) is due the 14th.
      at('2026-12-09T22:00:01Z');
      const items = await queue(ws, ws.members.principal);
      expect(items.map((i) => [i.title, i.overdue])).toEqual([
        ['D', true],
        ['B', true],
        ['C', false],
        ['A', false],
      ]);
    });

    it('pages with a cursor', async () => {
      const first = await request(t.http)
        .get(url(ws, '/review-queue?limit=2'))
        .set(auth(ws.members.principal))
        .expect(200);
      expect(first.body.items.map((i: { title: string }) => i.title)).toEqual(['D', 'B']);
      const second = await request(t.http)
        .get(url(ws, `/review-queue?limit=2&cursor=${first.body.nextCursor}`))
        .set(auth(ws.members.principal))
        .expect(200);
      expect(second.body.items.map((i: { title: string }) => i.title)).toEqual(['C', 'A']);
    });
  });

  describe('deadline sweep', () => {
    let ws: TestWorkspace;
    let brandId: string;
    beforeAll(async () => {
      ws = await newWorkspace();
      brandId = (await createBrand(t, ws.id, ws.members.admin, { profile: US_BROKER_PROFILE })).id;
    });

    it('holds a post still in review at its scheduled time, with the reason, and takes no more decisions', async () => {
      at(BEFORE_THE_SCENARIOS);
      const post = await createPost(
        t,
        ws.id,
        ws.members.marketer,
        usBrokeragePost(brandId, { title: 'Late', scheduledAt: '2026-12-15T10:00:00-05:00' }),
      );
      await submit(ws, post.id).expect(201);
      await decide(ws, post.id, ws.members.reviewer, 'compliance').expect(201);

      // One minute before 15:00Z nothing happens; at 15:00Z the principal has still not signed.
      expect(
        (await sweeper.sweep({ now: new Date('2026-12-15T14:59:00Z'), workspaceId: ws.id })).heldPastDeadline,
      ).toEqual([]);
      expect(
        (await sweeper.sweep({ now: new Date('2026-12-15T15:00:00Z'), workspaceId: ws.id })).heldPastDeadline,
      ).toEqual([post.id]);

      const held = await getPost(ws, post.id);
      expect(held).toMatchObject({
        status: 'held',
        statusReason: {
          code: 'review_deadline_passed',
          openStages: ['principal'],
          scheduledAt: '2026-12-15T15:00:00.000Z',
        },
      });
      expect(held.stages.map((s) => [s.stage, s.status, s.voidReason])).toEqual([
        ['compliance', 'approved', null],
        ['principal', 'void', 'review_deadline_passed'],
      ]);
      const late = await decide(ws, post.id, ws.members.principal, 'principal').expect(422);
      expect(late.body.code).toBe('REVIEW_NOT_OPEN');
      // Releasing it by hand is refused too: the principal never signed.
      expect((await release(ws, post.id).expect(422)).body.code).toBe('APPROVALS_INCOMPLETE');
      // A second sweep finds nothing more to do.
      expect(
        (await sweeper.sweep({ now: new Date('2026-12-15T15:05:00Z'), workspaceId: ws.id })).heldPastDeadline,
      ).toEqual([]);
    });

    it('holds each post exactly once when several sweepers run at the same moment', async () => {
      at(BEFORE_THE_SCENARIOS);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const post = await createPost(
          t,
          ws.id,
          ws.members.marketer,
          usBrokeragePost(brandId, { title: `Batch ${i}`, scheduledAt: '2026-12-16T10:00:00-05:00' }),
        );
        await submit(ws, post.id).expect(201);
        ids.push(post.id);
      }
      const now = new Date('2026-12-16T15:00:00Z');
      const reports = await Promise.all([1, 2, 3].map(() => sweeper.sweep({ now, workspaceId: ws.id })));
      const held = reports.flatMap((r) => r.heldPastDeadline);
      expect([...held].sort()).toEqual([...ids].sort());
      const holds = await t.dataSource.query(
        `SELECT subject, count(*)::int AS n FROM audit_entries WHERE chain = $1 AND action = 'post.transition' AND data->>'event' = 'hold' AND subject = ANY($2) GROUP BY subject`,
        [ws.id, ids.map((id) => `post:${id}`)],
      );
      expect(holds).toHaveLength(6);
      expect(holds.every((h: { n: number }) => h.n === 1)).toBe(true);
    });
  });

  describe('approval validity', () => {
    it('expires an approval older than the pack allows: the post is held and the stage must be signed again', async () => {
      const ws = await newWorkspace();
      const brand = await createBrand(t, ws.id, ws.members.admin, { profile: DE_BANK_PROFILE });
      const post = await createPost(
        t,
        ws.id,
        ws.members.marketer,
        compliantGermanCreditPost(brand.id, { scheduledAt: '2027-02-01T10:00:00+01:00' }),
      );
      at('2026-11-25T09:00:00Z');
      const approved = await approvePost(t, ws, post.id);
      expect(approved.status).toBe('scheduled');
      // DE approvals count 30 days (EU pack default): signed 2026-11-25 09:00Z, expiring 2026-12-25 09:00Z.
      expect(approved.stages[0].expiresAt).toBe('2026-12-25T09:00:00.000Z');

      expect(
        (await sweeper.sweep({ now: new Date('2026-12-25T08:59:59Z'), workspaceId: ws.id })).expiredApprovals,
      ).toEqual([]);
      expect(
        (await sweeper.sweep({ now: new Date('2026-12-25T09:00:00Z'), workspaceId: ws.id })).expiredApprovals,
      ).toEqual([post.id]);

      const held = await getPost(ws, post.id);
      expect(held).toMatchObject({
        status: 'held',
        statusReason: { code: 'approval_expired', stages: ['compliance'] },
      });
      expect(held.stages[0]).toMatchObject({
        status: 'open',
        signature: null,
        expiresAt: null,
        voidedSignatures: [{ voidReason: 'approval_expired' }],
      });
      expect((await release(ws, post.id).expect(422)).body.code).toBe('APPROVALS_INCOMPLETE');

      // The stage is back in the reviewer's queue; signing it again puts the post back on the schedule.
      at('2026-12-26T09:00:00Z');
      expect((await queue(ws, ws.members.legal)).map((i) => [i.stage, i.postStatus])).toEqual([['compliance', 'held']]);
      const again = await decide(ws, post.id, ws.members.legal, 'compliance').expect(201);
      expect(again.body).toMatchObject({
        status: 'scheduled',
        stages: [{ status: 'approved', expiresAt: '2027-01-25T09:00:00.000Z' }],
      });
    });
  });

  describe('pre-use filing (FINRA new member)', () => {
    let ws: TestWorkspace;
    let brandId: string;
    let postA: WorkflowPost;
    let postB: WorkflowPost;
    const file = (id: string, body: Record<string, unknown>, as: TestMember = ws.members.principal): request.Test =>
      request(t.http)
        .post(url(ws, `/posts/${id}/filings`))
        .set(auth(as))
        .send(body);

    beforeAll(async () => {
      ws = await newWorkspace();
      // A member since June 2026: its first year, so FINRA 2210(c)(1) wants pre-use filing.
      brandId = (
        await createBrand(t, ws.id, ws.members.admin, {
          profile: { US: { ...US_BROKER_PROFILE.US, finraMembershipDate: '2026-06-01' } },
        })
      ).id;
    });

    it('refuses a submission scheduled before the filing wait could end', async () => {
      at('2026-11-25T15:00:00Z');
      const post = await createPost(
        t,
        ws.id,
        ws.members.marketer,
        usBrokeragePost(brandId, { title: 'Too soon', scheduledAt: '2026-12-01T10:00:00-05:00' }),
      );
      const res = await submit(ws, post.id).expect(422);
      // 2026-11-25 10:00 New York + 10 business days (Thanksgiving, Nov 26, not counted) = Dec 10.
      expect(res.body).toMatchObject({
        code: 'BEFORE_FILING_WINDOW',
        message: expect.stringContaining('2026-12-10T15:00:00.000Z'),
      });
    });

    it('keeps approved posts off the schedule while the filing is pending, with a filing deadline', async () => {
      at('2026-11-25T15:00:00Z');
      const a = await createPost(
        t,
        ws.id,
        ws.members.marketer,
        usBrokeragePost(brandId, { title: 'A', scheduledAt: '2027-01-07T10:00:00-05:00' }),
      );
      const b = await createPost(
        t,
        ws.id,
        ws.members.marketer,
        usBrokeragePost(brandId, { title: 'B', scheduledAt: '2027-01-08T12:00:00-05:00' }),
      );
      postA = await approvePost(t, ws, a.id);
      postB = await approvePost(t, ws, b.id);
      expect(postA.status).toBe('approved');
      expect(postB.status).toBe('approved');
      // The last moment to file so ten business days still end by the scheduled time: for
      // Fri 2027-01-08 12:00 New York that is Wed 2026-12-23 12:00 (Jan 1 and Dec 25 skipped),
      // and the reviews are due 240 minutes before that: 08:00, before office hours, so at the end
      // of the previous working day (Tue 2026-12-22 17:00 New York; no review calendar set).
      expect(postB.filings).toEqual([
        expect.objectContaining({
          regulator: 'FINRA',
          when: 'pre',
          status: 'pending',
          fileBy: '2026-12-23T17:00:00.000Z',
        }),
      ]);
      expect(postB.stages[0].dueAt).toBe('2026-12-22T22:00:00.000Z');

      const due = await request(t.http).get(url(ws, '/filings?due=true')).set(auth(ws.members.reviewer)).expect(200);
      expect(due.body.items.map((f: { postId: string; fileBy: string }) => [f.postId, f.fileBy])).toEqual([
        [postA.id, '2026-12-22T15:00:00.000Z'],
        [postB.id, '2026-12-23T17:00:00.000Z'],
      ]);
      // The workflow's one verdict on whether it may go on the schedule says why not.
      expect(await blockers(postA.id)).toEqual([expect.objectContaining({ code: 'FILING_PENDING' })]);
    });

    it('refuses filings that are not required, from the future, or before approval', async () => {
      at('2026-12-23T16:00:00Z');
      expect(
        (await file(postA.id, { regulator: 'SEC', reference: 'S-1', filedAt: '2026-12-23T10:00:00-05:00' }).expect(422))
          .body.code,
      ).toBe('FILING_NOT_REQUIRED');
      expect(
        (
          await file(postA.id, { regulator: 'FINRA', reference: 'F-1', filedAt: '2026-12-24T10:00:00-05:00' }).expect(
            422,
          )
        ).body.code,
      ).toBe('FILED_AT_IN_FUTURE');
      const inReview = await createPost(
        t,
        ws.id,
        ws.members.marketer,
        usBrokeragePost(brandId, { title: 'C', scheduledAt: '2027-02-01T10:00:00-05:00' }),
      );
      await submit(ws, inReview.id).expect(201);
      expect(
        (
          await file(inReview.id, {
            regulator: 'FINRA',
            reference: 'F-0',
            filedAt: '2026-12-23T10:00:00-05:00',
          }).expect(422)
        ).body.code,
      ).toBe('FILING_BEFORE_APPROVAL');
    });

    it('counts ten US business days from the filing, skipping Christmas and New Year, before the post may go out', async () => {
      at('2026-12-23T16:00:00Z');
      // Filed Wed 2026-12-23 10:00 New York: Dec 24, 28, 29, 30, 31, Jan 4, 5, 6, 7, 8 -> Fri 2027-01-08 10:00.
      const a = await file(postA.id, {
        regulator: 'FINRA',
        reference: 'FINRA-2026-0001',
        filedAt: '2026-12-23T10:00:00-05:00',
      }).expect(201);
      expect(a.body.filings[0]).toMatchObject({
        status: 'filed',
        reference: 'FINRA-2026-0001',
        filedAt: '2026-12-23T15:00:00.000Z',
        earliestPublishAt: '2027-01-08T15:00:00.000Z',
      });
      // A is scheduled for Jan 7, a day too early: it stays approved, and the workflow says why.
      expect(a.body.status).toBe('approved');
      expect(await blockers(postA.id)).toEqual([expect.objectContaining({ code: 'BEFORE_EARLIEST_PUBLISH' })]);

      // B goes out Jan 8 at 12:00 New York, after the wait ends at 10:00: it is scheduled.
      const b = await file(postB.id, {
        regulator: 'FINRA',
        reference: 'FINRA-2026-0002',
        filedAt: '2026-12-23T10:00:00-05:00',
      }).expect(201);
      expect(b.body).toMatchObject({
        status: 'scheduled',
        filings: [{ earliestPublishAt: '2027-01-08T15:00:00.000Z' }],
      });

      expect(
        (
          await file(postB.id, { regulator: 'FINRA', reference: 'again', filedAt: '2026-12-23T10:00:00-05:00' }).expect(
            409,
          )
        ).body.code,
      ).toBe('FILING_ALREADY_RECORDED');
      const audit = await request(t.http)
        .get(url(ws, `/audit?postId=${postB.id}`))
        .set(auth(ws.members.admin))
        .expect(200);
      expect(
        audit.body.items.find((e: { action: string }) => e.action === 'workflow.filing_recorded').data,
      ).toMatchObject({
        regulator: 'FINRA',
        reference: 'FINRA-2026-0002',
      });
    });
  });

  describe('post-use filing', () => {
    it('lists a post-use filing as due once the post is published, with fileBy ten business days later', async () => {
      const ws = await newWorkspace();
      const brand = await createBrand(t, ws.id, ws.members.admin, { profile: US_BROKER_PROFILE });
      const created = await createPost(
        t,
        ws.id,
        ws.members.marketer,
        usBrokeragePost(brand.id, {
          title: 'Growth Fund',
          productCategory: 'investment_fund',
          body: 'The Acme Growth Fund is now available from Acme Securities LLC, member FINRA/SIPC. Investing involves risk, including loss of principal. Read the prospectus before investing.',
        }),
      );
      const post = await approvePost(t, ws, created.id);
      expect(post.status).toBe('scheduled');
      expect(post.filings).toEqual([
        expect.objectContaining({ regulator: 'FINRA', when: 'post', status: 'pending', fileBy: null }),
      ]);
      const due = (): Promise<request.Response> =>
        request(t.http).get(url(ws, '/filings?due=true')).set(auth(ws.members.admin)).expect(200);
      expect((await due()).body.items).toEqual([]);

      // First use Tue 2026-12-15 10:00 New York; ten business days skipping Christmas: Wed 2026-12-30.
      at('2026-12-15T15:00:00Z');
      await transition(post.id, 'start_publishing', 'publish_succeeded');
      expect((await due()).body.items).toEqual([
        expect.objectContaining({
          postId: post.id,
          when: 'post',
          publishedAt: '2026-12-15T15:00:00.000Z',
          fileBy: '2026-12-30T15:00:00.000Z',
          overdue: false,
        }),
      ]);
      at('2026-12-30T15:00:01Z');
      expect((await due()).body.items[0].overdue).toBe(true);

      await request(t.http)
        .post(url(ws, `/posts/${post.id}/filings`))
        .set(auth(ws.members.reviewer))
        .send({ regulator: 'FINRA', reference: 'FINRA-POST-1', filedAt: '2026-12-29T11:00:00-05:00' })
        .expect(201);
      expect((await due()).body.items).toEqual([]);
      const all = await request(t.http)
        .get(url(ws, `/filings?postId=${post.id}`))
        .set(auth(ws.members.admin))
        .expect(200);
      expect(all.body.items).toEqual([
        expect.objectContaining({ status: 'filed', reference: 'FINRA-POST-1', overdue: false }),
      ]);
    });
  });
});
