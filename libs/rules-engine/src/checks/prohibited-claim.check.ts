import { ArgReader } from '../pack/arg-reader';
import { readPatternSet } from '../pack/pattern-input';
import { PatternSet } from '../text/pattern';
import { defineCheck } from './check-kind';

interface Args {
  patterns: PatternSet;
  unless: PatternSet | null;
  maxFindings: number;
}

/**
 * Wording that may not appear ("risk-free", "ohne Schufa", "0 zł"). Each occurrence is its
 * own finding with its span, so the editor can highlight every one; `unless` lifts the rule
 * when the post carries the balancing statement (a fee caveat next to "free").
 */
export const prohibitedClaim = defineCheck<Args>({
  kind: 'prohibited-claim',
  findingKinds: ['prohibited_claim'],
  messageParams: ['claim'],
  phase: 'content',

  validateArgs(args: ArgReader, env) {
    args.allowOnly(['patterns', 'unless', 'maxFindings']);
    return {
      patterns: readPatternSet(args.raw('patterns'), args.at('patterns'), env.namedPatterns),
      unless: args.has('unless') ? readPatternSet(args.raw('unless'), args.at('unless'), env.namedPatterns) : null,
      maxFindings: args.optionalNumber('maxFindings', { min: 1, max: 50, integer: true }) ?? 5,
    };
  },

  triggers: ({ patterns }) => [patterns],

  compile({ patterns, unless, maxFindings }) {
    return (ctx, out) => {
      const text = ctx.text;
      if (!patterns.matches(text, ctx.language)) return;
      if (unless !== null && unless.matches(text, ctx.language)) return;
      for (const m of patterns.allMatches(text, ctx.language, maxFindings)) {
        const evidence = ctx.text.evidence(m.start, m.end);
        out.finding({ evidence, params: { claim: evidence.text } });
      }
    };
  },
});
