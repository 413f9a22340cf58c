import type { RequiredStage } from '@preclear/rules-engine';

/** A stage a submission needs, merged across the post's jurisdictions. */
export interface DerivedStage {
  stage: string;
  role: string;
  /** 0-based place in the signing order. */
  position: number;
  ruleIds: string[];
  jurisdictions: string[];
}

/**
 * The union of the stages the jurisdictions require, in the packs' stage order. A stage two
 * packs both require (e.g. `compliance` for DE and for US) is signed once, with the rule ids
 * of both. Stages the order does not name come last, alphabetically, so the order never
 * depends on which pack happened to be evaluated first. When packs disagree on a stage's
 * role, the first jurisdiction listed wins: the packs of one deployment share one stage table.
 */
export function deriveStages(
  jurisdictions: readonly { jurisdiction: string; requiredStages: readonly RequiredStage[] }[],
  stageOrder: readonly string[],
): DerivedStage[] {
  const byStage = new Map<string, Omit<DerivedStage, 'position'>>();
  for (const { jurisdiction, requiredStages } of jurisdictions) {
    for (const required of requiredStages) {
      const merged = byStage.get(required.stage) ?? {
        stage: required.stage,
        role: required.role,
        ruleIds: [],
        jurisdictions: [],
      };
      for (const ruleId of required.ruleIds) if (!merged.ruleIds.includes(ruleId)) merged.ruleIds.push(ruleId);
      if (!merged.jurisdictions.includes(jurisdiction)) merged.jurisdictions.push(jurisdiction);
      byStage.set(required.stage, merged);
    }
  }
  const rank = (stage: string): number => {
    const index = stageOrder.indexOf(stage);
    return index === -1 ? stageOrder.length : index;
  };
  return [...byStage.values()]
    .sort((a, b) => rank(a.stage) - rank(b.stage) || a.stage.localeCompare(b.stage))
    .map((stage, position) => ({ ...stage, position }));
}

export interface StageState {
  stage: string;
  position: number;
  status: string;
}

/** The stages before `target` that are not approved yet: signing `target` now would skip them. */
export function stagesWaitingBefore(stages: readonly StageState[], target: Pick<StageState, 'position'>): string[] {
  return stages.filter((s) => s.position < target.position && s.status !== 'approved').map((s) => s.stage);
}

/** True when every stage of the round is approved (a round with no stages is complete at once). */
export function allApproved(stages: readonly Pick<StageState, 'status'>[]): boolean {
  return stages.every((s) => s.status === 'approved');
}
