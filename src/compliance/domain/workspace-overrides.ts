import { createHash } from 'node:crypto';
import {
  SEVERITY_ORDER,
  verdictForSeverity,
  worstVerdict,
  type Evaluation,
  type Finding,
  type JurisdictionEvaluation,
  type ProductCategory,
  type RequiredStage,
  type Severity,
} from '@preclear/rules-engine';
import { findPhrase, foldForMatching, type FoldedText } from './phrase-matcher';

/** The key of the workspace's own entries: in `packVersions` and as the `jurisdiction` of the findings it adds. */
export const WORKSPACE_KEY = 'WORKSPACE';

export const OVERRIDE_KINDS = ['term', 'rule', 'category'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/** Severities an override may set: it tightens, so never `info`. */
export const OVERRIDE_SEVERITIES = ['block', 'fix', 'approval'] as const;
export type OverrideSeverity = (typeof OVERRIDE_SEVERITIES)[number];

/**
 * One tightening a workspace adds on top of the packs:
 * - `term`: a word or phrase (literal text, per language or `any`) that raises a finding with the workspace's message;
 * - `rule`: a pack rule whose findings get a stricter severity and/or need an extra review stage;
 * - `category`: every post of a product category needs an extra review stage.
 */
export interface WorkspaceOverride {
  id: string;
  version: number;
  kind: OverrideKind;
  language: string | null;
  phrase: string | null;
  /** The phrase folded for matching, stored with it. */
  foldedPhrase: string | null;
  severity: OverrideSeverity | null;
  message: string | null;
  ruleId: string | null;
  productCategory: ProductCategory | null;
  stage: string | null;
  /** First day in force (UTC, YYYY-MM-DD). */
  effectiveFrom: string;
  /** First day no longer in force, or null. */
  effectiveUntil: string | null;
}

/** What the overrides read about the post besides the engine's evaluation. */
export interface OverrideFacts {
  body: string;
  locale: string;
  productCategory: ProductCategory;
}

export interface OverrideContext {
  /** Stage -> role, as the packs define them. */
  stageRoles: ReadonlyMap<string, string>;
  stageOrder: readonly string[];
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * In force at an instant: from the start of `effectiveFrom` (UTC) up to, not including, the start of `effectiveUntil`.
 */
export function inForceAt(
  override: Pick<WorkspaceOverride, 'effectiveFrom' | 'effectiveUntil'>,
  atMs: number,
): boolean {
  if (atMs < dayStartMs(override.effectiveFrom)) return false;
  return override.effectiveUntil === null || atMs < dayStartMs(override.effectiveUntil);
}

/**
 * The version of a set of overrides, as `packVersions.WORKSPACE` records it: a hash of every
 * field that can change a verdict, so an auditor can tell which lexicon judged a post.
 */
export function overridesVersion(overrides: readonly WorkspaceOverride[]): string {
  const canonical = [...overrides]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((o) => [
      o.id,
      o.version,
      o.kind,
      o.language,
      o.foldedPhrase,
      o.severity,
      o.message,
      o.ruleId,
      o.productCategory,
      o.stage,
      o.effectiveFrom,
      o.effectiveUntil,
    ]);
  return `sha256:${createHash('sha256').update(JSON.stringify(canonical)).digest('hex')}`;
}

/** The finding rule id of a term override: stable across versions of the override. */
export function termRuleId(overrideId: string): string {
  return `${WORKSPACE_KEY}:${overrideId}`;
}

/**
 * Applies a workspace's overrides to the engine's evaluation. It can only add findings, raise
 * severities and add stages: nothing the packs found is removed or weakened, so a workspace
 * can tighten the packs but never switch a rule off. Pure: the same inputs give the same output.
 */
export function applyWorkspaceOverrides(
  evaluation: Evaluation,
  facts: OverrideFacts,
  overrides: readonly WorkspaceOverride[],
  context: OverrideContext,
): Evaluation {
  const publishAtMs = Date.parse(evaluation.publishAt);
  const active = overrides.filter((o) => inForceAt(o, publishAtMs));
  if (active.length === 0) return evaluation;

  const raises = new Map<string, WorkspaceOverride[]>();
  for (const o of active) {
    if (o.kind === 'rule' && o.ruleId !== null) raises.set(o.ruleId, [...(raises.get(o.ruleId) ?? []), o]);
  }
  const jurisdictions = evaluation.jurisdictions.map((j) => raiseSeverities(j, raises));

  const fired = new Set<string>();
  for (const j of evaluation.jurisdictions) {
    for (const f of j.findings) fired.add(f.ruleId);
    for (const s of j.requiredStages) for (const id of s.ruleIds) fired.add(id);
  }
  const own = ownFindingsAndStages(facts, active, fired, context);
  if (own.findings.length > 0 || own.stages.length > 0) {
    jurisdictions.push({
      jurisdiction: WORKSPACE_KEY,
      verdict: worstVerdict(own.findings.map((f) => verdictForSeverity(f.severity))),
      findings: own.findings,
      requiredStages: mergeStages(own.stages, context.stageOrder),
      filing: null,
      retention: { years: 0 },
      // Neutral: the workspace sets no validity window of its own, so the strictest pack's stands.
      approvalValidityDays: Math.min(...evaluation.jurisdictions.map((j) => j.approvalValidityDays), 30),
    });
  }
  return {
    ...evaluation,
    verdict: worstVerdict(jurisdictions.map((j) => j.verdict)),
    packVersions: { ...evaluation.packVersions, [WORKSPACE_KEY]: overridesVersion(active) },
    jurisdictions,
    requiredStages: mergeStages(
      jurisdictions.flatMap((j) => j.requiredStages),
      context.stageOrder,
    ),
  };
}

/** A finding keeps its severity unless an override asks for a stricter one; `raisedFrom` says what the pack said. */
function raiseSeverities(
  j: JurisdictionEvaluation,
  raises: ReadonlyMap<string, WorkspaceOverride[]>,
): JurisdictionEvaluation {
  let changed = false;
  const findings = j.findings.map((f): Finding => {
    const severities = (raises.get(f.ruleId) ?? [])
      .map((o) => o.severity)
      .filter((s): s is OverrideSeverity => s !== null);
    const strictest = stricter(f.severity, severities);
    if (strictest === f.severity) return f;
    changed = true;
    const raised: Finding & { raisedFrom: Severity } = { ...f, severity: strictest, raisedFrom: f.severity };
    return raised;
  });
  if (!changed) return { ...j };
  return { ...j, findings, verdict: worstVerdict(findings.map((f) => verdictForSeverity(f.severity))) };
}

function stricter(current: Severity, candidates: readonly Severity[]): Severity {
  let best = current;
  for (const c of candidates) if (SEVERITY_ORDER.indexOf(c) < SEVERITY_ORDER.indexOf(best)) best = c;
  return best;
}

function ownFindingsAndStages(
  facts: OverrideFacts,
  active: readonly WorkspaceOverride[],
  fired: ReadonlySet<string>,
  context: OverrideContext,
): { findings: Finding[]; stages: RequiredStage[] } {
  const language = facts.locale.split('-')[0].toLowerCase();
  const findings: Finding[] = [];
  const stages: RequiredStage[] = [];
  let folded: FoldedText | undefined;
  const addStage = (stage: string | null, ruleId: string): void => {
    const role = stage === null ? undefined : context.stageRoles.get(stage);
    if (stage !== null && role !== undefined) stages.push({ stage, role, ruleIds: [ruleId] });
  };
  for (const o of active) {
    if (o.kind === 'term' && o.foldedPhrase && o.severity && (o.language === 'any' || o.language === language)) {
      folded ??= foldForMatching(facts.body);
      const match = findPhrase(facts.body, folded, o.foldedPhrase);
      if (!match) continue;
      findings.push(termFinding(o, o.severity, match));
      addStage(o.stage, termRuleId(o.id));
    } else if (o.kind === 'rule' && o.ruleId !== null && fired.has(o.ruleId)) {
      addStage(o.stage, o.ruleId);
    } else if (o.kind === 'category' && o.productCategory === facts.productCategory) {
      addStage(o.stage, termRuleId(o.id));
    }
  }
  return { findings, stages };
}

function termFinding(
  o: WorkspaceOverride,
  severity: OverrideSeverity,
  match: { start: number; end: number; text: string },
): Finding {
  return {
    ruleId: termRuleId(o.id),
    kind: 'prohibited_claim',
    severity,
    verification: 'V',
    channel: null,
    messageKey: 'compliance:workspaceTerm',
    messageParams: { message: o.message ?? '', phrase: o.phrase ?? '' },
    citation: { source: 'Workspace lexicon', article: `override ${o.id} v${o.version}` },
    evidence: match,
    fix: null,
  };
}

/** One entry per stage with the rule ids of every source, in the packs' stage order. */
function mergeStages(stages: readonly RequiredStage[], order: readonly string[]): RequiredStage[] {
  const byStage = new Map<string, RequiredStage>();
  for (const s of stages) {
    const merged = byStage.get(s.stage) ?? { stage: s.stage, role: s.role, ruleIds: [] };
    for (const id of s.ruleIds) if (!merged.ruleIds.includes(id)) merged.ruleIds.push(id);
    byStage.set(s.stage, merged);
  }
  const rank = (stage: string): number => (order.includes(stage) ? order.indexOf(stage) : order.length);
  return [...byStage.values()].sort((a, b) => rank(a.stage) - rank(b.stage) || a.stage.localeCompare(b.stage));
}
