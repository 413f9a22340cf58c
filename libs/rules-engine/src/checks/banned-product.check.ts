import { ArgError } from '../errors';
import { ArgReader } from '../pack/arg-reader';
import { readPatternSet } from '../pack/pattern-input';
import { PatternSet } from '../text/pattern';
import { PRODUCT_CATEGORIES, ProductCategory } from '../types';
import { defineCheck } from './check-kind';

interface Args {
  categories: ReadonlySet<ProductCategory>;
  patterns: PatternSet | null;
}

/**
 * A product that may not be advertised in the rule's scope (channel, paid, audience come from
 * appliesTo): either by the post's declared category, or because the text shows it is that
 * product whatever category the marketer chose (a 30-day "Sofortkredit" filed as
 * consumer_credit is still a short-term loan).
 */
export const bannedProduct = defineCheck<Args>({
  kind: 'banned-product',
  findingKinds: ['banned_product'],
  messageParams: ['product', 'match'],
  phase: 'content',

  validateArgs(args: ArgReader, env) {
    args.allowOnly(['categories', 'patterns']);
    if (!args.has('categories') && !args.has('patterns')) {
      throw new ArgError(args.path, 'needs categories, patterns or both');
    }
    return {
      categories: new Set(
        args.has('categories') ? args.enumList('categories', PRODUCT_CATEGORIES, { nonEmpty: true }) : [],
      ),
      patterns: args.has('patterns')
        ? readPatternSet(args.raw('patterns'), args.at('patterns'), env.namedPatterns)
        : null,
    };
  },

  // A banned category reports without any text, so only a patterns-only rule can be gated.
  triggers: ({ categories, patterns }) => (categories.size === 0 && patterns !== null ? [patterns] : null),

  compile({ categories, patterns }) {
    return (ctx, out) => {
      const match = patterns === null ? null : patterns.firstMatch(ctx.text, ctx.language);
      const byCategory = categories.has(ctx.facts.productCategory);
      if (!byCategory && match === null) return;
      const evidence = match === null ? null : ctx.text.evidence(match.start, match.end);
      out.finding({
        evidence,
        params: {
          product: byCategory ? ctx.facts.productCategory : (evidence?.text ?? ''),
          match: evidence?.text ?? '',
        },
      });
    };
  },
});
