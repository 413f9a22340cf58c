import { PRODUCT_CATEGORIES, type ProductCategory } from '@preclear/rules-engine';
import { foldPhrase } from './phrase-matcher';
import {
  dayStartMs,
  OVERRIDE_SEVERITIES,
  type OverrideKind,
  type OverrideSeverity,
  type WorkspaceOverride,
} from './workspace-overrides';

/** What the packs offer to refer to: an override may only name rules, stages and languages that exist. */
export interface OverrideCatalogue {
  ruleIds: ReadonlySet<string>;
  stages: ReadonlySet<string>;
  languages: ReadonlySet<string>;
}

/** An override as a client asks for it, before it gets an id and a version. */
export interface OverrideInput {
  kind: OverrideKind;
  language?: string | null;
  phrase?: string | null;
  severity?: OverrideSeverity | null;
  message?: string | null;
  ruleId?: string | null;
  productCategory?: ProductCategory | null;
  stage?: string | null;
  effectiveFrom: string;
  effectiveUntil?: string | null;
}

export interface FieldProblem {
  field: string;
  constraints: Record<string, string>;
}

/** The shortest folded phrase accepted: one letter would flag nearly every post. */
export const MIN_PHRASE_LENGTH = 2;
export const DEFAULT_REVIEW_STAGE = 'compliance';

/** An override's stored fields, checked. */
export type OverrideFields = Omit<WorkspaceOverride, 'id' | 'version'>;

/**
 * Checks an override against what its kind needs and what the packs define, naming every bad
 * field at once; returns the fields to store (phrase folded, default review stage filled in).
 */
export function validateOverride(
  input: OverrideInput,
  catalogue: OverrideCatalogue,
): { ok: true; fields: OverrideFields } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string): void => {
    problems.push({ field, constraints: { [field]: message } });
  };
  const allowedByKind: Record<OverrideKind, readonly (keyof OverrideInput)[]> = {
    term: ['language', 'phrase', 'severity', 'message', 'stage'],
    rule: ['ruleId', 'severity', 'stage', 'message'],
    category: ['productCategory', 'stage', 'message'],
  };
  for (const field of ['language', 'phrase', 'severity', 'ruleId', 'productCategory', 'stage'] as const) {
    if (present(input[field]) && !allowedByKind[input.kind].includes(field)) {
      problem(field, `${field} does not apply to a ${input.kind} override`);
    }
  }

  const foldedPhrase = checkKindFields(input, catalogue, problem);
  if (present(input.stage) && !catalogue.stages.has(input.stage!)) {
    problem('stage', `unknown stage ${input.stage}; one of ${[...catalogue.stages].join(', ')}`);
  }
  if (present(input.effectiveUntil) && dayStartMs(input.effectiveUntil!) <= dayStartMs(input.effectiveFrom)) {
    problem(
      'effectiveUntil',
      `effectiveUntil ${input.effectiveUntil} is not after effectiveFrom ${input.effectiveFrom}`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  // A finding that needs a person's judgement needs someone to judge it: the review stage unless another is named.
  const defaultStage =
    input.severity === 'approval' && catalogue.stages.has(DEFAULT_REVIEW_STAGE) ? DEFAULT_REVIEW_STAGE : null;
  return {
    ok: true,
    fields: {
      kind: input.kind,
      language: input.language ?? null,
      phrase: input.phrase ?? null,
      foldedPhrase,
      severity: input.severity ?? null,
      message: input.message ?? null,
      ruleId: input.ruleId ?? null,
      productCategory: input.productCategory ?? null,
      stage: input.stage ?? defaultStage,
      effectiveFrom: input.effectiveFrom,
      effectiveUntil: input.effectiveUntil ?? null,
    },
  };
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

/** What each kind needs; returns the folded phrase of a term. */
function checkKindFields(
  input: OverrideInput,
  catalogue: OverrideCatalogue,
  problem: (field: string, message: string) => void,
): string | null {
  let foldedPhrase: string | null = null;
  if (input.kind === 'term') {
    if (!present(input.language)) {
      problem('language', `language is required: one of ${[...catalogue.languages, 'any'].join(', ')}`);
    } else if (input.language !== 'any' && !catalogue.languages.has(input.language!)) {
      problem('language', `unknown language ${input.language}; one of ${[...catalogue.languages, 'any'].join(', ')}`);
    }
    if (!present(input.phrase)) problem('phrase', 'phrase is required');
    else {
      foldedPhrase = foldPhrase(input.phrase!);
      if ([...foldedPhrase.replace(/\s/gu, '')].length < MIN_PHRASE_LENGTH) {
        problem('phrase', `phrase must have at least ${MIN_PHRASE_LENGTH} characters besides spaces`);
      }
    }
    if (!present(input.severity)) problem('severity', `severity is required: one of ${OVERRIDE_SEVERITIES.join(', ')}`);
    if (!present(input.message)) {
      problem('message', 'message is required: what the author reads when the phrase is found');
    }
  }
  if (input.kind === 'rule') {
    if (!present(input.ruleId)) problem('ruleId', 'ruleId is required');
    else if (!catalogue.ruleIds.has(input.ruleId!)) problem('ruleId', `no pack defines rule ${input.ruleId}`);
    if (!present(input.severity) && !present(input.stage)) {
      problem('severity', 'a rule override raises the severity, requires a stage, or both');
    }
  }
  if (input.kind === 'category') {
    if (!present(input.productCategory)) {
      problem('productCategory', `productCategory is required: one of ${PRODUCT_CATEGORIES.join(', ')}`);
    }
    if (!present(input.stage)) problem('stage', 'stage is required');
  }
  return foldedPhrase;
}
