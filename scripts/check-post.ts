/**
 * Checks one post against the jurisdiction packs without a server:
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only scripts/check-post.ts post.json \
 *     [--lang de] [--jurisdictions DIR] [--now 2026-06-01T09:00:00Z]
 *   npx ts-node -r tsconfig-paths/register --transpile-only scripts/check-post.ts --packs-table
 *   npx ts-node -r tsconfig-paths/register --transpile-only scripts/check-post.ts \
 *     --changes-on 2026-11-20 [--workspace UUID]
 *   npx ts-node -r tsconfig-paths/register --transpile-only scripts/check-post.ts --report [--jurisdictions DIR]
 *
 * post.json holds the post fields of `POST /posts` (body, locale, productCategory, channels,
 * jurisdictions, ...) with `brandProfile` inline and an optional `scheduledAt`.
 * Exit codes: 0 clear or needs approval, 1 blocked or needs changes, 2 bad input.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import i18next, { TFunction } from 'i18next';
import {
  AUDIENCES,
  Channel,
  CHANNELS,
  COMMUNICATION_TYPES,
  ENGINE_NAMESPACE,
  Evaluation,
  Finding,
  PostFacts,
  PRODUCT_CATEGORIES,
  PackValidationError,
  RulesEngine,
} from '@preclear/rules-engine';
import { changesOnMain } from './changes-on';
import { reportMain } from './examples-report';

class InputError extends Error {}

interface Options {
  file: string | null;
  lang: string | null;
  packsDir: string;
  now: Date;
  packsTable: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    file: null,
    lang: null,
    packsDir: resolve(__dirname, '..', 'jurisdictions'),
    now: new Date(),
    packsTable: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new InputError(`option ${arg} needs a value`);
      return next;
    };
    if (arg === '--lang') options.lang = value();
    else if (arg === '--jurisdictions') options.packsDir = resolve(value());
    else if (arg === '--now') options.now = parseInstant(value(), '--now');
    else if (arg === '--packs-table') options.packsTable = true;
    else if (arg.startsWith('--')) throw new InputError(`unknown option ${arg}`);
    else if (options.file === null) options.file = arg;
    else throw new InputError(`unexpected argument ${arg}`);
  }
  if (options.file === null && !options.packsTable) {
    throw new InputError('usage: check-post.ts post.json [--lang de] [--jurisdictions DIR] [--now ISO]');
  }
  return options;
}

function parseInstant(value: string, field: string): Date {
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new InputError(
      `field '${field}': '${value}' is not an ISO-8601 instant with an offset (e.g. 2026-12-01T09:30:00+01:00)`,
    );
  }
  return new Date(value);
}

/**
 * Validates the post JSON field by field and reports every bad field at once (one line each),
 * so a file missing several fields is fixed in one go.
 */
function readPost(file: string, jurisdictionCodes: readonly string[]): PostFacts {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(`${file}: must hold a JSON object`);
  }
  const post = raw as Record<string, unknown>;
  const problems: string[] = [];
  // Records the problem and hands back a placeholder, so the remaining fields are still checked.
  const fail = <T>(field: string, problem: string, placeholder: T): T => {
    problems.push(`${file}: field '${field}': ${problem}`);
    return placeholder;
  };
  const str = (field: string, required: boolean): string | undefined => {
    const value = post[field];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || (required && value.trim() === '')) {
      return fail(field, 'must be a non-empty string', undefined);
    }
    return value;
  };
  const oneOf = <T extends string>(field: string, values: readonly T[], fallback?: T): T => {
    const value = post[field] ?? fallback;
    if (typeof value !== 'string' || !values.includes(value as T)) {
      return fail(field, `must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`, values[0]);
    }
    return value as T;
  };
  const bool = (field: string): boolean => {
    const value = post[field] ?? false;
    return typeof value === 'boolean' ? value : fail(field, 'must be true or false', false);
  };
  const list = (field: string, required: boolean): unknown[] => {
    const value = post[field] ?? (required ? undefined : []);
    if (!Array.isArray(value)) return fail(field, 'must be a list', []);
    if (required && value.length === 0) return fail(field, 'must not be empty', []);
    return value;
  };

  const body = str('body', true) ?? '';
  const locale = str('locale', true) ?? 'en';
  if (typeof post.locale === 'string' && !/^[a-z]{2,3}([-_][A-Za-z0-9]+)*$/.test(locale)) {
    fail('locale', `'${locale}' is not a locale like de-DE`, undefined);
  }
  const channels = list('channels', true).flatMap((c, i) =>
    typeof c === 'string' && (CHANNELS as readonly string[]).includes(c)
      ? [c as Channel]
      : fail(`channels[${i}]`, `unknown channel ${JSON.stringify(c)} (expected one of ${CHANNELS.join(', ')})`, []),
  );
  const jurisdictions = list('jurisdictions', true).flatMap((j, i) =>
    typeof j === 'string' && jurisdictionCodes.includes(j)
      ? [j]
      : fail(
          `jurisdictions[${i}]`,
          `unknown jurisdiction ${JSON.stringify(j)} (loaded: ${jurisdictionCodes.join(', ')})`,
          [],
        ),
  );
  const links = list('links', false).flatMap((l, i) =>
    typeof l === 'string' ? [l] : fail(`links[${i}]`, 'must be a string', []),
  );
  const media = list('media', false).flatMap((m, i) => {
    if (typeof m !== 'object' || m === null || typeof (m as { kind?: unknown }).kind !== 'string') {
      return fail(`media[${i}]`, 'must be { kind, altText? }', []);
    }
    const altText = (m as { altText?: unknown }).altText;
    if (altText !== undefined && typeof altText !== 'string') {
      return fail(`media[${i}].altText`, 'must be a string', []);
    }
    return [{ kind: (m as { kind: string }).kind, ...(altText !== undefined ? { altText } : {}) }];
  });
  let profile = post.brandProfile ?? {};
  if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) {
    profile = fail('brandProfile', 'must be an object keyed by jurisdiction code', {});
  }
  for (const [code, facts] of Object.entries(profile as Record<string, unknown>)) {
    if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) {
      fail(`brandProfile.${code}`, 'must be an object of facts', undefined);
    }
  }
  const scheduledAt = str('scheduledAt', false);
  let publishAt: Date | undefined;
  if (scheduledAt !== undefined) {
    try {
      publishAt = parseInstant(scheduledAt, 'scheduledAt');
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  const facts: PostFacts = {
    body,
    title: str('title', false),
    locale,
    productCategory: oneOf('productCategory', PRODUCT_CATEGORIES),
    communicationType: oneOf('communicationType', COMMUNICATION_TYPES, 'retail'),
    audience: oneOf('audience', AUDIENCES, 'retail'),
    interactive: bool('interactive'),
    paid: bool('paid'),
    influencer: bool('influencer'),
    platformAd: bool('platformAd'),
    channels,
    jurisdictions,
    links,
    media,
    brandProfile: profile as Record<string, Record<string, unknown>>,
    ...(publishAt ? { publishAt } : {}),
  };
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return facts;
}

function createTranslator(engine: RulesEngine, lang: string): TFunction {
  const instance = i18next.createInstance();
  const resources = engine.locales();
  void instance.init({
    resources,
    lng: lang,
    fallbackLng: 'en',
    ns: Object.keys(resources.en ?? {}),
    defaultNS: ENGINE_NAMESPACE,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance.t.bind(instance);
}

const MARK: Record<Finding['severity'], string> = { block: 'BLOCK', fix: 'FIX', approval: 'APPROVAL', info: 'info' };

function render(evaluation: Evaluation, t: TFunction): string {
  const lines: string[] = [];
  lines.push(`Overall: ${t(`${ENGINE_NAMESPACE}:verdict.${evaluation.verdict}`)} (${evaluation.verdict})`);
  lines.push(`Rules in force at ${evaluation.publishAt}; evaluated ${evaluation.evaluatedAt}`);
  for (const j of evaluation.jurisdictions) {
    lines.push(
      '',
      `== ${j.jurisdiction}: ${t(`${ENGINE_NAMESPACE}:verdict.${j.verdict}`)} (${j.verdict})  [${evaluation.packVersions[j.jurisdiction]?.slice(0, 19)}...]`,
    );
    for (const f of j.findings) {
      lines.push(`  [${MARK[f.severity]}] ${f.ruleId}${f.channel ? ` (${f.channel})` : ''} ${f.kind}`);
      lines.push(`      ${t(f.messageKey, f.messageParams)}`);
      if (f.verification === 'K') lines.push(`      ${t(`${ENGINE_NAMESPACE}:verification.K`)}`);
      if (f.cappedFrom) lines.push(`      ${t(`${ENGINE_NAMESPACE}:capped`, { severity: f.cappedFrom })}`);
      const citation = [f.citation.source, f.citation.article].filter(Boolean).join(', ');
      lines.push(`      cite: ${citation}${f.citation.url ? ` <${f.citation.url}>` : ''}`);
      if (f.evidence) lines.push(`      evidence: "${f.evidence.text}" at ${f.evidence.start}-${f.evidence.end}`);
      if (f.fix?.append) lines.push(`      fix: append "${f.fix.append.replace(/\n/g, ' / ')}"`);
      if (f.fix?.prepend) lines.push(`      fix: prepend "${f.fix.prepend}"`);
    }
    if (j.requiredStages.length > 0) {
      lines.push(
        `  stages: ${j.requiredStages.map((s) => `${s.stage} (${s.role}: ${s.ruleIds.join(', ')})`).join('; ')}`,
      );
    }
    if (j.filing) {
      const when =
        j.filing.when === 'pre'
          ? `before use, earliest publication ${j.filing.earliestPublishAt}`
          : `after use, by ${j.filing.fileBy}`;
      lines.push(`  filing: ${j.filing.regulator} ${j.filing.businessDays} business days ${when}`);
    }
    lines.push(`  retention: ${j.retention.years} years; approvals valid ${j.approvalValidityDays} days`);
  }
  return lines.join('\n');
}

/** Markdown table of the packs, used in libs/rules-engine/README.md. */
function packsTable(engine: RulesEngine): string {
  const rows = engine.packs().map((p) => {
    const detail = engine.pack(p.code);
    const own = detail?.rules.filter((r) => !r.inheritedFrom && r.status === 'active').length ?? 0;
    const drafts = detail?.rules.filter((r) => r.status === 'draft').length ?? 0;
    const tags = (tag: string): number =>
      detail?.rules.filter((r) => r.status === 'active' && r.verification === tag).length ?? 0;
    return `| ${p.code} | ${p.name} | ${p.extends ?? '-'} | ${p.languages.join(', ')} | ${own} | ${p.rules - own} | ${p.rules} | ${tags('V')} / ${tags('S')} / ${tags('K')} | ${drafts} |`;
  });
  return [
    '| Code | Name | Extends | Languages | Own rules | Inherited | Evaluated | V / S / K | Drafts |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function main(argv: string[]): number {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let engine: RulesEngine;
  try {
    engine = RulesEngine.fromDirectory(options.packsDir);
  } catch (error) {
    if (error instanceof PackValidationError) {
      process.stderr.write(`invalid pack: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.packsTable) {
    process.stdout.write(`${packsTable(engine)}\n`);
    return 0;
  }
  let facts: PostFacts;
  try {
    facts = readPost(options.file as string, engine.jurisdictionCodes());
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const evaluation = engine.evaluate(facts, options.now);
  const lang = options.lang ?? facts.locale.split(/[-_]/)[0];
  process.stdout.write(`${render(evaluation, createTranslator(engine, lang))}\n`);
  return evaluation.verdict === 'blocked' || evaluation.verdict === 'needs_changes' ? 1 : 0;
}

if (process.argv.includes('--changes-on')) {
  // "What changes on <day>": see scripts/changes-on.ts.
  void changesOnMain(process.argv.slice(2)).then((code) => (process.exitCode = code));
} else if (process.argv.includes('--report')) {
  // Per-pack accuracy on the example posts: see scripts/examples-report.ts.
  process.exitCode = reportMain(process.argv.slice(2));
} else {
  process.exitCode = main(process.argv.slice(2));
}
