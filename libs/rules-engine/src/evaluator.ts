import { businessCalendar, addBusinessDays } from './calendar/business-days';
import { CheckOutput, FilingRequest, RawFinding, RuleContext } from './checks/check-kind';
import { UnknownJurisdictionError } from './errors';
import { CompiledPack, CompiledPacks, CompiledRule } from './pack/compiled-pack';
import { PostText } from './text/post-text';
import {
  Channel,
  Evaluation,
  Filing,
  Finding,
  JurisdictionEvaluation,
  PostFacts,
  ProductCategory,
  RequiredStage,
  Severity,
} from './types';
import { VERDICT_ORDER } from './verdict';

const EMPTY_PROFILE: Readonly<Record<string, unknown>> = Object.freeze({});
const URL_IN_TEXT = /\bhttps?:\/\/|\bwww\./i;
/** Position in SEVERITY_ORDER, which is also the position of its verdict in VERDICT_ORDER. */
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { block: 0, fix: 1, approval: 2, info: 3 };

/** Per-post state shared by all packs: the normalised text is built once. */
class PostContext implements RuleContext {
  /** The post's facts; while the rules of a signalled category run, a copy declaring that category. */
  facts: PostFacts;
  readonly text: PostText;
  readonly language: string;
  readonly publishAtMs: number;
  readonly nowMs: number;
  readonly hasLink: boolean;
  profile: Readonly<Record<string, unknown>> = EMPTY_PROFILE;
  channel: Channel | null = null;
  pendingFixTexts: readonly string[] = [];
  private altTextCache: PostText | null | undefined;

  constructor(
    readonly declared: PostFacts,
    now: Date,
  ) {
    this.facts = declared;
    this.text = PostText.of(declared.body);
    this.language = languageOf(declared.locale);
    this.nowMs = now.getTime();
    this.publishAtMs = declared.publishAt ? declared.publishAt.getTime() : this.nowMs;
    this.hasLink = declared.links.length > 0 || URL_IN_TEXT.test(declared.body);
  }

  get altText(): PostText | null {
    if (this.altTextCache === undefined) {
      const joined = this.facts.media.map((m) => m.altText ?? '').join('\n');
      this.altTextCache = joined.trim() === '' ? null : PostText.of(joined);
    }
    return this.altTextCache;
  }
}

/** 'de' for 'de-DE' or 'de_DE' (without a regular expression: this runs for every post). */
function languageOf(locale: string): string {
  let end = 0;
  while (end < locale.length && locale[end] !== '-' && locale[end] !== '_') end++;
  return locale.slice(0, end).toLowerCase();
}

/** Collects one jurisdiction's results; the evaluator points it at each rule before the check runs. */
class JurisdictionRun implements CheckOutput {
  readonly findings: Finding[] = [];
  readonly stageRules = new Map<string, string[]>();
  readonly filings: { request: FilingRequest; ruleId: string }[] = [];
  /**
   * Rules already run, so a rule shared by the declared and a
   * signalled category runs once (only kept when there are signals).
   */
  ran: Set<CompiledRule> | null = null;
  retentionYears: number;
  rule!: CompiledRule;
  /** The brand profile this pack reads (the same for every category the post is evaluated as). */
  readonly profile: Readonly<Record<string, unknown>>;

  constructor(
    readonly pack: CompiledPack,
    private readonly ctx: PostContext,
    /** Categories the text signals (shared by every run of the post). */
    private readonly signals: ProductCategory[],
  ) {
    this.retentionYears = pack.defaultRetentionYears;
    this.profile = profileFor(pack, ctx.declared);
  }

  finding(raw: RawFinding): void {
    const rule = this.rule;
    const finding: Finding = {
      ruleId: rule.id,
      kind: rule.kind,
      severity: rule.severity,
      verification: rule.verification,
      channel: raw.channel !== undefined ? raw.channel : this.ctx.channel,
      messageKey: raw.variant === undefined ? rule.messageKey : `${rule.messageKey}_${raw.variant}`,
      messageParams: raw.params ?? {},
      citation: rule.citation,
      evidence: raw.evidence ?? null,
      fix: raw.fix ?? null,
    };
    if (rule.cappedFrom !== undefined) finding.cappedFrom = rule.cappedFrom;
    this.findings.push(finding);
    if (finding.severity === 'approval') {
      const stage = raw.stage ?? rule.stage;
      const ids = this.stageRules.get(stage);
      if (ids === undefined) this.stageRules.set(stage, [rule.id]);
      else if (!ids.includes(rule.id)) ids.push(rule.id);
    }
  }

  signal(category: ProductCategory): void {
    if (!this.signals.includes(category)) this.signals.push(category);
  }

  filing(request: FilingRequest): void {
    this.filings.push({ request, ruleId: this.rule.id });
  }

  retention(years: number): void {
    if (years > this.retentionYears) this.retentionYears = years;
  }
}

/**
 * Evaluates one post against its jurisdictions' packs and every global pack. Pure: no I/O,
 * no clock (the caller passes `now`). Two phases: content checks of every pack first, then
 * 'final' checks (length limits) that must see what the fix findings will append.
 */
export function evaluatePost(packs: CompiledPacks, facts: PostFacts, now: Date): Evaluation {
  const ctx = new PostContext(facts, now);
  const targets: CompiledPack[] = [];
  for (const code of facts.jurisdictions) {
    const pack = packs.byCode.get(code);
    if (pack === undefined) throw new UnknownJurisdictionError(code, [...packs.byCode.keys()]);
    if (pack.scope === 'jurisdiction' && !targets.includes(pack)) targets.push(pack);
  }
  targets.push(...packs.global);

  const signals: ProductCategory[] = [];
  const runs = targets.map((pack) => new JurisdictionRun(pack, ctx, signals));
  for (const run of runs) runRules(run, ctx, run.pack.signalRules.get(facts.productCategory));
  // Signals found by any pack apply everywhere: a payday loan seen by the UK pack is one for the platform rules too.
  if (signals.length > 0) for (const run of runs) run.ran = new Set();
  forEachCategory(ctx, signals, () => {
    for (const run of runs) runRules(run, ctx, run.pack.contentRules.get(ctx.facts.productCategory));
  });

  const fixTexts: string[] = [];
  for (const run of runs) {
    for (const f of run.findings) {
      if (f.severity !== 'fix' || f.fix === null) continue;
      for (const text of [f.fix.prepend, f.fix.append]) {
        if (text !== undefined && !fixTexts.includes(text)) fixTexts.push(text);
      }
    }
  }
  ctx.pendingFixTexts = fixTexts;
  forEachCategory(ctx, signals, () => {
    for (const run of runs) runRules(run, ctx, run.pack.finalRules.get(ctx.facts.productCategory));
  });

  const jurisdictions = runs.map((run) => finish(run, packs.stageOrder, ctx, now));
  let worst = VERDICT_ORDER.length - 1;
  let retentionYears = 0;
  const packVersions: Record<string, string> = {};
  for (const j of jurisdictions) {
    worst = Math.min(worst, VERDICT_ORDER.indexOf(j.verdict));
    retentionYears = Math.max(retentionYears, j.retention.years);
  }
  for (const run of runs) packVersions[run.pack.code] = run.pack.version;
  return {
    verdict: VERDICT_ORDER[worst],
    evaluatedAt: isoString(ctx.nowMs),
    publishAt: isoString(ctx.publishAtMs),
    packVersions,
    jurisdictions,
    requiredStages: unionStages(jurisdictions, packs.stageOrder),
    retention: { years: retentionYears },
  };
}

/** The last few instants formatted: a batch shares `now` and most posts share few publication instants. */
const ISO_CACHE = new Map<number, string>();
const ISO_CACHE_SIZE = 16;

function isoString(ms: number): string {
  let iso = ISO_CACHE.get(ms);
  if (iso === undefined) {
    iso = new Date(ms).toISOString();
    if (ISO_CACHE.size >= ISO_CACHE_SIZE) ISO_CACHE.clear();
    ISO_CACHE.set(ms, iso);
  }
  return iso;
}

/**
 * Runs `phase` for the declared category, then as if the post declared each signalled
 * category (rules see that category; a rule already run is skipped), so the stricter wins.
 */
function forEachCategory(ctx: PostContext, signals: readonly ProductCategory[], phase: () => void): void {
  phase();
  for (const category of signals) {
    if (category === ctx.declared.productCategory) continue;
    ctx.facts = { ...ctx.declared, productCategory: category };
    phase();
  }
  ctx.facts = ctx.declared;
}

function runRules(run: JurisdictionRun, ctx: PostContext, rules: readonly CompiledRule[] | undefined): void {
  if (rules === undefined || rules.length === 0) return;
  ctx.profile = run.profile;
  const publishAt = ctx.publishAtMs;
  const channels = ctx.facts.channels;
  const ran = run.ran;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (publishAt < rule.fromMs || publishAt >= rule.untilMs || (ran !== null && ran.has(rule))) continue;
    if (rule.gate !== null && !ctx.text.hasAnyLiteral(rule.gate)) continue;
    ctx.channel = null;
    if (!rule.applies(ctx)) continue;
    if (ran !== null) ran.add(rule);
    run.rule = rule;
    if (rule.channels === null) {
      rule.check(ctx, run);
      continue;
    }
    runPerChannel(run, ctx, rule, channels);
  }
  ctx.channel = null;
}

/**
 * A channel-scoped rule reports once per channel of the post it names. Checks judge the text
 * and the facts, never the channel (it only labels their findings), so the check runs for the
 * first such channel and its findings are copied to the others.
 */
function runPerChannel(run: JurisdictionRun, ctx: PostContext, rule: CompiledRule, channels: readonly Channel[]): void {
  const scoped = rule.channels as readonly Channel[];
  let first: Channel | null = null;
  let from = 0;
  let to = 0;
  for (let c = 0; c < channels.length; c++) {
    const channel = channels[c];
    if (!scoped.includes(channel)) continue;
    if (first === null) {
      first = ctx.channel = channel;
      from = run.findings.length;
      rule.check(ctx, run);
      to = run.findings.length;
      continue;
    }
    for (let i = from; i < to; i++) {
      const finding = run.findings[i];
      run.findings.push(finding.channel === first ? { ...finding, channel } : finding);
    }
  }
}

/** A child pack reads its parents' profile sections too (a DE brand may state EU facts under EU). */
function profileFor(pack: CompiledPack, facts: PostFacts): Readonly<Record<string, unknown>> {
  if (pack.profileChain.length === 1) return facts.brandProfile[pack.code] ?? EMPTY_PROFILE;
  const merged: Record<string, unknown> = {};
  for (const code of pack.profileChain) Object.assign(merged, facts.brandProfile[code]);
  return merged;
}

function finish(
  run: JurisdictionRun,
  stageOrder: readonly string[],
  ctx: PostContext,
  now: Date,
): JurisdictionEvaluation {
  const findings = run.findings;
  if (findings.length > 1) findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  let worst = VERDICT_ORDER.length - 1;
  for (let i = 0; i < findings.length; i++) worst = Math.min(worst, SEVERITY_RANK[findings[i].severity]);
  const requiredStages: RequiredStage[] =
    run.stageRules.size === 0
      ? []
      : [...run.stageRules]
          .sort(([a], [b]) => stageOrder.indexOf(a) - stageOrder.indexOf(b))
          .map(([stage, ruleIds]) => ({
            stage,
            role: run.pack.stages.find((s) => s.stage === stage)?.role ?? stage,
            ruleIds,
          }));
  return {
    jurisdiction: run.pack.code,
    verdict: VERDICT_ORDER[worst],
    findings,
    requiredStages,
    filing: strictestFiling(run.filings, ctx, now),
    retention: { years: run.retentionYears },
    approvalValidityDays: run.pack.approvalValidityDays,
  };
}

/** Pre-use beats post-use, then the longer notice; all contributing rules are named. */
function strictestFiling(filings: JurisdictionRun['filings'], ctx: PostContext, now: Date): Filing | null {
  if (filings.length === 0) return null;
  const rank = (r: FilingRequest): number => (r.when === 'pre' ? 1000 : 0) + r.businessDays;
  const chosen = filings.reduce((best, f) => (rank(f.request) > rank(best.request) ? f : best)).request;
  const calendar = businessCalendar(chosen.calendar);
  if (calendar === undefined) throw new Error(`business calendar ${chosen.calendar} vanished after validation`);
  return {
    regulator: chosen.regulator,
    when: chosen.when,
    businessDays: chosen.businessDays,
    earliestPublishAt: chosen.when === 'pre' ? addBusinessDays(now, chosen.businessDays, calendar).toISOString() : null,
    fileBy:
      chosen.when === 'post'
        ? addBusinessDays(new Date(ctx.publishAtMs), chosen.businessDays, calendar).toISOString()
        : null,
    ruleIds: [...new Set(filings.map((f) => f.ruleId))],
  };
}

function unionStages(jurisdictions: readonly JurisdictionEvaluation[], stageOrder: readonly string[]): RequiredStage[] {
  if (jurisdictions.every((j) => j.requiredStages.length === 0)) return [];
  const byStage = new Map<string, RequiredStage>();
  for (const j of jurisdictions) {
    for (const s of j.requiredStages) {
      const existing = byStage.get(s.stage);
      if (existing === undefined) byStage.set(s.stage, { stage: s.stage, role: s.role, ruleIds: [...s.ruleIds] });
      else for (const id of s.ruleIds) if (!existing.ruleIds.includes(id)) existing.ruleIds.push(id);
    }
  }
  return [...byStage.values()].sort((a, b) => stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage));
}
