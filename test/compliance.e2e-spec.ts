import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

interface Finding {
  ruleId: string;
  kind: string;
  severity: string;
  message: string;
  citation: { source: string };
  fix: { append?: string } | null;
  evidence: { start: number; end: number; text: string } | null;
}

const frenchCredit = (scheduledAt: string, body: string): Record<string, unknown> => ({
  body,
  locale: 'fr-FR',
  productCategory: 'consumer_credit',
  communicationType: 'retail',
  audience: 'retail',
  channels: ['instagram'],
  jurisdictions: ['FR'],
  scheduledAt,
});

const OLD_MENTION =
  'Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement avant de vous engager.';
const NEW_MENTION = "Attention ! Un crédit coûte de l'argent et doit être remboursé.";

describe('Compliance API (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
  });
  afterAll(() => t.close());

  const check = (body: Record<string, unknown>, query = ''): request.Test =>
    request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/compliance/check${query}`)
      .set(auth(ws.members.marketer))
      .send(body);
  const findingsOf = (res: request.Response, code: string): Finding[] =>
    (res.body.jurisdictions as { jurisdiction: string; findings: Finding[] }[]).find((j) => j.jurisdiction === code)
      ?.findings ?? [];

  it('lists every pack with its version and rule count, and shows one pack with citations', async () => {
    const list = await request(t.http).get('/api/v1/jurisdictions').expect(200);
    const codes = list.body.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['US', 'UK', 'EU', 'DE', 'NL', 'PL', 'FR', 'ES', 'PLATFORM']));
    for (const pack of list.body) {
      expect(pack.version).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(pack.rules).toBeGreaterThan(0);
    }
    const de = await request(t.http).get('/api/v1/jurisdictions/DE').expect(200);
    expect(de.body.extends).toBe('EU');
    expect(de.body.profileFacts).toMatchObject({ impressumUrl: 'string' });
    for (const rule of de.body.rules) {
      expect(rule.citation.source).toEqual(expect.any(String));
      expect(['V', 'S', 'K']).toContain(rule.verification);
    }
    await request(t.http).get('/api/v1/jurisdictions/XX').expect(404);
  });

  it('judges a post by the rule in force at its scheduled instant (CCD2 changed the French mention on 2026-11-20)', async () => {
    const oldBefore = await check(
      frenchCredit('2026-11-19T10:00:00+01:00', `Prêt personnel Harbor pour vos projets. ${OLD_MENTION}`),
    ).expect(200);
    expect(findingsOf(oldBefore, 'FR').filter((f) => f.ruleId === 'FR-L312-5-MENTION')).toEqual([]);

    const oldAfter = await check(
      frenchCredit('2026-11-21T10:00:00+01:00', `Prêt personnel Harbor pour vos projets. ${OLD_MENTION}`),
    ).expect(200);
    const missing = findingsOf(oldAfter, 'FR').find((f) => f.ruleId === 'FR-L312-5-MENTION');
    expect(missing).toMatchObject({ kind: 'missing_disclosure', severity: 'fix', fix: { append: NEW_MENTION } });

    const newAfter = await check(
      frenchCredit('2026-11-21T10:00:00+01:00', `Prêt personnel Harbor pour vos projets. ${NEW_MENTION}`),
    ).expect(200);
    expect(findingsOf(newAfter, 'FR').filter((f) => f.ruleId === 'FR-L312-5-MENTION')).toEqual([]);
  });

  it('translates messages by ?lang= or Accept-Language, and falls back to English', async () => {
    const body = frenchCredit('2026-12-01T10:00:00+01:00', 'Prêt personnel à 3,9 % pour vos projets.');
    const fr = await check(body, '?lang=fr').expect(200);
    const de = await check(body).set('Accept-Language', 'de-DE,de;q=0.9').expect(200);
    const en = await check(body).set('Accept-Language', 'ja-JP').expect(200);
    const pick = (res: request.Response): string =>
      findingsOf(res, 'FR').find((f) => f.ruleId === 'FR-L312-6-EXAMPLE')!.message;
    expect(pick(fr)).not.toBe(pick(en));
    expect(pick(de)).toBe(pick(en)); // the FR pack speaks French and English only
    expect(pick(en)).toMatch(/TAEG/);
    const evidence = findingsOf(fr, 'FR').find((f) => f.ruleId === 'FR-L312-6-EXAMPLE')!.evidence!;
    expect(evidence.text).toBe('3,9 %');
  });

  it('blocks personal data everywhere and a paid payday loan on Meta, whatever the jurisdiction', async () => {
    const res = await check({
      body: 'Need cash before payday? Get a payday loan today. Pay to card 4111 1111 1111 1111.',
      locale: 'en-US',
      productCategory: 'short_term_credit',
      communicationType: 'retail',
      audience: 'retail',
      paid: true,
      channels: ['facebook'],
      jurisdictions: ['US'],
    }).expect(200);
    expect(res.body.verdict).toBe('blocked');
    const all = (res.body.jurisdictions as { findings: Finding[] }[]).flatMap((j) => j.findings);
    expect(all.map((f) => f.kind)).toEqual(expect.arrayContaining(['personal_data', 'banned_product']));
  });

  it('stores nothing, reads a brand profile, and evaluates a stored post', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM posts');
    const brand = await createBrand(t, ws.id, ws.members.admin, {
      profile: { DE: { impressumUrl: 'https://bank.example/impressum', impressumLinkLabel: 'Impressum' } },
    });
    const res = await check({
      ...germanCreditPost(brand.id),
      brandId: brand.id,
      title: undefined,
      timezone: undefined,
      scheduledAt: '2026-12-01T09:30:00+01:00',
    }).expect(200);
    expect(res.body.packVersions.DE).toMatch(/^sha256:/);
    const after = await t.dataSource.query('SELECT count(*)::int AS n FROM posts');
    expect(after[0].n).toBe(before[0].n);

    const post = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      germanCreditPost(brand.id, { body: 'Ratenkredit ab 3,99 % effektiver Jahreszins.' }),
    );
    const stored = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${post.id}/check?lang=de`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(stored.body.verdict).toBe('needs_changes');
    expect(findingsOf(stored, 'DE').some((f) => f.kind === 'representative_example')).toBe(true);
  });

  it('names the field for unknown jurisdictions and ill-typed profile facts', async () => {
    const unknown = await check({ ...frenchCredit('2026-12-01T10:00:00Z', 'x'), jurisdictions: ['XX'] }).expect(400);
    expect(unknown.body.details[0].field).toBe('jurisdictions');
    const badFact = await check({
      ...frenchCredit('2026-12-01T10:00:00Z', 'x'),
      brandProfile: { FR: { psanRegistered: 'yes' } },
    }).expect(400);
    expect(badFact.body.details[0].field).toBe('brandProfile.FR.psanRegistered');
  });

  it('refuses to start with an invalid pack, naming the file, the rule and the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preclear-packs-'));
    try {
      cpSync('jurisdictions', dir, { recursive: true });
      const pack = join(dir, 'de', 'pack.yaml');
      writeFileSync(pack, readFileSync(pack, 'utf8').replace('kind: requires-disclosure', 'kind: requires-magic'));
      await expect(startTestApp({ JURISDICTIONS_DIR: dir })).rejects.toThrow(
        /de[/\\]pack\.yaml \(rule DE-[A-Z0-9-]+\): .*requires-magic/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
