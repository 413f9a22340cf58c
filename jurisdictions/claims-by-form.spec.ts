/**
 * Issue 12.4: claims that matter are found whatever their wording: a quoted, attributed
 * client endorsement is a testimonial without the influencer flag; German guarantees in other
 * word orders; UK superlatives and safety claims.
 */
import { PostFacts, ProductCategory } from '@preclear/rules-engine';
import { engine } from './example-posts';

const NOW = new Date('2026-06-01T09:00:00Z');

function ruleIds(jurisdiction: string, locale: string, body: string, productCategory: ProductCategory, brandProfile: PostFacts['brandProfile'] = {}): string[] {
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
    expect(ruleIds('US', 'en-US', 'One of our clients said the plan gave her peace of mind.', 'advisory', adviser)).toContain('US-SEC-MKT-TESTIMONIAL fix');
    // Near miss: a quotation without attribution is not an endorsement.
    expect(ruleIds('US', 'en-US', 'Our planning service helps you "sleep at night" about money.', 'advisory', adviser).join()).not.toContain(
      'US-SEC-MKT-TESTIMONIAL',
    );
  });

  it.each([
    'Kreditzusage in 5 Minuten garantiert!',
    'Wir garantieren nichts außer: garantiert die beste Zusage.',
    'Garantierte Sofortzusage für Ihren Kredit.',
  ])('DE: "%s" is a guarantee of approval in any word order', (body) => {
    expect(ruleIds('DE', 'de-DE', body, 'consumer_credit')).toContain('DE-PANGV-17-1-EXPECTATIONS block');
  });

  it('DE: a guarantee about something else is not a guarantee of approval', () => {
    expect(ruleIds('DE', 'de-DE', 'Ratenkredit mit garantiert festem Zins über die ganze Laufzeit.', 'consumer_credit').join()).not.toContain(
      'DE-PANGV-17-1-EXPECTATIONS',
    );
  });

  it('UK: superlatives go to a reviewer, "100% safe" investments are blocked, guaranteed approval in any order is blocked', () => {
    expect(ruleIds('UK', 'en-GB', 'The best rate on the high street for your savings.', 'deposit')).toContain('UK-CAP-3.7-SUPERLATIVE approval');
    expect(ruleIds('UK', 'en-GB', 'Our growth fund is 100% safe.', 'investment_fund')).toContain('UK-COBS-4.2.1 block');
    expect(ruleIds('UK', 'en-GB', 'Loans with approval in minutes, guaranteed.', 'consumer_credit')).toContain('UK-CONC-3.3.1 block');
    expect(ruleIds('UK', 'en-GB', 'A savings account for the whole family.', 'deposit').join()).not.toContain('UK-CAP-3.7-SUPERLATIVE');
  });
});
