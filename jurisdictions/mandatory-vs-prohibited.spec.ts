/**
 * Issue 12.1: a mandatory statement a pack requires is never matched by that pack's own
 * prohibited-claim patterns (the US non-deposit legend says "No Bank Guarantee"; a FINRA
 * testimonial disclosure says "no guarantee of future performance"). Every exact text and
 * suggestion of every requires-disclosure rule, alone as a post body in its language, is
 * evaluated in every category where both the statement is required and the claim rule applies
 * ("Member FDIC" is required on deposit ads and rightly prohibited on non-deposit ones).
 */
import { PRODUCT_CATEGORIES, PostFacts, ProductCategory, RuleDetail } from '@preclear/rules-engine';
import { engine } from './example-posts';

type Texts = string | string[] | Record<string, string | string[]>;

function textsByLanguage(raw: Texts | undefined, languages: readonly string[]): [string, string][] {
  if (raw === undefined) return [];
  const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);
  if (typeof raw === 'string' || Array.isArray(raw)) {
    return languages.flatMap((l) => list(raw).map((t): [string, string] => [l, t]));
  }
  return Object.entries(raw).flatMap(([l, v]) =>
    (l === 'any' ? languages : [l]).flatMap((lang) => list(v).map((t): [string, string] => [lang, t])),
  );
}

function mandatoryTexts(rule: RuleDetail, languages: readonly string[]): [string, string][] {
  const args = rule.check.args as { text?: Texts; statements?: { text?: Texts; suggest?: Texts }[] };
  return [
    ...textsByLanguage(args.text, languages),
    ...(args.statements ?? []).flatMap((st) => [
      ...textsByLanguage(st.text, languages),
      ...textsByLanguage(st.suggest, languages),
    ]),
  ];
}

function categoriesOf(rule: RuleDetail): readonly ProductCategory[] {
  const applies = rule.appliesTo as { productCategories?: ProductCategory[]; notProductCategories?: ProductCategory[] };
  if (applies.productCategories) return applies.productCategories;
  return PRODUCT_CATEGORIES.filter((c) => !(applies.notProductCategories ?? []).includes(c));
}

describe('mandatory statements are not prohibited claims', () => {
  for (const summary of engine.packs().filter((p) => p.scope === 'jurisdiction')) {
    it(`${summary.code}: no prohibited-claim rule matches a statement the pack requires`, () => {
      const pack = engine.pack(summary.code);
      if (pack === undefined) throw new Error(`pack ${summary.code} vanished`);
      const active = pack.rules.filter((r) => r.status === 'active');
      const statements = active
        .filter((r) => r.check.kind === 'requires-disclosure')
        .flatMap((r) =>
          mandatoryTexts(r, pack.languages).map(([language, body]) => ({
            language,
            body,
            categories: categoriesOf(r),
          })),
        );
      const claimRules = active.filter((r) => r.check.kind === 'prohibited-claim');
      expect(statements.length).toBeGreaterThan(0);
      const offending: string[] = [];
      for (const claim of claimRules) {
        for (const productCategory of categoriesOf(claim)) {
          for (const { language, body, categories } of statements) {
            if (!categories.includes(productCategory)) continue;
            const facts: PostFacts = {
              body,
              locale: language,
              productCategory,
              communicationType: 'retail',
              audience: 'retail',
              interactive: false,
              paid: false,
              influencer: false,
              channels: ['linkedin'],
              jurisdictions: [summary.code],
              links: [],
              media: [],
              brandProfile: {},
              publishAt: new Date('2026-12-01T10:00:00Z'),
            };
            const entry = engine
              .evaluate(facts, new Date('2026-12-01T10:00:00Z'))
              .jurisdictions.find((j) => j.jurisdiction === summary.code);
            for (const f of entry?.findings ?? []) {
              if (f.ruleId === claim.id) {
                offending.push(
                  `${claim.id} (${productCategory}, ${language}) matches "${f.evidence?.text}" in "${body}"`,
                );
              }
            }
          }
        }
      }
      expect([...new Set(offending)]).toEqual([]);
    });
  }
});
