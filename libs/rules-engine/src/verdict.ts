import { Severity, Verdict } from './types';

/** Worst first: the overall verdict is the first of these that any jurisdiction reaches. */
export const VERDICT_ORDER: readonly Verdict[] = ['blocked', 'needs_changes', 'needs_approval', 'clear'];

export const SEVERITY_ORDER: readonly Severity[] = ['block', 'fix', 'approval', 'info'];

const VERDICT_OF_SEVERITY: Record<Severity, Verdict> = {
  block: 'blocked',
  fix: 'needs_changes',
  approval: 'needs_approval',
  info: 'clear',
};

export function verdictForSeverity(severity: Severity): Verdict {
  return VERDICT_OF_SEVERITY[severity];
}

export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst = VERDICT_ORDER.length - 1;
  for (const verdict of verdicts) {
    const rank = VERDICT_ORDER.indexOf(verdict);
    if (rank < worst) worst = rank;
  }
  return VERDICT_ORDER[worst];
}
