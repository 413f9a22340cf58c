import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adversarialTexts, MAX_BODY_LENGTH } from '@preclear/rules-engine';
import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

const ALL_JURISDICTIONS = ['US', 'UK', 'DE', 'NL', 'PL', 'FR', 'ES'];

interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

describe('Compliance hardening: body limits, pattern budgets, category signals (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let brandId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
    brandId = (await createBrand(t, ws.id, ws.members.admin)).id;
  });
  afterAll(() => t.close());

  const check = (body: Record<string, unknown>): request.Test =>
    request(t.http).post(`/api/v1/workspaces/${ws.id}/compliance/check`).set(auth(ws.members.marketer)).send(body);
  const checkBody = (
    body: string,
    channels: string[],
    productCategory = 'consumer_credit',
  ): Record<string, unknown> => ({
    body,
    locale: 'en-GB',
    productCategory,
    communicationType: 'retail',
    audience: 'retail',
    channels,
    jurisdictions: ALL_JURISDICTIONS,
  });
  const bodyProblem = (res: request.Response): FieldProblem | undefined =>
    (res.body.details as FieldProblem[]).find((d) => d.field === 'body');

  it('refuses the 63,000-digit body that stalled the process, naming body', async () => {
    const res = await check(checkBody('1'.repeat(63000), ['facebook'])).expect(400);
    expect(bodyProblem(res)).toMatchObject({
      code: 'bodyTooLong',
      message: `body must have at most ${MAX_BODY_LENGTH} characters (it has 63000)`,
    });
  });

  it('evaluates a body of the maximum length built to make patterns backtrack, for every jurisdiction', async () => {
    for (const { text } of adversarialTexts('\\d+(?:[.,]\\d+)?\\s?%\\s+(?:return|APR|Monat)')) {
      const res = await check(checkBody(text, ['facebook'])).expect(200);
      expect(res.body.jurisdictions.map((j: { jurisdiction: string }) => j.jurisdiction)).toEqual([
        ...ALL_JURISDICTIONS,
        'PLATFORM',
      ]);
    }
  });

  it('applies the limit of each channel as the channel counts it', async () => {
    const tweet = 'Savings that grow. '.repeat(15); // 285 characters
    const onX = await check(checkBody(tweet, ['linkedin', 'x'], 'deposit')).expect(400);
    expect(bodyProblem(onX)).toMatchObject({
      code: 'bodyTooLongForChannel',
      message: 'body must have at most 280 characters on x (it counts 285)',
    });
    await check(checkBody(tweet, ['linkedin'], 'deposit')).expect(200);
    // X counts a link as 23 characters whatever its length.
    const withLink = `Read more: https://bank.example/${'a'.repeat(300)}`;
    await check(checkBody(withLink, ['x'], 'deposit')).expect(200);
    const pin = await check(checkBody('b'.repeat(501), ['pinterest'], 'brand')).expect(400);
    expect(bodyProblem(pin)?.message).toContain('at most 500 characters on pinterest');
  });

  it('refuses a post body too long for its channels on create and on update (body or channels changed)', async () => {
    const long = 'Ratenkredit. '.repeat(25); // 325 characters
    const created = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts`)
      .set(auth(ws.members.marketer))
      .send(germanCreditPost(brandId, { body: long, channels: ['x'] }))
      .expect(400);
    expect(bodyProblem(created)).toBeDefined();

    const post = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      germanCreditPost(brandId, { body: 'Kurz.', channels: ['x'] }),
    );
    const patch = (changes: Record<string, unknown>): request.Test =>
      request(t.http)
        .patch(`/api/v1/workspaces/${ws.id}/posts/${post.id}`)
        .set(auth(ws.members.marketer))
        .send({ revision: post.revision, ...changes });
    const bodyOnly = await patch({ body: long }).expect(400);
    expect(bodyProblem(bodyOnly)?.message).toContain('on x');

    const onLinkedIn = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      germanCreditPost(brandId, { body: long, channels: ['linkedin'] }),
    );
    const addX = await request(t.http)
      .patch(`/api/v1/workspaces/${ws.id}/posts/${onLinkedIn.id}`)
      .set(auth(ws.members.marketer))
      .send({ revision: onLinkedIn.revision, channels: ['linkedin', 'x'] })
      .expect(400);
    expect(bodyProblem(addX)?.message).toContain('on x');
    await patch({ body: 'Auch kurz.' }).expect(200);
  });

  it('judges a payday-loan text declared as brand as the credit it advertises, in every pack language it was seen in', async () => {
    const cases: [string, string, string][] = [
      ['UK', 'en-GB', 'Payday loans up to 1000 pounds, 1294% APR representative, guaranteed approval'],
      ['DE', 'de-DE', 'Kurzzeitkredit bis 1000 Euro, 1294 % effektiver Jahreszins, Zusage garantiert'],
      ['NL', 'nl-NL', 'Flitskrediet tot 1000 euro, 1294% JKP, gegarandeerd goedgekeurd'],
      ['FR', 'fr-FR', "Mini-crédit jusqu'à 1000 €, TAEG 1294 %, accord garanti"],
    ];
    for (const [jurisdiction, locale, body] of cases) {
      const res = await check({
        ...checkBody(body, ['facebook'], 'brand'),
        locale,
        jurisdictions: [jurisdiction],
        paid: true,
      }).expect(200);
      expect(res.body.verdict).toBe('blocked');
      expect(res.body.requiredStages.map((s: { stage: string }) => s.stage)).toContain('compliance');
      const entry = res.body.jurisdictions.find((j: { jurisdiction: string }) => j.jurisdiction === jurisdiction);
      const signal = entry.findings.find((f: { kind: string }) => f.kind === 'product_signal');
      expect(signal).toMatchObject({ severity: 'approval', messageParams: { category: 'short_term_credit' } });
      expect(signal.message).toContain('short_term_credit');
    }
  });

  it('sends a brand post whose text promotes a product to compliance review instead of approving it at once', async () => {
    const post = await createPost(t, ws.id, ws.members.marketer, {
      ...germanCreditPost(brandId),
      productCategory: 'brand',
      body: 'Contrata tu seguro de hogar con nosotros.',
      locale: 'es-ES',
      jurisdictions: ['ES'],
      links: [],
    });
    const submitted = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${post.id}/submit`)
      .set(auth(ws.members.marketer))
      .send({ revision: post.revision })
      .expect(201);
    expect(submitted.body.status).toBe('in_review');
    expect(submitted.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['compliance']);
  });

  it('refuses to start when a pack pattern exceeds its CPU budget, naming pack, rule and pattern', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preclear-packs-'));
    try {
      cpSync('jurisdictions', dir, { recursive: true });
      const pack = join(dir, 'uk', 'pack.yaml');
      // The pattern of the original finding: an unanchored \d+ before text that may not follow.
      writeFileSync(
        pack,
        readFileSync(pack, 'utf8').replace(
          "bodyMatches: ['\\bpast performance\\b',",
          "bodyMatches: ['\\bpast performance\\b', '\\d+(?:\\.\\d+)?\\s?%\\s+(?:returns?|gains?)\\s+lately',",
        ),
      );
      // Closed at once if it wrongly starts, so a failure does not leave the app running.
      const started = startTestApp({ JURISDICTIONS_DIR: dir }).then((app) => app.close());
      await expect(started).rejects.toThrow(
        /uk[/\\]pack\.yaml \(rule UK-[A-Z0-9.-]+\): .*regular expression .*lately.* \(budget 4 ms\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
