/**
 * Issue 12.4: claims that matter are found whatever their wording: a quoted, attributed
 * client endorsement is a testimonial without the influencer flag; German guarantees in other
 * word orders; UK superlatives and safety claims.
 */
import { PostFacts, ProductCategory } from '@preclear/rules-engine';
import { engine } from './example-posts';

const NOW = new Date('2026-06-01T09:00:00Z');

function ruleIds(
  jurisdiction: string,
  locale: string,
  body: string,
  productCategory: ProductCategory,
  brandProfile: PostFacts['brandProfile'] = {},
): string[] {
  const facts: PostFacts = {
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
    brandProfile,
  };
  const entry = engine.evaluate(facts, NOW).jurisdictions.find((j) => j.jurisdiction === jurisdiction);
  return (entry?.findings ?? []).map((f) => `${f.ruleId} ${f.severity}`);
}

describe('claims found by their form', () => {
  it('US: a quoted client endorsement with attribution is a testimonial for an SEC-registered adviser, influencer or not', () => {
    const adviser = { US: { secRegisteredAdviser: true } };
    const quote = 'Our planning service: "Working with them doubled my savings!" - Jane R.';
    expect(ruleIds('US', 'en-US', quote, 'advisory', adviser)).toContain('US-SEC-MKT-TESTIMONIAL fix');
    expect(
      ruleIds('US', 'en-US', 'One of our clients said the plan gave her peace of mind.', 'advisory', adviser),
    ).toContain('US-SEC-MKT-TESTIMONIAL fix');
    // Near miss: a quotation without attribution is not an endorsement.
    expect(
      ruleIds(
        'US',
        'en-US',
        'Our planning service helps you "sleep at night" about money.',
        'advisory',
        adviser,
      ).join(),
    ).not.toContain('US-SEC-MKT-TESTIMONIAL');
  });

  it.each([
    'Kreditzusage in 5 Minuten garantiert!',
    'Wir garantieren nichts außer: garantiert die beste Zusage.',
    'Garantierte Sofortzusage für Ihren Kredit.',
  ])('DE: "%s" is a guarantee of approval in any word order', (body) => {
    expect(ruleIds('DE', 'de-DE', body, 'consumer_credit')).toContain('DE-PANGV-17-1-EXPECTATIONS block');
  });

  it('DE: a guarantee about something else is not a guarantee of approval', () => {
    expect(
      ruleIds(
        'DE',
        'de-DE',
        'Ratenkredit mit garantiert festem Zins über die ganze Laufzeit.',
        'consumer_credit',
      ).join(),
    ).not.toContain('DE-PANGV-17-1-EXPECTATIONS');
  });

  it('UK: superlatives go to a reviewer, "100% safe" investments are blocked, guaranteed approval in any order is blocked', () => {
    expect(ruleIds('UK', 'en-GB', 'The best rate on the high street for your savings.', 'deposit')).toContain(
      'UK-CAP-3.7-SUPERLATIVE approval',
    );
    expect(ruleIds('UK', 'en-GB', 'Our growth fund is 100% safe.', 'investment_fund')).toContain('UK-COBS-4.2.1 block');
    expect(ruleIds('UK', 'en-GB', 'Loans with approval in minutes, guaranteed.', 'consumer_credit')).toContain(
      'UK-CONC-3.3.1 block',
    );
    expect(ruleIds('UK', 'en-GB', 'A savings account for the whole family.', 'deposit').join()).not.toContain(
      'UK-CAP-3.7-SUPERLATIVE',
    );
  });
});

describe('claims matched on normalised text, per language', () => {
  it.each([
    ['EU', 'en-IE', 'Returns guaranteed, every single year.', 'Returns are not guaranteed.'],
    ['DE', 'de-DE', 'Rendite garantiert, jedes Jahr.', 'Die Rendite ist nicht garantiert.'],
    ['NL', 'nl-NL', 'Rendement gegarandeerd!', 'Het rendement is niet gegarandeerd.'],
    ['PL', 'pl-PL', 'Zysk gwarantowany co roku!', 'Zysk nie jest gwarantowany.'],
    ['FR', 'fr-FR', 'Des rendements garantis chaque année.', 'Les rendements ne sont pas garantis.'],
    ['ES', 'es-ES', 'Rentabilidades garantizadas cada año.', 'La rentabilidad no está garantizada.'],
  ])(
    '%s (%s): a guaranteed return in another word order or inflection is found, its denial is not',
    (jurisdiction, locale, claim, denial) => {
      expect(ruleIds(jurisdiction, locale, claim, 'investment_fund')).toContain('EU-MIFID-24-3-FAIR-CLEAR approval');
      expect(ruleIds(jurisdiction, locale, denial, 'investment_fund').join()).not.toContain('EU-MIFID-24-3-FAIR-CLEAR');
    },
  );

  it.each(['GARANTIERTE Kreditzusage!', 'Zusagen: Garantie!', 'Kreditzusagen garantiert.'])(
    'DE: "%s" is a guarantee of approval whatever the case and inflection',
    (body) => {
      expect(ruleIds('DE', 'de-DE', body, 'consumer_credit')).toContain('DE-PANGV-17-1-EXPECTATIONS block');
    },
  );

  it.each(['Eine Kreditzusage ist nicht garantiert.', 'Keine garantierte Zusage: wir prüfen jeden Antrag.'])(
    'DE: "%s" denies the guarantee',
    (body) => {
      expect(ruleIds('DE', 'de-DE', body, 'consumer_credit').join()).not.toContain('DE-PANGV-17-1-EXPECTATIONS');
    },
  );
});

describe('a missing statement the author can add is a fix', () => {
  it.each([
    [
      'EU',
      'en-IE',
      'Our Global Equity Fund returned 12.4% in 2025.',
      'Past performance is not a reliable indicator of future results.',
    ],
    [
      'DE',
      'de-DE',
      'Unser Aktienfonds: 8,2 % Rendite seit 2020.',
      'Frühere Wertentwicklungen sind kein verlässlicher Indikator für künftige Ergebnisse.',
    ],
    [
      'NL',
      'nl-NL',
      'Ons aandelenfonds: rendement van 8,1% in 2025.',
      'In het verleden behaalde resultaten bieden geen garantie voor de toekomst.',
    ],
    [
      'PL',
      'pl-PL',
      'Nasz fundusz: stopa zwrotu 8,1% w 2025.',
      'Wyniki osiągnięte w przeszłości nie stanowią gwarancji przyszłych wyników.',
    ],
    [
      'FR',
      'fr-FR',
      'Notre fonds a progressé de 8,1 % en 2025.',
      'Les performances passées ne préjugent pas des performances futures.',
    ],
    [
      'ES',
      'es-ES',
      'Nuestro fondo ha ganado un 8,1 % en 2025.',
      'Las rentabilidades pasadas no son un indicador fiable de rentabilidades futuras.',
    ],
  ])(
    '%s (%s): a past-performance figure without the warning is a fix, with it no finding',
    (jurisdiction, locale, body, warning) => {
      expect(ruleIds(jurisdiction, locale, body, 'investment_fund')).toContain('EU-MIFID-24-3-IDENTIFIABLE fix');
      expect(ruleIds(jurisdiction, locale, `${body} ${warning}`, 'investment_fund').join()).not.toContain(
        'EU-MIFID-24-3-IDENTIFIABLE',
      );
    },
  );

  it('EU: a crypto post without the white-paper statement is a fix the author makes', () => {
    expect(ruleIds('EU', 'en-IE', 'Buy bitcoin with us.', 'crypto')).toContain('EU-MICA-7-WHITEPAPER fix');
  });
});

describe('testimonials recognised by their form, influencer or not', () => {
  const member = { US: { finraMember: true, memberName: 'Example Securities LLC', finraMembershipDate: '2015-01-05' } };
  it.each([
    'Example Securities LLC: \u201cThey made investing simple for me.\u201d \u2014 Mark T., client since 2019',
    'Example Securities LLC. "Best decision I made for my retirement," Ana P.',
    'Example Securities LLC: \u00abGreat service and low fees\u00bb - Tom W.',
  ])('US FINRA: "%s" is a testimonial needing its disclosures', (body) => {
    expect(ruleIds('US', 'en-US', body, 'brokerage', member)).toContain('US-FINRA-2210-D6-TESTIMONIAL fix');
  });

  it('US FINRA: a quotation without attribution is not a testimonial', () => {
    expect(
      ruleIds(
        'US',
        'en-US',
        'Example Securities LLC: investing made "simple" for everyone.',
        'brokerage',
        member,
      ).join(),
    ).not.toContain('US-FINRA-2210-D6-TESTIMONIAL');
  });
});

describe('UK superlatives and safety claims in other word orders', () => {
  it('finds them, and leaves their denials alone', () => {
    expect(ruleIds('UK', 'en-GB', 'Our savings rates are simply the best.', 'deposit')).toContain(
      'UK-CAP-3.7-SUPERLATIVE approval',
    );
    expect(ruleIds('UK', 'en-GB', 'Safe, 100%: our growth fund.', 'investment_fund')).toContain('UK-COBS-4.2.1 block');
    expect(ruleIds('UK', 'en-GB', 'Returns guaranteed on our growth fund.', 'investment_fund')).toContain(
      'UK-COBS-4.2.1 block',
    );
    expect(
      ruleIds('UK', 'en-GB', 'Returns are not guaranteed. Capital at risk.', 'investment_fund').join(),
    ).not.toContain('UK-COBS-4.2.1 block');
    expect(
      ruleIds('UK', 'en-GB', 'Our rates are not the best on the market, but fair.', 'deposit').join(),
    ).not.toContain('UK-CAP-3.7-SUPERLATIVE');
  });
});
