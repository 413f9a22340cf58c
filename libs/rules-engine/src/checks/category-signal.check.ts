import { ArgError } from '../errors';
import { ArgReader } from '../pack/arg-reader';
import { readPatternSet } from '../pack/pattern-input';
import { PatternSet } from '../text/pattern';
import { PRODUCT_CATEGORIES, ProductCategory } from '../types';
import { defineCheck } from './check-kind';

interface Signal {
  /** The category whose rules apply when the text shows this signal. */
  category: ProductCategory;
  /** Declared categories that already account for it (their own rules cover the signal). */
  covers: ReadonlySet<ProductCategory>;
  patterns: PatternSet;
}

interface Args {
  signals: readonly Signal[];
}

/**
 * What the text says it promotes, whatever category the author declared. A post filed as
 * `brand` that advertises "payday loans ... 1294% APR" is a short-term credit promotion: each
 * signal found reports a `product_signal` finding (an approval: a reviewer confirms) and makes
 * the evaluator apply the rules of the signalled category too, so the stricter verdict wins.
 * Signals run before every content check (phase 'signal').
 */
export const categorySignal = defineCheck<Args>({
  kind: 'category-signal',
  findingKinds: ['product_signal'],
  severities: ['approval'],
  messageParams: ['category', 'match'],
  phase: 'signal',

  validateArgs(args: ArgReader, env) {
    args.allowOnly(['signals']);
    return {
      signals: args.children('signals', { nonEmpty: true }).map((item) => {
        item.allowOnly(['category', 'covers', 'patterns']);
        const declared = item.string('category');
        const signalled = PRODUCT_CATEGORIES.find((c) => c === declared);
        if (signalled === undefined || signalled === 'brand') {
          throw new ArgError(
            item.at('category'),
            `must be a product category other than brand (one of ${PRODUCT_CATEGORIES.filter((c) => c !== 'brand').join(', ')})`,
          );
        }
        const covers = new Set<ProductCategory>(
          item.has('covers') ? item.enumList('covers', PRODUCT_CATEGORIES, { nonEmpty: true }) : [],
        );
        covers.add(signalled);
        covers.delete('brand');
        return {
          category: signalled,
          covers,
          patterns: readPatternSet(item.raw('patterns'), item.at('patterns'), env.namedPatterns),
        };
      }),
    };
  },

  triggers: ({ signals }) => signals.map((s) => s.patterns),

  compile({ signals }) {
    return (ctx, out) => {
      const declared = ctx.facts.productCategory;
      for (const signal of signals) {
        if (signal.covers.has(declared)) continue;
        const match = signal.patterns.anyMatch(ctx.text, ctx.language);
        if (match === null) continue;
        const evidence = ctx.text.evidence(match.start, match.end);
        out.signal(signal.category);
        out.finding({ evidence, params: { category: signal.category, match: evidence.text } });
      }
    };
  },
});
