import { createHash } from 'crypto';
import { DateTime } from 'luxon';
import { AnyCheckKind, compileCheck, CompileEnv, GatedCheck } from '../checks/check-kind';
import { CHECK_KINDS } from '../checks/registry';
import { ArgError, PackValidationError } from '../errors';
import { PRODUCT_CATEGORIES, ProductCategory, ProfileFactType, RuleDetail, Severity, StageDefinition } from '../types';
import { ArgReader } from './arg-reader';
import { compileAppliesTo, CompiledAppliesTo } from './applies-to';
import { CompiledPack, CompiledRule } from './compiled-pack';
import type { PackFiles } from './pack-files';
import { RuleSource } from './pack-source';
import { NamedPatterns } from './pattern-input';

/** A rule compiled once in the pack that defines it; children reuse it. */
interface RuleDefinition {
  readonly source: RuleSource;
  readonly definedIn: string;
  readonly checkKind: AnyCheckKind;
  readonly check: GatedCheck;
  readonly appliesTo: CompiledAppliesTo;
  readonly severity: Severity;
  readonly cappedFrom: Severity | undefined;
  readonly stage: string;
}

/** What a child pack needs from its compiled parent. */
export interface ParentPack {
  readonly pack: CompiledPack;
  readonly file: string;
  readonly namedPatterns: NamedPatterns;
  /** The parent's effective rules (own and inherited, minus replaced), drafts included. */
  readonly definitions: readonly RuleDefinition[];
  readonly localeLanguages: ReadonlySet<string>;
}

const DEFAULT_APPROVAL_VALIDITY_DAYS = 30;
const DEFAULT_REVIEW_STAGE = 'compliance';

export function compilePack(files: PackFiles, parent: ParentPack | null, namedPatterns: NamedPatterns): ParentPack {
  const { source, file } = files;
  const fail = (ruleId: string | null, problem: string): never => {
    throw new PackValidationError(file, ruleId, problem);
  };

  const timeZone =
    source.timeZone ?? parent?.pack.timeZone ?? fail(null, 'timeZone is required (IANA zone, e.g. Europe/Berlin)');
  const stages: readonly StageDefinition[] =
    source.stages ?? parent?.pack.stages ?? fail(null, 'stages are required in a pack without extends');
  const reviewStage = source.reviewStage ?? DEFAULT_REVIEW_STAGE;
  if (!stages.some((s) => s.stage === reviewStage)) fail(null, `reviewStage '${reviewStage}' is not one of the stages`);
  const profileFacts = mergeFacts(parent?.pack.profileFacts ?? {}, source.profileFacts, fail);

  if (parent !== null) {
    for (const language of source.languages) {
      if (!parent.localeLanguages.has(language)) {
        fail(
          null,
          `language '${language}' has no locale in ${parent.file}, so inherited ${parent.pack.code} rules could not be shown in it`,
        );
      }
    }
  }

  const env: CompileEnv = { packCode: source.code, languages: source.languages, namedPatterns, profileFacts, stages };
  const own = source.rules.map((rule) => compileDefinition(rule, env, files, stages, reviewStage));
  checkVersions(own, fail);

  const definitions = effectiveDefinitions(own, parent, fail);
  const active = definitions.filter((d) => d.source.status === 'active');

  if (source.scope === 'jurisdiction' && !active.some((d) => d.checkKind.kind === 'personal-data')) {
    fail(null, 'a jurisdiction pack must apply a personal-data rule (its own or inherited)');
  }

  const pack = assemblePack({ files, parent, timeZone, stages, profileFacts, definitions, active });
  return {
    pack,
    file,
    namedPatterns,
    definitions,
    localeLanguages: new Set(files.locales.keys()),
  };
}

interface PackParts {
  files: PackFiles;
  parent: ParentPack | null;
  timeZone: string;
  stages: readonly StageDefinition[];
  profileFacts: CompiledPack['profileFacts'];
  definitions: readonly RuleDefinition[];
  active: readonly RuleDefinition[];
}

/**
 * The compiled pack from its checked parts: rules indexed by
 * phase and category, the detail the API shows, the version hash.
 */
function assemblePack({ files, parent, timeZone, stages, profileFacts, definitions, active }: PackParts): CompiledPack {
  const { source } = files;
  const rules = active.map((d, order) => toCompiledRule(d, order, timeZone));
  const version = `sha256:${createHash('sha256')
    .update(files.contentHash)
    .update(parent ? `\0extends\0${parent.pack.version}` : '')
    .digest('hex')}`;
  const profileChain = parent ? [...parent.pack.profileChain, source.code] : [source.code];
  const approvalValidityDays =
    source.approvalValidityDays ?? parent?.pack.approvalValidityDays ?? DEFAULT_APPROVAL_VALIDITY_DAYS;
  const defaultRetentionYears = source.defaultRetentionYears ?? parent?.pack.defaultRetentionYears ?? 0;

  return {
    code: source.code,
    name: source.name,
    version,
    languages: source.languages,
    extends: source.extends,
    scope: source.scope,
    timeZone,
    approvalValidityDays,
    defaultRetentionYears,
    stages,
    profileFacts,
    profileChain,
    ruleCount: rules.length,
    signalRules: indexByCategory(
      rules.filter((r) => r.phase === 'signal'),
      active,
    ),
    contentRules: indexByCategory(
      rules.filter((r) => r.phase === 'content'),
      active,
    ),
    finalRules: indexByCategory(
      rules.filter((r) => r.phase === 'final'),
      active,
    ),
    detail: {
      code: source.code,
      name: source.name,
      version,
      languages: [...source.languages],
      ...(source.extends ? { extends: source.extends } : {}),
      scope: source.scope,
      timeZone,
      approvalValidityDays,
      defaultRetentionYears,
      stages: [...stages],
      profileFacts: { ...profileFacts },
      ruleCount: rules.length,
      rules: definitions.map((d) => toDetail(d, source.code)),
    },
    locales: Object.fromEntries([...files.locales].map(([language, l]) => [language, l.messages])),
  };
}

/**
 * The parent's rules minus those this pack replaces, then its own;
 * refuses a replacement of nothing and a silent redefinition.
 */
function effectiveDefinitions(
  own: readonly RuleDefinition[],
  parent: ParentPack | null,
  fail: (ruleId: string | null, problem: string) => never,
): RuleDefinition[] {
  const replaced = new Set(own.flatMap((d) => d.source.replaces));
  const inherited = parent?.definitions ?? [];
  for (const id of replaced) {
    if (!inherited.some((d) => d.source.id === id)) {
      fail(
        own.find((d) => d.source.replaces.includes(id))?.source.id ?? null,
        `replaces '${id}', which ${parent ? parent.pack.code : 'no parent'} does not define`,
      );
    }
  }
  for (const d of own) {
    if (inherited.some((p) => p.source.id === d.source.id) && !replaced.has(d.source.id)) {
      fail(
        d.source.id,
        `redefines inherited rule ${d.source.id}; give it another id and list the old one under replaces`,
      );
    }
  }
  return [...inherited.filter((d) => !replaced.has(d.source.id)), ...own];
}

function compileDefinition(
  rule: RuleSource,
  env: CompileEnv,
  files: PackFiles,
  stages: readonly StageDefinition[],
  reviewStage: string,
): RuleDefinition {
  const fail = (problem: string): never => {
    throw new PackValidationError(files.file, rule.id, problem);
  };
  const checkKind =
    CHECK_KINDS.get(rule.checkKind) ??
    fail(`unknown check kind '${rule.checkKind}' (known: ${[...CHECK_KINDS.keys()].join(', ')})`);
  if (!checkKind.findingKinds.includes(rule.finding)) {
    fail(
      `finding '${rule.finding}' does not fit check kind ${checkKind.kind} (allowed: ${checkKind.findingKinds.join(', ')})`,
    );
  }
  if (checkKind.severities && !checkKind.severities.includes(rule.severity)) {
    fail(
      `severity '${rule.severity}' does not fit check kind ${checkKind.kind} (allowed: ${checkKind.severities.join(', ')})`,
    );
  }
  if (rule.stage !== null && !stages.some((s) => s.stage === rule.stage)) {
    fail(`stage '${rule.stage}' is not one of the pack's stages`);
  }

  let check: GatedCheck;
  let appliesTo: CompiledAppliesTo;
  try {
    check = compileCheck(checkKind, ArgReader.of(rule.checkArgs, 'check.args'), env);
    appliesTo = compileAppliesTo(rule.appliesTo, 'appliesTo', env);
  } catch (error) {
    if (error instanceof ArgError) return fail(error.message);
    throw error;
  }
  validateMessages(rule, checkKind, files);

  // A [K] rule is known but unconfirmed: it may not block or force edits on its own; it sends
  // the post to a reviewer who confirms it. Checks of plain facts (a card number) are exempt.
  const capped =
    rule.verification === 'K' && !checkKind.neverCapped && (rule.severity === 'block' || rule.severity === 'fix');
  return {
    source: rule,
    definedIn: env.packCode,
    checkKind,
    check,
    appliesTo,
    severity: capped ? 'approval' : rule.severity,
    cappedFrom: capped ? rule.severity : undefined,
    stage: rule.stage ?? reviewStage,
  };
}

function validateMessages(rule: RuleSource, checkKind: AnyCheckKind, files: PackFiles): void {
  const keys = checkKind.messageVariants
    ? checkKind.messageVariants.map((v) => `${rule.messageKey}_${v}`)
    : [rule.messageKey];
  for (const { file, messages } of files.locales.values()) {
    for (const key of keys) {
      const message = lookup(messages, key);
      if (typeof message !== 'string' || message.trim() === '') {
        throw new PackValidationError(file, rule.id, `missing message key '${key}'`);
      }
      for (const m of message.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)) {
        if (!checkKind.messageParams.includes(m[1])) {
          throw new PackValidationError(
            file,
            rule.id,
            `message '${key}' uses {{${m[1]}}}, which check kind ${checkKind.kind} does not supply (it supplies: ${checkKind.messageParams.join(', ')})`,
          );
        }
      }
    }
  }
}

function lookup(messages: Record<string, unknown>, key: string): unknown {
  if (key in messages) return messages[key];
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Rules sharing an id are versions of one rule and must cover disjoint periods. */
function checkVersions(own: readonly RuleDefinition[], fail: (ruleId: string | null, problem: string) => never): void {
  const byId = new Map<string, RuleDefinition[]>();
  for (const d of own) {
    const from = d.source.effectiveFrom;
    const until = d.source.effectiveUntil;
    if (from !== null && until !== null && comparableStart(until) <= comparableStart(from)) {
      fail(d.source.id, `effectiveUntil ${until} is not after effectiveFrom ${from}`);
    }
    byId.set(d.source.id, [...(byId.get(d.source.id) ?? []), d]);
  }
  for (const [id, versions] of byId) {
    if (versions.length === 1) continue;
    const sorted = [...versions].sort(
      (a, b) => comparableStart(a.source.effectiveFrom) - comparableStart(b.source.effectiveFrom),
    );
    for (let i = 1; i < sorted.length; i++) {
      const previousUntil = sorted[i - 1].source.effectiveUntil;
      if (previousUntil === null || comparableStart(previousUntil) > comparableStart(sorted[i].source.effectiveFrom)) {
        fail(
          id,
          'is defined more than once with overlapping effective periods (versions of a rule need disjoint effectiveFrom/effectiveUntil)',
        );
      }
    }
  }
}

function comparableStart(value: string | null): number {
  return value === null ? Number.NEGATIVE_INFINITY : Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}

/**
 * A yyyy-mm-dd date starts at midnight in the reporting pack's
 * zone (CCD2 applies from 20 Nov 2026 in Paris time for FR).
 */
function instant(value: string | null, zone: string, open: number): number {
  if (value === null) return open;
  if (value.length === 10) return DateTime.fromISO(value, { zone }).startOf('day').toMillis();
  return Date.parse(value);
}

function toCompiledRule(d: RuleDefinition, order: number, timeZone: string): CompiledRule {
  return {
    id: d.source.id,
    definedIn: d.definedIn,
    kind: d.source.finding,
    severity: d.severity,
    cappedFrom: d.cappedFrom,
    verification: d.source.verification,
    messageKey: `${d.definedIn}:${d.source.messageKey}`,
    citation: d.source.citation,
    fromMs: instant(d.source.effectiveFrom, timeZone, Number.NEGATIVE_INFINITY),
    untilMs: instant(d.source.effectiveUntil, timeZone, Number.POSITIVE_INFINITY),
    stage: d.stage,
    channels: d.appliesTo.channels,
    applies: d.appliesTo.test,
    check: d.check.check,
    // bodyMatches and the check's triggers must both match: either gate alone suffices to skip.
    gate: d.check.gate ?? d.appliesTo.gate,
    phase: d.checkKind.phase,
    order,
  };
}

function indexByCategory(
  rules: readonly CompiledRule[],
  active: readonly RuleDefinition[],
): Map<ProductCategory, CompiledRule[]> {
  const index = new Map<ProductCategory, CompiledRule[]>(PRODUCT_CATEGORIES.map((c) => [c, []]));
  for (const rule of rules) {
    for (const category of active[rule.order].appliesTo.categories) index.get(category)?.push(rule);
  }
  return index;
}

function mergeFacts(
  inherited: Readonly<Record<string, ProfileFactType>>,
  own: Readonly<Record<string, ProfileFactType>>,
  fail: (ruleId: string | null, problem: string) => never,
): Record<string, ProfileFactType> {
  for (const [fact, type] of Object.entries(own)) {
    if (inherited[fact] !== undefined && inherited[fact] !== type) {
      fail(null, `profile fact ${fact} is ${inherited[fact]} in the parent pack, not ${type}`);
    }
  }
  return { ...inherited, ...own };
}

function toDetail(d: RuleDefinition, packCode: string): RuleDetail {
  const s = d.source;
  return {
    id: s.id,
    title: s.title,
    severity: s.severity,
    effectiveSeverity: d.severity,
    finding: s.finding,
    verification: s.verification,
    status: s.status,
    check: { kind: s.checkKind, args: s.checkArgs },
    appliesTo: s.appliesTo ?? {},
    citation: s.citation,
    effectiveFrom: s.effectiveFrom,
    effectiveUntil: s.effectiveUntil,
    messageKey: `${d.definedIn}:${s.messageKey}`,
    replaces: [...s.replaces],
    ...(d.definedIn !== packCode ? { inheritedFrom: d.definedIn } : {}),
  };
}
