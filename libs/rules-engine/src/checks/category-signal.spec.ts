import { join } from 'path';
import { RulesEngine } from '../rules-engine';
import { PostFacts, ProductCategory } from '../types';

const engine = RulesEngine.fromDirectory(join(__dirname, '..', '..', '..', '..', 'jurisdictions'));
const NOW = new Date('2026-12-01T10:00:00Z');

function post(jurisdiction: string, locale: string, body: string, productCategory: ProductCategory): PostFacts {
  return {
    body,
    locale,
    productCategory,
    communicationType: 'retail',
    audience: 'retail',
    interactive: false,
    paid: false,
    influencer: false,
    channels: ['linkedin'],
    jurisdictions: [jurisdiction],
    links: [],
    media: [],
    brandProfile: {},
  };
}

/** Text that signals a regulated product, per pack language, and the category the text looks like. */
const SIGNALLED: { pack: string; locale: string; body: string; looksLike: ProductCategory }[] = [
  {
    pack: 'UK',
    locale: 'en-GB',
    body: 'Payday loans up to 1000 pounds, 1294% APR representative, guaranteed approval',
    looksLike: 'short_term_credit',
  },
  {
    pack: 'US',
    locale: 'en-US',
    body: 'Payday loans up to $1000, 1294% APR, guaranteed approval',
    looksLike: 'short_term_credit',
  },
  {
    pack: 'DE',
    locale: 'de-DE',
    body: 'Kredit bis 1.000 Euro mit 12,9 % effektiver Jahreszins, Zusage garantiert.',
    looksLike: 'consumer_credit',
  },
  {
    pack: 'NL',
    locale: 'nl-NL',
    body: 'Lenen tot 1000 euro? Flitskrediet met 14% JKP, altijd goedgekeurd.',
    looksLike: 'short_term_credit',
  },
  {
    pack: 'PL',
    locale: 'pl-PL',
    body: 'Chwilówka do 1000 zł, RRSO 1294%, decyzja od ręki.',
    looksLike: 'short_term_credit',
  },
  {
    pack: 'FR',
    locale: 'fr-FR',
    body: "Mini-crédit jusqu'à 1000 €, TAEG 19,9 %, accord garanti.",
    looksLike: 'short_term_credit',
  },
  {
    pack: 'ES',
    locale: 'es-ES',
    body: 'Préstamos de hasta 1.000 € con TAE del 19 %, sin papeleo.',
    looksLike: 'consumer_credit',
  },
  { pack: 'DE', locale: 'de-DE', body: 'Bitcoin jetzt bei uns kaufen: Krypto in der App.', looksLike: 'crypto' },
  {
    pack: 'NL',
    locale: 'nl-NL',
    body: 'Beleggen in onze fondsen: 8% rendement in 2025.',
    looksLike: 'investment_fund',
  },
  { pack: 'FR', locale: 'fr-FR', body: 'Livret à 3 % : ouvrez votre compte épargne.', looksLike: 'deposit' },
  { pack: 'ES', locale: 'es-ES', body: 'Contrata tu seguro de hogar con nosotros.', looksLike: 'insurance' },
  { pack: 'PL', locale: 'pl-PL', body: 'Lokata 6% na 3 miesiące dla nowych klientów.', looksLike: 'deposit' },
  { pack: 'UK', locale: 'en-GB', body: 'Our ETFs returned 12% last year.', looksLike: 'investment_fund' },
];

describe('category signals', () => {
  it.each(SIGNALLED)(
    '$pack ($locale): a brand post reading like $looksLike is judged as one too',
    ({ pack, locale, body, looksLike }) => {
      const asBrand = engine.evaluate(post(pack, locale, body, 'brand'), NOW);
      const asProduct = engine.evaluate(post(pack, locale, body, looksLike), NOW);
      const entry = asBrand.jurisdictions.find((j) => j.jurisdiction === pack);
      const signals = entry?.findings.filter((f) => f.kind === 'product_signal') ?? [];

      expect(signals.map((f) => f.messageParams.category)).toContain(looksLike);
      expect(signals.every((f) => f.severity === 'approval' && f.evidence !== null)).toBe(true);
      expect(asBrand.verdict).not.toBe('clear');
      expect(asBrand.requiredStages.map((s) => s.stage)).toContain('compliance');
      // The stricter wins: declaring `brand` never gives a milder verdict than the product would get.
      const order = ['clear', 'needs_approval', 'needs_changes', 'blocked'];
      expect(order.indexOf(asBrand.verdict)).toBeGreaterThanOrEqual(order.indexOf(asProduct.verdict));
      // Every rule that fires for the product (other than its stage house rule) fires for the brand post too.
      const productRules = new Set(
        asProduct.jurisdictions.flatMap((j) => j.findings.map((f) => `${j.jurisdiction} ${f.ruleId}`)),
      );
      const brandRules = new Set(
        asBrand.jurisdictions.flatMap((j) => j.findings.map((f) => `${j.jurisdiction} ${f.ruleId}`)),
      );
      for (const rule of productRules) expect(brandRules).toContain(rule);
    },
  );

  it('blocks the payday text declared as brand exactly as when declared short-term credit (UK, paid on Facebook)', () => {
    const body = 'Payday loans up to 1000 pounds, 1294% APR representative, guaranteed approval';
    const paid = (category: ProductCategory): PostFacts => ({
      ...post('UK', 'en-GB', body, category),
      paid: true,
      channels: ['facebook'],
    });
    const asBrand = engine.evaluate(paid('brand'), NOW);
    expect(asBrand.verdict).toBe('blocked');
    expect(engine.evaluate(paid('short_term_credit'), NOW).verdict).toBe('blocked');
    const platform = asBrand.jurisdictions.find((j) => j.jurisdiction === 'PLATFORM');
    expect(platform?.findings.map((f) => f.ruleId)).toContain('PLT-META-PROHIBITED-FIN');
  });

  it.each([
    ['DE', 'de-DE', 'Frohe Feiertage wünscht das Team der Musterbank!'],
    ['UK', 'en-GB', 'Our branches close at 2pm on Christmas Eve. Happy holidays!'],
    ['FR', 'fr-FR', 'Toute l’équipe vous souhaite de belles fêtes.'],
  ])('%s: a brand post without product signals stays without them', (pack, locale, body) => {
    const evaluation = engine.evaluate(post(pack, locale, body, 'brand'), NOW);
    expect(evaluation.jurisdictions.flatMap((j) => j.findings).filter((f) => f.kind === 'product_signal')).toEqual([]);
  });

  it('says nothing when the declared category already covers the signal', () => {
    const evaluation = engine.evaluate(
      post('DE', 'de-DE', 'Ratenkredit ab 3,9 % effektiver Jahreszins.', 'consumer_credit'),
      NOW,
    );
    expect(evaluation.jurisdictions.flatMap((j) => j.findings).filter((f) => f.kind === 'product_signal')).toEqual([]);
  });
});
