import { ArgError } from '../errors';
import {
  FINDING_KINDS,
  FindingKind,
  Severity,
  SEVERITIES,
  StageDefinition,
  Verification,
  VERIFICATION_TAGS,
  ProfileFactType,
  Citation,
} from '../types';
import { ArgReader, describe } from './arg-reader';

/** One rule as written in pack.yaml, structurally checked but not yet compiled. */
export interface RuleSource {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly finding: FindingKind;
  readonly verification: Verification;
  readonly status: 'active' | 'draft';
  readonly citation: Citation;
  readonly effectiveFrom: string | null;
  readonly effectiveUntil: string | null;
  readonly messageKey: string;
  readonly appliesTo: unknown;
  readonly checkKind: string;
  readonly checkArgs: unknown;
  readonly replaces: readonly string[];
  readonly stage: string | null;
}

/** A pack.yaml, structurally checked; inheritance is resolved later. */
export interface PackSource {
  readonly code: string;
  readonly name: string;
  readonly extends: string | null;
  readonly scope: 'jurisdiction' | 'global';
  readonly languages: readonly string[];
  readonly timeZone: string | null;
  readonly approvalValidityDays: number | null;
  readonly defaultRetentionYears: number | null;
  readonly reviewStage: string | null;
  readonly stages: readonly StageDefinition[] | null;
  readonly profileFacts: Readonly<Record<string, ProfileFactType>>;
  readonly patterns: Readonly<Record<string, unknown>>;
  readonly rules: readonly RuleSource[];
}

const PACK_KEYS = [
  'code',
  'name',
  'extends',
  'scope',
  'languages',
  'timeZone',
  'approvalValidityDays',
  'defaultRetentionYears',
  'reviewStage',
  'stages',
  'profileFacts',
  'patterns',
  'rules',
] as const;

const RULE_KEYS = [
  'id',
  'title',
  'severity',
  'finding',
  'verification',
  'status',
  'citation',
  'effectiveFrom',
  'effectiveUntil',
  'messageKey',
  'appliesTo',
  'check',
  'replaces',
  'stage',
] as const;

const FACT_TYPES: readonly ProfileFactType[] = ['string', 'boolean', 'date', 'number'];
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Thrown for a pack-level problem; `ruleId` is set when the problem is inside a rule. */
export class SourceError extends Error {
  constructor(
    readonly ruleId: string | null,
    message: string,
  ) {
    super(message);
  }
}

export function readPackSource(raw: unknown): PackSource {
  const pack = wrap(null, () => ArgReader.of(raw, ''));
  wrap(null, () => pack.allowOnly(PACK_KEYS));
  const rules = wrap(null, () => pack.list('rules', { nonEmpty: true }));
  return wrap(null, () => ({
    code: readCode(pack),
    name: pack.string('name'),
    extends: pack.optionalString('extends') ?? null,
    scope: pack.optionalOneOf('scope', ['jurisdiction', 'global'] as const) ?? 'jurisdiction',
    languages: pack.stringList('languages', { nonEmpty: true }).map((l, i) => {
      if (!/^[a-z]{2,3}$/.test(l)) throw new ArgError(`languages[${i}]`, `'${l}' is not a language code`);
      return l;
    }),
    timeZone: pack.optionalString('timeZone') ?? null,
    approvalValidityDays: pack.optionalNumber('approvalValidityDays', { min: 1, max: 365, integer: true }) ?? null,
    defaultRetentionYears: pack.optionalNumber('defaultRetentionYears', { min: 0, max: 100 }) ?? null,
    reviewStage: pack.optionalString('reviewStage') ?? null,
    stages: pack.has('stages')
      ? pack.children('stages', { nonEmpty: true }).map((s) => {
          s.allowOnly(['stage', 'role']);
          return { stage: s.string('stage'), role: s.string('role') };
        })
      : null,
    profileFacts: readFacts(pack),
    patterns: pack.has('patterns') ? readPatternsBlock(pack) : {},
    rules: rules.map((item, i) => readRule(item, i)),
  }));
}

function readCode(pack: ArgReader): string {
  const code = pack.string('code');
  if (!/^[A-Z][A-Z0-9_]{1,15}$/.test(code)) {
    throw new ArgError('code', `'${code}' must be upper-case letters/digits, e.g. DE`);
  }
  return code;
}

function readFacts(pack: ArgReader): Record<string, ProfileFactType> {
  const facts: Record<string, ProfileFactType> = {};
  const block = pack.optionalChild('profileFacts');
  if (block === undefined) return facts;
  for (const key of block.keys()) facts[key] = block.oneOf(key, FACT_TYPES);
  return facts;
}

function readPatternsBlock(pack: ArgReader): Record<string, unknown> {
  const block = pack.child('patterns');
  for (const key of block.keys()) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new ArgError(block.at(key), 'named patterns are UPPER_CASE');
  }
  return Object.fromEntries(block.keys().map((k) => [k, block.raw(k)]));
}

function readRule(raw: unknown, index: number): RuleSource {
  const path = `rules[${index}]`;
  const probe = ArgReader.of(raw, path);
  const id = typeof probe.raw('id') === 'string' ? (probe.raw('id') as string) : null;
  return wrap(id, () => {
    const rule = probe.allowOnly(RULE_KEYS);
    const ruleId = rule.string('id');
    if (!/^[A-Z][A-Z0-9]*(-[A-Z0-9.]+)+$/.test(ruleId)) {
      throw new ArgError(rule.at('id'), `'${ruleId}' is not a rule id like DE-PANGV-17-CREDIT`);
    }
    if (!rule.has('citation')) {
      throw new ArgError(rule.at('citation'), 'missing citation (source, article, url where public)');
    }
    const citation = rule.child('citation').allowOnly(['source', 'article', 'url']);
    const url = citation.optionalString('url');
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) {
      throw new ArgError(citation.at('url'), `'${url}' is not an http(s) URL`);
    }
    if (!rule.has('check')) throw new ArgError(rule.at('check'), 'missing check');
    const check = rule.child('check').allowOnly(['kind', 'args']);
    return {
      id: ruleId,
      title: rule.string('title'),
      severity: rule.oneOf('severity', SEVERITIES),
      finding: rule.oneOf('finding', FINDING_KINDS),
      verification: rule.oneOf('verification', VERIFICATION_TAGS),
      status: rule.optionalOneOf('status', ['active', 'draft'] as const) ?? 'active',
      citation: {
        source: citation.string('source'),
        ...(citation.has('article') ? { article: citation.string('article') } : {}),
        ...(url !== undefined ? { url } : {}),
      },
      effectiveFrom: readDate(rule, 'effectiveFrom'),
      effectiveUntil: readDate(rule, 'effectiveUntil'),
      messageKey: readMessageKey(rule),
      appliesTo: rule.raw('appliesTo'),
      checkKind: check.string('kind'),
      checkArgs: check.has('args') ? check.raw('args') : {},
      replaces: rule.has('replaces') ? rule.stringList('replaces', { nonEmpty: true }) : [],
      stage: rule.optionalString('stage') ?? null,
    };
  });
}

function readMessageKey(rule: ArgReader): string {
  const key = rule.string('messageKey');
  if (!/^[A-Za-z][\w-]*(\.[\w-]+)*$/.test(key)) {
    throw new ArgError(rule.at('messageKey'), `'${key}' is not a dotted key like pangv17.example`);
  }
  return key;
}

function readDate(rule: ArgReader, key: string): string | null {
  if (!rule.has(key)) return null;
  const value = rule.raw(key);
  if (typeof value !== 'string' || !DATE.test(value) || !isRealDay(value.slice(0, 10))) {
    throw new ArgError(
      rule.at(key),
      `bad date ${describe(value)}: use yyyy-mm-dd (a day in the pack's time zone) or an ISO instant with offset`,
    );
  }
  return value;
}

function isRealDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

function wrap<T>(ruleId: string | null, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ArgError) throw new SourceError(ruleId, error.message);
    throw error;
  }
}
