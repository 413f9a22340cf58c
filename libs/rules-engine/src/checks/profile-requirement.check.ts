import { ArgError } from '../errors';
import { ArgReader } from '../pack/arg-reader';
import { holds, isMissing, ProfileCondition, readProfileConditions } from '../pack/profile-condition';
import { foldText } from '../text/post-text';
import { defineCheck } from './check-kind';

interface Args {
  all: ProfileCondition[];
  any: ProfileCondition[];
  /** A profile fact whose value must appear in the post (the FINRA member name). */
  mentionFact: string | null;
}

/**
 * Duties that depend on who the brand is: an authorised firm (FSMA s21), a reachable
 * impressum (DDG §5), the member's name in the post (FINRA 2210(d)(3)), platform permission
 * for crypto ads. Facts a brand does not state fail, which is the conservative reading.
 */
export const profileRequirement = defineCheck<Args>({
  kind: 'profile-requirement',
  findingKinds: ['profile_requirement'],
  messageParams: ['facts', 'problems'],
  phase: 'content',

  validateArgs(args: ArgReader, env) {
    args.allowOnly(['all', 'any', 'mentionFact']);
    if (!args.has('all') && !args.has('any') && !args.has('mentionFact')) {
      throw new ArgError(args.path, 'needs all, any or mentionFact');
    }
    const mentionFact = args.optionalString('mentionFact') ?? null;
    if (mentionFact !== null && env.profileFacts[mentionFact] !== 'string') {
      throw new ArgError(args.at('mentionFact'), `'${mentionFact}' is not a string fact the pack declares`);
    }
    return {
      all: args.has('all') ? readProfileConditions(args, 'all', env.profileFacts) : [],
      any: args.has('any') ? readProfileConditions(args, 'any', env.profileFacts) : [],
      mentionFact,
    };
  },

  compile({ all, any, mentionFact }) {
    return (ctx, out) => {
      const failed: ProfileCondition[] = [];
      for (const condition of all) if (!holds(condition, ctx.profile, ctx.publishAtMs)) failed.push(condition);
      if (any.length > 0 && !any.some((c) => holds(c, ctx.profile, ctx.publishAtMs))) failed.push(...any);
      const problems = failed.map((c) => `${c.expectation} (brand states ${describeValue(ctx.profile[c.fact])})`);
      const facts = failed.map((c) => c.fact);
      if (mentionFact !== null) {
        const value = ctx.profile[mentionFact];
        if (isMissing(value)) {
          facts.push(mentionFact);
          problems.push(`${mentionFact} is not stated in the brand profile`);
        } else if (!ctx.text.folded.includes(foldText(String(value)))) {
          facts.push(mentionFact);
          problems.push(`the post does not name "${String(value)}"`);
        }
      }
      if (problems.length === 0) return;
      out.finding({ params: { facts: [...new Set(facts)].join(', '), problems: problems.join('; ') } });
    };
  },
});

function describeValue(value: unknown): string {
  return isMissing(value) ? 'nothing' : JSON.stringify(value);
}
