import request from 'supertest';
import { createBrand, createPost } from './support/fixtures';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

interface JurisdictionResult {
  jurisdiction: string;
  findings: { ruleId: string; kind: string }[];
}

/** An unlabelled paid brand post per EU language: what the label rules see. */
const UNLABELLED: Record<string, { locale: string; body: string }> = {
  DE: { locale: 'de-DE', body: 'Unser neues Girokonto: jetzt in der App eröffnen.' },
  NL: { locale: 'nl-NL', body: 'Onze nieuwe betaalrekening: open hem nu in de app.' },
  PL: { locale: 'pl-PL', body: 'Nasze nowe konto osobiste: otwórz je teraz w aplikacji.' },
  FR: { locale: 'fr-FR', body: "Notre nouveau compte courant : ouvrez-le dès maintenant dans l'application." },
  ES: { locale: 'es-ES', body: 'Nuestra nueva cuenta corriente: ábrela ya en la app.' },
};

/**
 * The label rule a paid brand post placed outside the platform's
 * ad system meets: French law puts the duty on creators only.
 */
const PAID_POST_LABEL_RULES: Record<string, string[]> = {
  DE: ['DE-UWG-5A-LABEL'],
  NL: ['EU-UCPD-HIDDEN-AD'],
  PL: ['EU-UCPD-HIDDEN-AD'],
  FR: [],
  ES: ['EU-UCPD-HIDDEN-AD'],
};
const CREATOR_LABEL_RULES: Record<string, string[]> = { ...PAID_POST_LABEL_RULES, FR: ['FR-2023-451-LABEL'] };

/**
 * Paid ads and paid creators are different things: a post placed through the platform's ad
 * system carries the platform's label, so the in-text label rules do not apply to it; a paid
 * creator's post must label itself.
 */
describe('Post placement: platform ads vs paid creators (e2e)', () => {
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
  const labelFindings = (res: request.Response, code: string): string[] =>
    (res.body.jurisdictions as JurisdictionResult[])
      .find((j) => j.jurisdiction === code)!
      .findings.filter((f) => f.kind === 'missing_label')
      .map((f) => f.ruleId);
  const paidPost = (code: string, extra: Record<string, unknown>): Record<string, unknown> => ({
    ...UNLABELLED[code],
    productCategory: 'deposit',
    communicationType: 'retail',
    audience: 'retail',
    paid: true,
    channels: ['facebook'],
    jurisdictions: [code],
    scheduledAt: '2026-12-15T10:00:00Z',
    ...extra,
  });

  it.each(Object.keys(UNLABELLED))(
    '%s: a platform-placed ad needs no in-text label; placed otherwise, the pack decides; a creator always labels',
    async (code) => {
      const placedByPlatform = await check(paidPost(code, { platformAd: true })).expect(200);
      expect(labelFindings(placedByPlatform, code)).toEqual([]);
      const placedOtherwise = await check(paidPost(code, {})).expect(200);
      expect(labelFindings(placedOtherwise, code)).toEqual(PAID_POST_LABEL_RULES[code]);
      // A paid creator's post labels itself whoever places it.
      const creator = await check(paidPost(code, { influencer: true, platformAd: true })).expect(200);
      expect(labelFindings(creator, code)).toEqual(CREATOR_LABEL_RULES[code]);
    },
  );

  it("a paid creator's post must label itself, even when the brand boosts it as a partnership ad", async () => {
    const creator = await check(paidPost('DE', { influencer: true })).expect(200);
    expect(labelFindings(creator, 'DE')).toEqual(['DE-UWG-5A-LABEL']);
    const boosted = await check(paidPost('DE', { influencer: true, platformAd: true })).expect(200);
    expect(labelFindings(boosted, 'DE')).toEqual(['DE-UWG-5A-LABEL']);
    const labelled = await check(paidPost('DE', { influencer: true, body: `Werbung | ${UNLABELLED.DE.body}` })).expect(
      200,
    );
    expect(labelFindings(labelled, 'DE')).toEqual([]);
  });

  it('stores the placement on the post and its revision; an unpaid platform ad is refused naming platformAd', async () => {
    const base = { ...paidPost('DE', {}), brandId, title: 'Girokonto', timezone: 'Europe/Berlin' };
    const ad = await createPost(t, ws.id, ws.members.marketer, { ...base, platformAd: true });
    expect(ad).toMatchObject({ paid: true, platformAd: true, influencer: false });
    const organic = await createPost(t, ws.id, ws.members.marketer, { ...base, paid: false });
    expect(organic.platformAd).toBe(false);
    const checked = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${ad.id}/check`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(labelFindings(checked, 'DE')).toEqual([]);

    const refused = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts`)
      .set(auth(ws.members.marketer))
      .send({ ...base, paid: false, platformAd: true })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'PLATFORM_AD_NOT_PAID', details: [{ field: 'platformAd' }] });
    const update = await request(t.http)
      .patch(`/api/v1/workspaces/${ws.id}/posts/${organic.id}`)
      .set(auth(ws.members.marketer))
      .send({ revision: organic.revision, platformAd: true })
      .expect(422);
    expect(update.body.code).toBe('PLATFORM_AD_NOT_PAID');
    await check(paidPost('DE', { paid: false, platformAd: true })).expect(422);

    for (const bad of ['yes', null, 1]) {
      const res = await check(paidPost('DE', { platformAd: bad })).expect(400);
      expect((res.body.details as { field: string }[]).map((d) => d.field)).toEqual(['platformAd']);
    }

    const revised = await request(t.http)
      .patch(`/api/v1/workspaces/${ws.id}/posts/${ad.id}`)
      .set(auth(ws.members.marketer))
      .send({ revision: ad.revision, platformAd: false })
      .expect(200);
    expect(revised.body.platformAd).toBe(false);
    const diff = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts/${ad.id}/revisions/2/diff?against=1`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(diff.body.fields).toEqual([{ field: 'platformAd', from: true, to: false }]);
  });
});
