/**
 * Issue 12.2: the elements of a representative example are recognised from the values a post
 * states (amounts, terms in local number, currency and duration formats), not only from the
 * statute's words. Each post below is complete as a compliance officer reads it; with its
 * amount and term removed, the same post is incomplete again (the control).
 */
import { Evaluation, PostFacts } from '@preclear/rules-engine';
import { engine } from './example-posts';

const NOW = new Date('2026-06-01T09:00:00Z');

function facts(jurisdiction: string, locale: string, body: string): PostFacts {
  return {
    body,
    locale,
    productCategory: 'consumer_credit',
    communicationType: 'retail',
    audience: 'retail',
    interactive: false,
    paid: false,
    influencer: false,
    channels: ['linkedin'],
    jurisdictions: [jurisdiction],
    links: [],
    media: [],
    brandProfile: { DE: { impressumUrl: 'https://bank.example/impressum', impressumLinkLabel: 'Impressum' } },
    publishAt: new Date('2026-06-15T10:00:00Z'),
  };
}

const missingElements = (evaluation: Evaluation, jurisdiction: string): string[] =>
  (evaluation.jurisdictions.find((j) => j.jurisdiction === jurisdiction)?.findings ?? [])
    .filter((f) => f.kind === 'representative_example')
    .map((f) => String(f.messageParams.missing));

const CASES: { jurisdiction: string; locale: string; body: string; values: RegExp[] }[] = [
  {
    jurisdiction: 'FR',
    locale: 'fr-FR',
    body: 'Prêt personnel : 10 000 € sur 48 mois. TAEG fixe 4,90 %, taux débiteur fixe 4,79 %, 48 mensualités de 229,61 €, montant total dû 11 021,28 €. Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement avant de vous engager.',
    values: [/10 000 € sur /, /48 mois\. /],
  },
  {
    jurisdiction: 'NL',
    locale: 'nl-NL',
    body: 'Let op! Geld lenen kost geld. Persoonlijke lening € 5.000, max. 60 mnd, vaste debetrente 6,9%, JKP 7,1%, totaal te betalen € 5.927.',
    values: [/€ 5\.000, /, /max\. 60 mnd, /],
  },
  {
    jurisdiction: 'DE',
    locale: 'de-DE',
    body: 'Werbung | Ratenkredit: 10.000 € über 60 Monate, gebundener Sollzinssatz 3,92 %, effektiver Jahreszins 3,99 %, monatliche Rate 184,02 €, Gesamtbetrag 11.041,20 €. Impressum: bank.example/impressum',
    values: [/10\.000 € über /, /60 Monate, /],
  },
  {
    jurisdiction: 'PL',
    locale: 'pl-PL',
    body: 'Kredyt gotówkowy 20 000 zł na 48 miesięcy: oprocentowanie stałe 9,5%, RRSO 11,2%, rata 502 zł, całkowita kwota do zapłaty 24 096 zł.',
    values: [/20 000 zł na /, /48 miesięcy: /],
  },
  {
    jurisdiction: 'ES',
    locale: 'es-ES',
    body: 'Préstamo personal de 6.000 € a 36 meses: TIN 6,50 %, TAE 6,95 %, cuota mensual de 183,90 €, importe total adeudado 6.620,40 €.',
    values: [/de 6\.000 € a /, /36 meses: /],
  },
  {
    jurisdiction: 'NL',
    locale: 'en-GB',
    body: 'Let op! Geld lenen kost geld. Personal loan: €5,000 over 48 months, fixed rate 6.9%, APR 7.1%, total amount payable €5,736.',
    values: [/€5,000 over /, /48 months, /],
  },
];

describe('representative example elements stated as values', () => {
  it.each(CASES)(
    '$jurisdiction ($locale): amount and term given as values count',
    ({ jurisdiction, locale, body, values }) => {
      expect(missingElements(engine.evaluate(facts(jurisdiction, locale, body), NOW), jurisdiction)).toEqual([]);
      const withoutValues = values.reduce((text, value) => text.replace(value, ''), body);
      expect(withoutValues).not.toBe(body);
      expect(
        missingElements(engine.evaluate(facts(jurisdiction, locale, withoutValues), NOW), jurisdiction),
      ).not.toEqual([]);
    },
  );
});

/**
 * The other elements stated as values: the borrowing rate ("6,9% vast", "3,92 % gebunden"),
 * the APR ("3,99 % eff."), instalments ("48 x 215 €", "€ 98,77 p/m") and the total payable or
 * cost of credit ("insgesamt 11.041,20 €", "11 640 € au total", "łącznie 24 096 zł"). Each
 * post is complete; removing one value makes exactly that element missing again.
 */
const VALUE_CASES: { jurisdiction: string; locale: string; body: string; removals: [RegExp, string][] }[] = [
  {
    jurisdiction: 'DE',
    locale: 'de-DE',
    body: 'Werbung | Ratenkredit: 10.000 € über 60 Monate, 3,92 % gebunden, 3,99 % eff., 60 x 184,02 €, insgesamt 11.041,20 €. Impressum: bank.example/impressum',
    removals: [
      [/ 3,92 % gebunden,/, 'Sollzinssatz'],
      [/ 3,99 % eff\.,/, 'effektiver Jahreszins'],
      [/, insgesamt 11\.041,20 €/, 'Gesamtbetrag'],
    ],
  },
  {
    jurisdiction: 'FR',
    locale: 'fr-FR',
    body: 'Crédit de 10 000 € sur 48 mois : 7,9 % TAEG fixe, taux fixe de 7,63 %, 48 x 242,50 €, 11 640 € au total. Un crédit vous engage et doit être remboursé.',
    removals: [
      [/ taux fixe de 7,63 %,/, 'taux débiteur'],
      [/, 11 640 € au total/, 'montant total dû'],
    ],
  },
  {
    jurisdiction: 'NL',
    locale: 'nl-NL',
    body: 'Let op! Geld lenen kost geld. Persoonlijke lening € 5.000, 60 mnd, 6,9% vast, JKP 7,1%, € 98,77 p/m, in totaal € 5.926,20.',
    removals: [
      [/ 6,9% vast,/, 'debetrentevoet'],
      [/, in totaal € 5\.926,20/, 'totaal te betalen bedrag'],
    ],
  },
  {
    jurisdiction: 'PL',
    locale: 'pl-PL',
    body: 'Kredyt gotówkowy 20 000 zł na 48 miesięcy: 9,5% stałe, RRSO 11,2%, 48 rat po 502 zł, łącznie 24 096 zł.',
    removals: [
      [/ 9,5% stałe,/, 'stopa oprocentowania'],
      [/, łącznie 24 096 zł/, 'całkowita kwota do zapłaty'],
    ],
  },
  {
    jurisdiction: 'ES',
    locale: 'es-ES',
    body: 'Préstamo personal de 6.000 € a 36 meses: interés fijo del 6,50 %, TAE 6,95 %, 36 x 183,90 €, 6.620,40 € en total.',
    removals: [
      [/ interés fijo del 6,50 %,/, 'TIN'],
      [/, 6\.620,40 € en total/, 'importe total adeudado'],
    ],
  },
  {
    jurisdiction: 'EU',
    locale: 'en-IE',
    body: 'Personal loan: €5,000 over 48 months at 6.9% fixed, APR 7.1%.',
    removals: [[/ at 6\.9% fixed,/, 'borrowing rate']],
  },
  {
    jurisdiction: 'NL',
    locale: 'en-GB',
    body: 'Let op! Geld lenen kost geld. Personal loan: €5,000 over 48 months, APR 7.1%, €119.50 p/m, €5,736 in total.',
    removals: [[/, €5,736 in total/, 'total amount payable']],
  },
];

describe('rates, instalments and totals stated as values', () => {
  it.each(VALUE_CASES)(
    '$jurisdiction ($locale): every element is recognised from its value',
    ({ jurisdiction, locale, body, removals }) => {
      expect(missingElements(engine.evaluate(facts(jurisdiction, locale, body), NOW), jurisdiction)).toEqual([]);
      for (const [value, element] of removals) {
        const without = body.replace(value, '');
        expect(without).not.toBe(body);
        expect(missingElements(engine.evaluate(facts(jurisdiction, locale, without), NOW), jurisdiction)).toEqual([
          element,
        ]);
      }
    },
  );

  it.each([
    [
      'DE',
      'de-DE',
      'Werbung | Ratenkredit: 10.000 € über 60 Monate, Sollzins 3,92 %, effektiver Jahreszins 3,99 %, 60 x 184,02 €. Impressum: bank.example/impressum',
      'Gesamtbetrag',
    ],
    [
      'FR',
      'fr-FR',
      'Crédit de 10 000 € sur 48 mois : TAEG fixe 7,9 %, taux débiteur fixe 7,63 %, 48 x 242,50 €. Un crédit vous engage et doit être remboursé.',
      'montant total dû',
    ],
    [
      'PL',
      'pl-PL',
      'Kredyt gotówkowy 20 000 zł na 48 miesięcy: oprocentowanie 9,5%, RRSO 11,2%, rata 502 zł.',
      'całkowita kwota do zapłaty',
    ],
    [
      'ES',
      'es-ES',
      'Préstamo de 6.000 € a 36 meses: TIN 6,50 %, TAE 6,95 %, cuota mensual de 183,90 €.',
      'importe total adeudado',
    ],
  ])('%s: an instalment stated as a value makes the total payable required', (jurisdiction, locale, body, element) => {
    expect(missingElements(engine.evaluate(facts(jurisdiction, locale, body), NOW), jurisdiction)).toEqual([element]);
  });
});
