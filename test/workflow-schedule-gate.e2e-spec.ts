import request from 'supertest';
import { Post } from '../src/calendar/entities/post.entity';
import { ACTIVE_SCHEDULE_GATE, DirectScheduleGate, ScheduleGate } from '../src/workflow/schedule-gate';
import { Clock } from '../src/common/clock/clock';
import { createBrand, createPost } from './support/fixtures';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { approvePost, US_BROKER_PROFILE, usBrokeragePost } from './support/workflow-fixtures';

/**
 * The hand-over to the schedule: the workflow calls the bound ScheduleGate (the scheduling
 * module's, when it binds one) once a post is approved and cleared, and not before; the
 * default DirectScheduleGate schedules, or leaves the post approved while not cleared.
 */
describe('ScheduleGate (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let brandId: string;
  let active: ScheduleGate;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, ALL_ROLES);
    // A new FINRA member: its retail posts need a pre-use filing, which keeps them approved.
    brandId = (await createBrand(t, ws.id, ws.members.admin, { profile: { US: { ...US_BROKER_PROFILE.US, finraMembershipDate: '2026-06-01' } } })).id;
    active = t.app.get<ScheduleGate>(ACTIVE_SCHEDULE_GATE);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const lockedPost = (id: string): Promise<Post> => t.dataSource.getRepository(Post).findOneByOrFail({ id });

  it('uses the ScheduleGate another module binds, else DirectScheduleGate', () => {
    let bound: ScheduleGate | undefined;
    try {
      bound = t.app.get(ScheduleGate);
    } catch {
      bound = undefined;
    }
    expect(active).toBe(bound ?? t.app.get(DirectScheduleGate));
  });

  it('offers a post to the gate only once it is approved and its filing allows the scheduled time', async () => {
    const offered = jest.spyOn(active, 'placeOnSchedule');
    const created = await createPost(t, ws.id, ws.members.marketer, usBrokeragePost(brandId, { scheduledAt: '2027-01-20T10:00:00-05:00' }));
    const approved = await approvePost(t, ws, created.id);
    expect(approved.status).toBe('approved');
    expect(offered).not.toHaveBeenCalled();

    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-01T15:00:00Z'));
    const filed = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${created.id}/filings`)
      .set(auth(ws.members.reviewer))
      .send({ regulator: 'FINRA', reference: 'F-9', filedAt: '2026-12-01T10:00:00-05:00' })
      .expect(201);
    // The gate got the locked post (the same object it then moved on to `scheduled`).
    expect(offered).toHaveBeenCalledTimes(1);
    expect(offered.mock.calls[0][1]).toMatchObject({ id: created.id });
    expect(filed.body.status).toBe('scheduled');
  });

  it('DirectScheduleGate leaves a post approved while not cleared, and schedules it once cleared', async () => {
    const direct = t.app.get(DirectScheduleGate);
    // Keep the bound gate from scheduling, so the post stays approved for the default gate to act on.
    jest.spyOn(active, 'placeOnSchedule').mockResolvedValue(undefined);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-01T15:00:00Z'));
    const created = await createPost(t, ws.id, ws.members.marketer, usBrokeragePost(brandId, { title: 'Direct', scheduledAt: '2027-01-21T10:00:00-05:00' }));
    await approvePost(t, ws, created.id);

    await t.dataSource.transaction(async (tx) => direct.placeOnSchedule(tx, await lockedPost(created.id), 'system'));
    expect((await lockedPost(created.id)).status).toBe('approved');

    await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${created.id}/filings`)
      .set(auth(ws.members.principal))
      .send({ regulator: 'FINRA', reference: 'F-10', filedAt: '2026-12-01T10:00:00-05:00' })
      .expect(201);
    expect((await lockedPost(created.id)).status).toBe('approved');
    await t.dataSource.transaction(async (tx) => direct.placeOnSchedule(tx, await lockedPost(created.id), 'system'));
    expect((await lockedPost(created.id)).status).toBe('scheduled');
  });
});
