import request from 'supertest';
import { createBrand, createPost } from './support/fixtures';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { compliantGermanCreditPost, DE_BANK_PROFILE } from './support/workflow-fixtures';

interface Finding {
  ruleId: string;
  severity: string;
  raisedFrom?: string;
  message: string;
  evidence: { start: number; end: number; text: string } | null;
}
interface JurisdictionResult {
  jurisdiction: string;
  verdict: string;
  findings: Finding[];
  requiredStages: { stage: string; ruleIds: string[] }[];
}

/**
 * The workspace's own lexicon and tightening: stored, versioned and audited; applied to every
 * evaluation of the workspace (stateless check, post check, submission); it can only tighten.
 */
describe('Workspace compliance overrides (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let brandId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, {
      admin: ['admin'],
      marketer: ['marketer'],
      reviewer: ['reviewer'],
      legal: ['reviewer'],
      auditor: ['auditor'],
    });
    other = await createWorkspace(t, { admin: ['admin'] });
    brandId = (await createBrand(t, ws.id, ws.members.admin, { profile: DE_BANK_PROFILE })).id;
  });
  afterAll(() => t.close());

  const url = (path: string, workspace = ws): string => `/api/v1/workspaces/${workspace.id}${path}`;
  const createOverride = (body: Record<string, unknown>, member = ws.members.admin): request.Test =>
    request(t.http).post(url('/compliance/overrides')).set(auth(member)).send(body);
  const retire = async (id: string): Promise<void> => {
    await request(t.http)
      .delete(url(`/compliance/overrides/${id}`))
      .set(auth(ws.members.admin))
      .expect(204);
  };
  const check = (body: Record<string, unknown>): request.Test =>
    request(t.http)
      .post(url('/compliance/check'))
      .set(auth(ws.members.marketer))
      .send({ brandId, ...body });
  const germanCredit = (extra: Record<string, unknown> = {}): Record<string, unknown> => {
    const { title: _title, timezone: _timezone, ...post } = compliantGermanCreditPost(brandId, extra);
    void _title;
    void _timezone;
    return { ...post, timezone: 'Europe/Berlin' };
  };
  const workspaceEntry = (res: request.Response): JurisdictionResult | undefined =>
    (res.body.jurisdictions as JurisdictionResult[]).find((j) => j.jurisdiction === 'WORKSPACE');

  it('a banned phrase blocks a post in its language, matched ignoring case, accents and spacing, with the evidence and the version', async () => {
    const created = await createOverride({
      kind: 'term',
      language: 'de',
      phrase: 'Kredit ohne Schufa',
      severity: 'block',
      message: 'Unsere Bank wirbt nie mit "ohne Schufa".',
    }).expect(201);
    expect(created.body).toMatchObject({ version: 1, kind: 'term', stage: null, effectiveUntil: null });

    const body = 'Anzeige | Jetzt KREDIT  ohne schüfa beantragen!';
    const res = await check(germanCredit({ body })).expect(200);
    expect(res.body.verdict).toBe('blocked');
    const own = workspaceEntry(res)!;
    expect(own.verdict).toBe('blocked');
    expect(own.findings).toEqual([
      expect.objectContaining({
        ruleId: `WORKSPACE:${created.body.id}`,
        severity: 'block',
        evidence: { start: 16, end: 35, text: 'KREDIT  ohne schüfa' },
      }),
    ]);
    expect(own.findings[0].message).toContain('ohne Schufa');

    const list = await request(t.http).get(url('/compliance/overrides')).set(auth(ws.members.auditor)).expect(200);
    expect(list.body.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(res.body.packVersions).toMatchObject({
      DE: expect.stringMatching(/^sha256:/),
      WORKSPACE: list.body.version,
    });

    // Not in a French post, not inside a longer word.
    const french = await check(germanCredit({ body: 'Kredit ohne Schufa', locale: 'fr-FR' })).expect(200);
    expect(workspaceEntry(french)).toBeUndefined();
    const longer = await check(germanCredit({ body: 'Anzeige | Kredit ohne Schufaauskunft? Nein.' })).expect(200);
    expect(workspaceEntry(longer)).toBeUndefined();
    await retire(created.body.id);
  });

  it('a review-triggering phrase needs a person: approval severity and the compliance stage by default, for any language', async () => {
    const created = await createOverride(
      {
        kind: 'term',
        language: 'any',
        phrase: 'Festzins',
        severity: 'approval',
        message: 'Festzins-Aussagen prüft Treasury.',
      },
      ws.members.reviewer,
    ).expect(201);
    expect(created.body.stage).toBe('compliance');
    const res = await check(germanCredit({ body: `${String(germanCredit().body)} Festzins garantiert.` })).expect(200);
    const own = workspaceEntry(res)!;
    expect(own.findings[0]).toMatchObject({ severity: 'approval' });
    expect(own.requiredStages).toEqual([
      { stage: 'compliance', role: 'reviewer', ruleIds: [`WORKSPACE:${created.body.id}`] },
    ]);
    await retire(created.body.id);
  });

  it("raises a pack rule's severity but never lowers it, and records what the pack said", async () => {
    const raise = await createOverride({ kind: 'rule', ruleId: 'DE-UWG-5A-LABEL', severity: 'block' }).expect(201);
    const unlabelled = String(germanCredit().body).replace('Anzeige | ', '');
    const res = await check(germanCredit({ body: unlabelled })).expect(200);
    const de = (res.body.jurisdictions as JurisdictionResult[]).find((j) => j.jurisdiction === 'DE')!;
    expect(de.findings.find((f) => f.ruleId === 'DE-UWG-5A-LABEL')).toMatchObject({
      severity: 'block',
      raisedFrom: 'fix',
    });
    expect(de.verdict).toBe('blocked');
    expect(res.body.verdict).toBe('blocked');
    await retire(raise.body.id);

    // A "raise" to a milder severity changes nothing: a workspace cannot weaken a pack rule.
    const milder = await createOverride({ kind: 'rule', ruleId: 'DE-UWG-5A-LABEL', severity: 'approval' }).expect(201);
    const same = await check(germanCredit({ body: unlabelled })).expect(200);
    const finding = (same.body.jurisdictions as JurisdictionResult[])
      .find((j) => j.jurisdiction === 'DE')!
      .findings.find((f) => f.ruleId === 'DE-UWG-5A-LABEL');
    expect(finding).toMatchObject({ severity: 'fix' });
    expect(finding?.raisedFrom).toBeUndefined();
    expect(same.body.verdict).toBe('needs_changes');
    await retire(milder.body.id);
  });

  it('requires an extra stage for a product category: the submission opens it, and a banned phrase refuses the submission', async () => {
    const extra = await createOverride({
      kind: 'category',
      productCategory: 'consumer_credit',
      stage: 'legal',
      message: 'Credit ads go through legal.',
    }).expect(201);
    const post = await createPost(t, ws.id, ws.members.marketer, compliantGermanCreditPost(brandId));
    const submitted = await request(t.http)
      .post(url(`/posts/${post.id}/submit`))
      .set(auth(ws.members.marketer))
      .send({ revision: post.revision })
      .expect(201);
    expect((submitted.body.stages as { stage: string }[]).map((s) => s.stage)).toEqual(['legal', 'compliance']);
    await retire(extra.body.id);

    const banned = await createOverride({
      kind: 'term',
      language: 'de',
      phrase: 'Wunschkredit',
      severity: 'block',
      message: 'Markenrechtlich gesperrt.',
    }).expect(201);
    const second = await createPost(t, ws.id, ws.members.marketer, compliantGermanCreditPost(brandId));
    const refused = await request(t.http)
      .post(url(`/posts/${second.id}/submit`))
      .set(auth(ws.members.marketer))
      .send({ revision: second.revision })
      .expect(422);
    expect(refused.body.code).toBe('SUBMISSION_REFUSED');
    expect(refused.body.details.packVersions.WORKSPACE).toMatch(/^sha256:/);
    const checked = await request(t.http)
      .post(url(`/posts/${second.id}/check`))
      .set(auth(ws.members.auditor))
      .expect(200);
    expect(workspaceEntry(checked)?.verdict).toBe('blocked');
    await retire(banned.body.id);
  });

  it('applies an override only from its effective date, by the instant the post goes out', async () => {
    const future = await createOverride({
      kind: 'term',
      language: 'de',
      phrase: 'Traumzins',
      severity: 'fix',
      message: 'Ab 2027 nicht mehr.',
      effectiveFrom: '2027-01-01',
      effectiveUntil: '2027-07-01',
    }).expect(201);
    const body = `${String(germanCredit().body)} Traumzins!`;
    expect(
      workspaceEntry(await check(germanCredit({ body, scheduledAt: '2026-12-31T12:00:00Z' })).expect(200)),
    ).toBeUndefined();
    expect(
      workspaceEntry(await check(germanCredit({ body, scheduledAt: '2027-01-01T00:00:00Z' })).expect(200))?.verdict,
    ).toBe('needs_changes');
    expect(
      workspaceEntry(await check(germanCredit({ body, scheduledAt: '2027-07-01T00:00:00Z' })).expect(200)),
    ).toBeUndefined();
    await retire(future.body.id);
  });

  it('versions and audits every change, keeps retired overrides as history', async () => {
    const created = await createOverride({
      kind: 'term',
      language: 'en',
      phrase: 'risk-free',
      severity: 'fix',
      message: 'Never say risk-free.',
    }).expect(201);
    const before = (await request(t.http).get(url('/compliance/overrides')).set(auth(ws.members.marketer)).expect(200))
      .body.version;
    const patched = await request(t.http)
      .patch(url(`/compliance/overrides/${created.body.id}`))
      .set(auth(ws.members.reviewer))
      .send({ severity: 'block' })
      .expect(200);
    expect(patched.body).toMatchObject({ version: 2, severity: 'block', phrase: 'risk-free' });
    const after = (await request(t.http).get(url('/compliance/overrides')).set(auth(ws.members.marketer)).expect(200))
      .body.version;
    expect(after).not.toBe(before);

    await retire(created.body.id);
    const active = await request(t.http).get(url('/compliance/overrides')).set(auth(ws.members.auditor)).expect(200);
    expect((active.body.items as { id: string }[]).map((o) => o.id)).not.toContain(created.body.id);
    const history = await request(t.http)
      .get(url('/compliance/overrides?retired=true'))
      .set(auth(ws.members.auditor))
      .expect(200);
    expect(
      (history.body.items as { id: string; retiredAt: string | null }[]).find((o) => o.id === created.body.id)
        ?.retiredAt,
    ).toEqual(expect.any(String));
    await request(t.http)
      .patch(url(`/compliance/overrides/${created.body.id}`))
      .set(auth(ws.members.admin))
      .send({ severity: 'fix' })
      .expect(422);

    const audit = await request(t.http).get(url('/audit')).set(auth(ws.members.auditor)).expect(200);
    const entries = (audit.body.items as { action: string; subject: string; data: Record<string, unknown> }[]).filter(
      (e) => e.subject === `override:${created.body.id}`,
    );
    expect(entries.map((e) => e.action).sort()).toEqual([
      'compliance.override_created',
      'compliance.override_retired',
      'compliance.override_updated',
    ]);
    const updated = entries.find((e) => e.action === 'compliance.override_updated')!;
    expect(updated.data).toMatchObject({
      before: { severity: 'fix', version: 1 },
      override: { severity: 'block', version: 2 },
      versionInForce: after,
    });
  });

  it('lets admins and reviewers write, everyone read; another workspace sees nothing', async () => {
    const term = { kind: 'term', language: 'de', phrase: 'Top-Zins', severity: 'fix', message: 'x' };
    await createOverride(term, ws.members.marketer).expect(403);
    await createOverride(term, ws.members.auditor).expect(403);
    const created = await createOverride(term, ws.members.admin).expect(201);
    await request(t.http)
      .get(url(`/compliance/overrides/${created.body.id}`))
      .set(auth(ws.members.marketer))
      .expect(200);

    const foreign = (path: string): string => url(path, other);
    await request(t.http)
      .get(foreign(`/compliance/overrides/${created.body.id}`))
      .set(auth(other.members.admin))
      .expect(404);
    await request(t.http)
      .patch(foreign(`/compliance/overrides/${created.body.id}`))
      .set(auth(other.members.admin))
      .send({ severity: 'block' })
      .expect(404);
    await request(t.http)
      .delete(foreign(`/compliance/overrides/${created.body.id}`))
      .set(auth(other.members.admin))
      .expect(404);
    await request(t.http)
      .get(url(`/compliance/overrides/${created.body.id}`))
      .set(auth(other.members.admin))
      .expect(404);
    await request(t.http).get(url('/compliance/overrides/not-a-uuid')).set(auth(ws.members.admin)).expect(404);
    expect(
      (await request(t.http).get(foreign('/compliance/overrides')).set(auth(other.members.admin)).expect(200)).body,
    ).toEqual({ version: null, items: [] });
    await retire(created.body.id);
  });

  it('refuses bad input naming every bad field: 400 for shape, 422 for what the packs do not know', async () => {
    const shape = await createOverride({
      kind: 'ban',
      phrase: 'x'.repeat(201),
      severity: 'info',
      effectiveFrom: '2027-13-01',
      extra: 1,
    }).expect(400);
    const fields = (shape.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['effectiveFrom', 'extra', 'kind', 'phrase', 'severity']));
    const control = await createOverride({
      kind: 'term',
      language: 'de',
      phrase: 'ohne\u202eSchufa',
      severity: 'block',
      message: 'x',
    }).expect(400);
    expect((control.body.details as { field: string }[]).map((d) => d.field)).toEqual(['phrase']);

    const domain = await createOverride({
      kind: 'rule',
      ruleId: 'DE-NO-SUCH-RULE',
      stage: 'boardroom',
      phrase: 'abc',
      language: 'xx',
    }).expect(422);
    expect(domain.body.code).toBe('OVERRIDE_INVALID');
    expect((domain.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'language',
      'phrase',
      'ruleId',
      'stage',
    ]);
    const term = await createOverride({
      kind: 'term',
      phrase: ' . ',
      effectiveFrom: '2027-02-01',
      effectiveUntil: '2027-01-01',
    }).expect(422);
    expect((term.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'effectiveUntil',
      'language',
      'message',
      'phrase',
      'severity',
    ]);
    const category = await createOverride({ kind: 'category', severity: 'block' }).expect(422);
    expect((category.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'productCategory',
      'severity',
      'stage',
    ]);
  });

  it('treats a phrase as literal text: a regular expression is neither run nor able to stall the check', async () => {
    const hostile = await createOverride({
      kind: 'term',
      language: 'en',
      phrase: '(a+)+$',
      severity: 'block',
      message: 'literal',
    }).expect(201);
    const post = {
      body: `${'a'.repeat(4999)}!`, // the longest body the API accepts, on a channel that takes it
      locale: 'en-US',
      jurisdictions: ['UK'],
      productCategory: 'deposit',
      communicationType: 'retail',
      audience: 'retail',
      channels: ['facebook'],
    };
    const plain = await check(post).expect(200);
    expect(workspaceEntry(plain)).toBeUndefined();
    const literal = await check({ ...post, body: 'We match (a+)+$ literally.' }).expect(200);
    expect(workspaceEntry(literal)?.findings[0].evidence?.text).toBe('(a+)+$');
    await retire(hostile.body.id);
  });
});
