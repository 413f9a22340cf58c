import { ArgReader } from '../pack/arg-reader';
import { PRODUCT_CATEGORIES, ProductCategory } from '../types';
import { defineCheck } from './check-kind';

interface Args {
  years: number;
  byProductCategory: ReadonlyMap<ProductCategory, number>;
}

/**
 * How long the published post, its approvals and findings must be kept. The jurisdiction's
 * retention is the longest of its applicable rules (and the pack default); the archive keeps
 * a publication for the longest of its jurisdictions.
 */
export const retention = defineCheck<Args>({
  kind: 'retention',
  findingKinds: ['retention'],
  severities: ['info'],
  messageParams: ['years'],
  phase: 'content',

  validateArgs(args: ArgReader) {
    args.allowOnly(['years', 'byProductCategory']);
    const byProductCategory = new Map<ProductCategory, number>();
    const perCategory = args.optionalChild('byProductCategory');
    if (perCategory !== undefined) {
      perCategory.allowOnly(PRODUCT_CATEGORIES);
      for (const key of perCategory.keys()) {
        byProductCategory.set(key as ProductCategory, perCategory.number(key, { min: 1, max: 100 }));
      }
    }
    return { years: args.number('years', { min: 1, max: 100 }), byProductCategory };
  },

  compile({ years, byProductCategory }) {
    return (ctx, out) => {
      const kept = byProductCategory.get(ctx.facts.productCategory) ?? years;
      out.retention(kept);
      out.finding({ params: { years: kept } });
    };
  },
});
