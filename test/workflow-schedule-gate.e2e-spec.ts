import request from 'supertest';
import { Clock } from '../src/common/clock/clock';
import { PublishScheduleGate } from '../src/scheduling/publish-schedule-gate';
import { ReviewRecordsService } from '../src/workflow/review-records.service';
import { ScheduleGate } from '../src/workflow/schedule-gate';
import { createBrand, createPost } from './support/fixtures';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { approvePost, US_BROKER_PROFILE, usBrokeragePost } from './support/workflow-fixtures';

/**
 * The hand-over to the schedule: the workflow requires a ScheduleGate (the scheduling module
 * binds it) and calls it once a post is approved and cleared, and not before; the clearance
 * is checked once on that path, by the workflow, not again by the gate or a veto.
 */
describe('ScheduleGate (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let brandId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, ALL_ROLES);
    // A new FINRA member: its retail posts need a pre-use filing, which keeps them approved.
    brandId = (
      await createBrand(t, ws.id, ws.members.admin, {
        profile: { US: { ...US_BROKER_PROFILE.US, finraMembershipDate: '2026-06-01' } },
      })
    ).id;
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const recordFiling = (postId: string, reference: string) =>
    request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${postId}/filings`)
      .set(auth(ws.members.reviewer))
      .send({ regulator: 'FINRA', reference, filedAt: '2026-12-01T10:00:00-05:00' })
      .expect(201);

  it("the workflow gets the scheduling module's gate (a required provider, no fallback)", () => {
    expect(t.app.get(ScheduleGate)).toBeInstanceOf(PublishScheduleGate);
  });

  it('offers a post to the gate only once it is approved and its filing allows the scheduled time', async () => {
    const offered = jest.spyOn(t.app.get(ScheduleGate), 'placeOnSchedule');
    const created = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      usBrokeragePost(brandId, { scheduledAt: '2027-01-20T10:00:00-05:00' }),
    );
    const approved = await approvePost(t, ws, created.id);
    expect(approved.status).toBe('approved');
    expect(offered).not.toHaveBeenCalled();

    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-01T15:00:00Z'));
    const filed = await recordFiling(created.id, 'F-9');
    // The gate got the locked post (the same object it then moved on to `scheduled`).
    expect(offered).toHaveBeenCalledTimes(1);
    expect(offered.mock.calls[0][1]).toMatchObject({ id: created.id });
    expect(filed.body.status).toBe('scheduled');
  });

  it('checks the clearance once on the way to the schedule', async () => {
    const created = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      usBrokeragePost(brandId, { title: 'Once', scheduledAt: '2027-01-21T10:00:00-05:00' }),
    );
    await approvePost(t, ws, created.id);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-01T15:00:00Z'));
    const reads = jest.spyOn(t.app.get(ReviewRecordsService), 'clearanceRecords');

    const filed = await recordFiling(created.id, 'F-10');
    expect(filed.body.status).toBe('scheduled');
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
