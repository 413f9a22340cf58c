import { BUSINESS_CALENDAR_NAMES } from '../calendar/business-days';
import { ArgReader } from '../pack/arg-reader';
import { readPatternSet } from '../pack/pattern-input';
import { PatternSet } from '../text/pattern';
import { defineCheck } from './check-kind';

interface Args {
  regulator: string;
  when: 'pre' | 'post';
  businessDays: number;
  calendar: string;
  trigger: PatternSet | null;
}

/**
 * A filing with a regulator: before first use (FINRA pre-use, N business days ahead) or
 * after it (post-use, within N business days). The evaluator turns the request into the
 * jurisdiction's `filing`, with the dates computed on the named business-day calendar.
 * `trigger` limits the rule to posts whose text shows the filing case (a fund ranking).
 */
export const requiresFiling = defineCheck<Args>({
  kind: 'requires-filing',
  findingKinds: ['filing_required'],
  severities: ['approval', 'info'],
  messageParams: ['regulator', 'businessDays'],
  messageVariants: ['pre', 'post'],
  phase: 'content',

  validateArgs(args: ArgReader, env) {
    args.allowOnly(['regulator', 'when', 'businessDays', 'calendar', 'trigger']);
    return {
      regulator: args.string('regulator'),
      when: args.oneOf('when', ['pre', 'post'] as const),
      businessDays: args.number('businessDays', { min: 1, max: 60, integer: true }),
      calendar: args.has('calendar') ? args.oneOf('calendar', BUSINESS_CALENDAR_NAMES) : 'US',
      trigger: args.has('trigger') ? readPatternSet(args.raw('trigger'), args.at('trigger'), env.namedPatterns) : null,
    };
  },

  triggers: ({ trigger }) => (trigger === null ? null : [trigger]),

  compile({ regulator, when, businessDays, calendar, trigger }) {
    return (ctx, out) => {
      if (trigger !== null && !trigger.matches(ctx.text, ctx.language)) return;
      out.filing({ regulator, when, businessDays, calendar });
      out.finding({ variant: when, params: { regulator, businessDays } });
    };
  },
});
