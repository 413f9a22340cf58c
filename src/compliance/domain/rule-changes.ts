import { VERDICT_ORDER, type Citation, type PackDetail, type Severity, type Verdict } from '@preclear/rules-engine';
import { DateTime } from 'luxon';

/** A moment at which a rule starts or stops applying. */
export interface RuleBoundary {
  /** The pack that defines the rule (EU for an EU rule that DE inherits). */
  jurisdiction: string;
  ruleId: string;
  title: string;
  severity: Severity;
  change: 'takes_effect' | 'ends';
  /** The day as the pack states it (YYYY-MM-DD, in the pack's time zone). */
  day: string;
  /** The first instant of that day in the pack's time zone (or the exact instant the pack gives). */
  at: Date;
  citation: Citation;
}

/**
 * Every start and end of every active rule of the packs, once per defining pack (a rule a
 * pack inherits is listed under the pack that defines it). Dates are read like the engine
 * reads them: a date alone starts at midnight in the pack's time zone.
 */
export function ruleBoundaries(packs: readonly PackDetail[]): RuleBoundary[] {
  const seen = new Set<string>();
  const out: RuleBoundary[] = [];
  const zones = new Map(packs.map((p) => [p.code, p.timeZone]));
  for (const pack of packs) {
    for (const rule of pack.rules) {
      if (rule.status !== 'active') continue;
      const jurisdiction = rule.inheritedFrom ?? pack.code;
      const zone = zones.get(jurisdiction) ?? pack.timeZone;
      for (const [change, value] of [
        ['takes_effect', rule.effectiveFrom],
        ['ends', rule.effectiveUntil],
      ] as const) {
        if (value === null) continue;
        const key = `${jurisdiction}|${rule.id}|${change}|${value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const at = instantOf(value, zone);
        out.push({
          jurisdiction,
          ruleId: rule.id,
          title: rule.title,
          severity: rule.effectiveSeverity,
          change,
          day: DateTime.fromJSDate(at, { zone }).toISODate()!,
          at,
          citation: rule.citation,
        });
      }
    }
  }
  return out.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      a.jurisdiction.localeCompare(b.jurisdiction) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

function instantOf(value: string, zone: string): Date {
  if (value.length === 10) return DateTime.fromISO(value, { zone }).startOf('day').toJSDate();
  return new Date(value);
}

/** The boundaries falling on a calendar day (each in its own pack's time zone). */
export function boundariesOn(boundaries: readonly RuleBoundary[], day: string): RuleBoundary[] {
  return boundaries.filter((b) => b.day === day);
}

/** The boundaries passed in (fromMs, toMs]: what changed since the last look. */
export function boundariesBetween(boundaries: readonly RuleBoundary[], fromMs: number, toMs: number): RuleBoundary[] {
  return boundaries.filter((b) => b.at.getTime() > fromMs && b.at.getTime() <= toMs);
}

/** True when `after` is a worse verdict than `before` (e.g. needs_approval -> blocked). */
export function verdictWorsened(before: Verdict, after: Verdict): boolean {
  return VERDICT_ORDER.indexOf(after) < VERDICT_ORDER.indexOf(before);
}

/** Verdicts with which a post must not go out: the publish-time check holds them too. */
export const NOT_PUBLISHABLE: readonly Verdict[] = ['blocked', 'needs_changes'];

/** Packs whose version differs from the stored one (or is new); nothing when nothing was stored yet. */
export function changedPacks(
  stored: ReadonlyMap<string, string>,
  loaded: readonly { code: string; version: string }[],
): { code: string; from: string | null; to: string }[] {
  if (stored.size === 0) return [];
  return loaded
    .filter((p) => stored.get(p.code) !== p.version)
    .map((p) => ({ code: p.code, from: stored.get(p.code) ?? null, to: p.version }));
}
