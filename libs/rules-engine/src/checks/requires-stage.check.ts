import { ArgError } from '../errors';
import { ArgReader } from '../pack/arg-reader';
import { defineCheck } from './check-kind';

interface Args {
  stage: string;
  role: string;
}

/**
 * An approval stage the post must pass (compliance review, a registered principal's
 * sign-off, legal). The stage and its role come from the pack's stage list, so the workflow
 * knows who may sign.
 */
export const requiresStage = defineCheck<Args>({
  kind: 'requires-stage',
  findingKinds: ['approval_required'],
  severities: ['approval'],
  messageParams: ['stage', 'role'],
  phase: 'content',

  validateArgs(args: ArgReader, env) {
    args.allowOnly(['stage']);
    const stage = args.string('stage');
    const definition = env.stages.find((s) => s.stage === stage);
    if (definition === undefined) {
      throw new ArgError(
        args.at('stage'),
        `unknown stage '${stage}' (the pack defines: ${env.stages.map((s) => s.stage).join(', ')})`,
      );
    }
    return { stage, role: definition.role };
  },

  compile({ stage, role }) {
    return (_ctx, out) => out.finding({ stage, params: { stage, role } });
  },
});
