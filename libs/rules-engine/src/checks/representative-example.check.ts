import { ArgError } from '../errors';
import { ArgReader } from '../pack/arg-reader';
import { readPatternSet } from '../pack/pattern-input';
import { PatternSet } from '../text/pattern';
import { PRODUCT_CATEGORIES, ProductCategory } from '../types';
import { defineCheck } from './check-kind';
import { LanguageCache } from './texts-by-language';

/** One mandatory element of the example ("effektiver Jahreszins", "RRSO", "representative APR"). */
interface Element {
  name: string;
  pattern: PatternSet;
  /** Only required when this matches (e.g. term and total payable once an instalment is stated). */
  when: PatternSet | null;
  /** Only required for these categories (e.g. no duration for a credit card). */
  categories: ReadonlySet<ProductCategory> | null;
}

interface Args {
  trigger: PatternSet;
  elements: ReadonlyMap<string, Element[]>;
  defaultLanguage: string;
}

/**
 * Once a post states a rate or a cost ("3,9 %", "3.99%", "€99/Monat", "0 %"), the law wants
 * the whole representative example, in the words of the post's language. The finding points
 * at the figure that triggered it and lists the missing elements.
 */
export const representativeExample = defineCheck<Args>({
  kind: 'representative-example',
  findingKinds: ['representative_example', 'missing_disclosure'],
  messageParams: ['missing', 'trigger'],
  phase: 'content',

  validateArgs(args: ArgReader, env) {
    args.allowOnly(['trigger', 'elements']);
    const trigger = readPatternSet(args.raw('trigger'), args.at('trigger'), env.namedPatterns);
    const byLanguage = args.child('elements');
    const elements = new Map<string, Element[]>();
    for (const language of byLanguage.keys()) {
      if (!/^[a-z]{2,3}$/.test(language)) throw new ArgError(byLanguage.at(language), 'not a language code');
      elements.set(
        language,
        byLanguage.children(language, { nonEmpty: true }).map((item) => {
          item.allowOnly(['name', 'pattern', 'when', 'productCategories']);
          return {
            name: item.string('name'),
            pattern: readPatternSet(item.raw('pattern'), item.at('pattern'), env.namedPatterns),
            when: item.has('when') ? readPatternSet(item.raw('when'), item.at('when'), env.namedPatterns) : null,
            categories: item.has('productCategories')
              ? new Set(item.enumList('productCategories', PRODUCT_CATEGORIES))
              : null,
          };
        }),
      );
    }
    if (elements.size === 0) throw new ArgError(args.at('elements'), 'names no language');
    return { trigger, elements, defaultLanguage: elements.keys().next().value as string };
  },

  triggers: ({ trigger }) => [trigger],

  compile({ trigger, elements, defaultLanguage }) {
    // A post in a language the rule does not list is held to the rule's first language.
    const forLanguage = new LanguageCache((language) => elements.get(language) ?? elements.get(defaultLanguage) ?? []);
    return (ctx, out) => {
      const text = ctx.text;
      // Whether a trigger is there is cheap (the first pattern that matches); where it is, the
      // evidence, is only worth finding when an element is missing.
      if (!trigger.matches(text, ctx.language)) return;
      let missing: string[] | null = null;
      for (const element of forLanguage.get(ctx.language)) {
        if (element.categories !== null && !element.categories.has(ctx.facts.productCategory)) continue;
        if (element.when !== null && !element.when.matches(text, ctx.language)) continue;
        if (element.pattern.matches(text, ctx.language)) continue;
        (missing ??= []).push(element.name);
      }
      if (missing === null) return;
      const hit = trigger.firstMatch(text, ctx.language) ?? { start: 0, end: 0 };
      const evidence = ctx.text.evidence(hit.start, hit.end);
      out.finding({ evidence, params: { missing: missing.join(', '), trigger: evidence.text } });
    };
  },
});
