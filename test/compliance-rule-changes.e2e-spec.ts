import { DateTime } from 'luxon';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { changesOnMain } from '../scripts/changes-on';
import { RuleChangeWatchService } from '../src/compliance/rule-change-watch.service';
import { clearBrandPost, createDeBrand, isolatedStore, submitClearPost } from './support/scheduled-post';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

/** A DE rule that starts tomorrow (Berlin time): "Sommerfest" becomes a prohibited claim for brand posts. */
function packsWithRuleFrom(day: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'preclear-packs-'));
  cpSync('jurisdictions', dir, { recursive: true });
  const pack = join(dir, 'de', 'pack.yaml');
  const rule = `
  - id: DE-TEST-SOMMERFEST
    title: No summer parties (a test rule that takes effect tomorrow)
    severity: block
    finding: prohibited_claim
    verification: V
    citation:
      source: Test regulation
    messageKey: pangv17.expectations
    effectiveFrom: '${day}'
    appliesTo:
      productCategories: [brand]
    check:
      kind: prohibited-claim
      args:
        patterns:
          de: ['\\bSommerfest\\b']
`;
  writeFileSync(pack, readFileSync(pack, 'utf8').trimEnd() + '\n' + rule);
  return dir;
}

/**
 * Rule changes seen before they bite: a pack change detected at start-up and a rule's start
 * date both make every unpublished post be judged again; "what changes on <day>" previews it.
 * Its own database: the watch judges every post of the database it runs on.
 */
describe('Rule changes (e2e)', () => {
  const store = isolatedStore('rulechanges');
  const tomorrow = DateTime.now().setZone('Europe/Berlin').plus({ days: 1 }).toISODate()!;
  const tomorrowStart = DateTime.fromISO(tomorrow, { zone: 'Europe/Berlin' }).startOf('day');
  const packsDir = packsWithRuleFrom(tomorrow);
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let brandId: string;
  const ids: Record<string, string> = {};
  const startWith = (env: Record<string, string>): Promise<TestApp> =>
    startTestApp({ ...store.env, RUN_WORKERS: 'true', RECONCILE_INTERVAL_MS: '60000', ...env });
  const url = (path: string): string => `/api/v1/workspaces/${ws.id}${path}`;
  const getPost = async (id: string): Promise<Record<string, unknown>> =>
    (
      await request(t.http)
        .get(url(`/posts/${id}`))
        .set(auth(ws.members.marketer))
        .expect(200)
    ).body;

  beforeAll(async () => {
    // Today's packs: the posts are all fine.
    t = await startWith({});
    await t.app.get(RuleChangeWatchService).startup;
    ws = await createWorkspace(t, ALL_ROLES);
    other = await createWorkspace(t, { admin: ['admin'] });
    brandId = await createDeBrand(t, ws);
    const inTwoDays = tomorrowStart.plus({ days: 1, hours: 10 }).toJSDate();
    const draft = async (body: string): Promise<string> =>
      (
        await request(t.http)
          .post(url('/posts'))
          .set(auth(ws.members.marketer))
          .send(clearBrandPost(brandId, { body }))
          .expect(201)
      ).body.id;
    ids.draft = await draft('Besuchen Sie uns beim Sommerfest der Musterbank.');
    ids.unaffected = await draft('Besuchen Sie uns beim Filialfest der Musterbank.');
    ids.scheduled = (
      await submitClearPost(t, ws, brandId, inTwoDays, { body: 'Sommerfest: wir feiern mit Ihnen.' })
    ).id;
    ids.scheduledFine = (await submitClearPost(t, ws, brandId, inTwoDays)).id;
    expect((await getPost(ids.scheduled)).status).toBe('scheduled');
    // The periodic pass records what each post's people last saw.
    await t.app.get(RuleChangeWatchService).recordMissingVerdicts();
    await t.app.get(RuleChangeWatchService).checkEffectiveDates();
    await t.close();

    // A deploy with the new pack: detected at start-up.
    t = await startWith({ JURISDICTIONS_DIR: packsDir });
  });
  afterAll(async () => {
    await t?.close();
    await store.drop();
    rmSync(packsDir, { recursive: true, force: true });
  });

  it('at start-up with a changed pack, holds a scheduled post that would now be blocked, with the reason, and alerts its people', async () => {
    const report = await t.app.get(RuleChangeWatchService).startup;
    expect(report?.held).toEqual([ids.scheduled]);
    expect(report?.worsened).toEqual([ids.scheduled]);

    const held = await getPost(ids.scheduled);
    expect(held.status).toBe('held');
    expect(held.statusReason).toMatchObject({
      code: 'rule_change',
      verdict: 'blocked',
      reason: {
        code: 'pack_changed',
        packs: [{ code: 'DE', from: expect.stringMatching(/^sha256:/), to: expect.stringMatching(/^sha256:/) }],
      },
      findings: [expect.objectContaining({ jurisdiction: 'DE', ruleId: 'DE-TEST-SOMMERFEST', severity: 'block' })],
    });
    expect(held.complianceAlert).toMatchObject({
      before: 'clear',
      after: 'blocked',
      held: true,
      recipients: { authorId: ws.members.marketer.userId },
    });
    expect((await getPost(ids.scheduledFine)).status).toBe('scheduled');
    // The draft goes out whenever it is scheduled; judged as of now the rule is not in force yet.
    expect((await getPost(ids.draft)).complianceAlert).toBeNull();

    const audit = await request(t.http)
      .get(url(`/audit?postId=${ids.scheduled}`))
      .set(auth(ws.members.auditor))
      .expect(200);
    const entries = audit.body.items as { action: string; data: Record<string, unknown> }[];
    expect(entries.find((e) => e.action === 'compliance.verdict_worsened')?.data).toMatchObject({
      before: 'clear',
      after: 'blocked',
      status: 'scheduled',
    });
    expect(entries.at(-1)).toMatchObject({
      action: 'post.transition',
      data: expect.objectContaining({ event: 'hold', to: 'held' }),
    });
  });

  it('lists what changes tomorrow: the rule and the unpublished posts whose verdict changes, before and after', async () => {
    const res = await request(t.http)
      .get(url(`/compliance/changes?on=${tomorrow}`))
      .set(auth(ws.members.auditor))
      .expect(200);
    expect(res.body.rules).toEqual([
      expect.objectContaining({
        jurisdiction: 'DE',
        ruleId: 'DE-TEST-SOMMERFEST',
        change: 'takes_effect',
        day: tomorrow,
        at: tomorrowStart.toUTC().toISO(),
      }),
    ]);
    const posts = res.body.posts as {
      postId: string;
      before: string;
      after: string;
      addedFindings: { ruleId: string }[];
    }[];
    expect(posts.map((p) => p.postId).sort()).toEqual([ids.draft, ids.scheduled].sort());
    expect(posts.find((p) => p.postId === ids.draft)).toMatchObject({
      before: 'clear',
      after: 'blocked',
      addedFindings: [{ jurisdiction: 'DE', ruleId: 'DE-TEST-SOMMERFEST', severity: 'block' }],
    });

    const quiet = await request(t.http)
      .get(url('/compliance/changes?on=2031-02-03'))
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(quiet.body).toEqual({ on: '2031-02-03', rules: [], posts: [] });
    // Another workspace sees the rule but none of these posts.
    const foreign = await request(t.http)
      .get(`/api/v1/workspaces/${other.id}/compliance/changes?on=${tomorrow}`)
      .set(auth(other.members.admin))
      .expect(200);
    expect(foreign.body.posts).toEqual([]);
    await request(t.http)
      .get(`/api/v1/workspaces/${other.id}/compliance/changes?on=${tomorrow}`)
      .set(auth(ws.members.admin))
      .expect(404);
  });

  it('answers the same from the command line: the rules offline, the posts with --workspace', async () => {
    let printed = '';
    const print = (text: string): void => {
      printed += text;
    };
    expect(await changesOnMain(['--changes-on', tomorrow, '--jurisdictions', packsDir], print)).toBe(0);
    expect(printed).toContain(`+ DE DE-TEST-SOMMERFEST [block] takes_effect at ${tomorrowStart.toUTC().toISO()}`);
    expect(printed).not.toContain('Posts affected');

    printed = '';
    const code = await changesOnMain(
      ['--changes-on', tomorrow, '--jurisdictions', packsDir, '--workspace', ws.id],
      print,
      {
        ...store.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      },
    );
    expect(code).toBe(1);
    expect(printed).toContain('Posts affected: 2');
    expect(printed).toMatch(new RegExp(`${ids.draft} draft unscheduled clear -> blocked \\+DE-TEST-SOMMERFEST`));

    printed = '';
    expect(await changesOnMain(['--changes-on', '2027-02-30'], print)).toBe(2);
    expect(printed).toContain("'2027-02-30' is not a date");
  });

  it('refuses a day that is not a date, naming the field', async () => {
    for (const bad of ['', 'tomorrow', '2027-02-30', '2027-1-1', "2027-01-01'--"]) {
      const res = await request(t.http)
        .get(url(`/compliance/changes?on=${encodeURIComponent(bad)}`))
        .set(auth(ws.members.marketer))
        .expect(400);
      expect([...new Set((res.body.details as { field: string }[]).map((d) => d.field))]).toEqual(['on']);
    }
    await request(t.http).get(url('/compliance/changes')).set(auth(ws.members.marketer)).expect(400);
  });

  it('when the start date is reached, alerts the draft that is now blocked; an edit clears the alert', async () => {
    const watch = t.app.get(RuleChangeWatchService);
    const report = await watch.checkEffectiveDates(tomorrowStart.plus({ hours: 1 }).toJSDate());
    expect(report?.worsened).toEqual([ids.draft]);
    expect(report?.held).toEqual([]);
    const draft = await getPost(ids.draft);
    expect(draft.status).toBe('draft');
    expect(draft.complianceAlert).toMatchObject({
      reason: {
        code: 'rule_effective',
        rules: [{ jurisdiction: 'DE', ruleId: 'DE-TEST-SOMMERFEST', change: 'takes_effect', day: tomorrow }],
      },
      before: 'clear',
      after: 'blocked',
      held: false,
    });
    // The same instant again changes nothing: the watermark moved on.
    expect(await watch.checkEffectiveDates(tomorrowStart.plus({ hours: 1 }).toJSDate())).toBeNull();

    const edited = await request(t.http)
      .patch(url(`/posts/${ids.draft}`))
      .set(auth(ws.members.marketer))
      .send({ revision: draft.revision, body: 'Besuchen Sie uns beim Herbstfest der Musterbank.' })
      .expect(200);
    expect(edited.body.complianceAlert).toBeNull();
  });

  it("when a workspace override's start day is reached, judges that workspace's posts again", async () => {
    const watch = t.app.get(RuleChangeWatchService);
    await watch.recordMissingVerdicts(); // the edited draft's new revision, as the minute pass records it
    const dayAfter = DateTime.fromISO(tomorrow, { zone: 'UTC' }).plus({ days: 1 });
    const override = await request(t.http)
      .post(url('/compliance/overrides'))
      .set(auth(ws.members.admin))
      .send({
        kind: 'term',
        language: 'de',
        phrase: 'Herbstfest',
        severity: 'fix',
        message: 'Kein Herbstfest.',
        effectiveFrom: dayAfter.toISODate(),
      })
      .expect(201);
    const preview = await request(t.http)
      .get(url(`/compliance/changes?on=${dayAfter.toISODate()}`))
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(preview.body.rules).toEqual([
      expect.objectContaining({
        jurisdiction: 'WORKSPACE',
        ruleId: `WORKSPACE:${override.body.id}`,
        change: 'takes_effect',
      }),
    ]);
    expect(preview.body.posts).toEqual([
      expect.objectContaining({ postId: ids.draft, before: 'clear', after: 'needs_changes' }),
    ]);

    const report = await watch.checkEffectiveDates(dayAfter.plus({ minutes: 1 }).toJSDate());
    expect(report?.worsened).toEqual([ids.draft]);
    expect((await getPost(ids.draft)).complianceAlert).toMatchObject({
      reason: {
        code: 'override_effective',
        overrides: [{ id: override.body.id, change: 'takes_effect', day: dayAfter.toISODate() }],
      },
      before: 'clear',
      after: 'needs_changes',
    });
  });
});
