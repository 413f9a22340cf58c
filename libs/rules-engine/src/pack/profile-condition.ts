import { ArgError } from '../errors';
import { ProfileFactType } from '../types';
import { ArgReader } from './arg-reader';

/**
 * A test on one brand-profile fact. A fact the brand does not state counts as the
 * conservative case (API.md): the condition takes `ifMissing`, false unless the pack says
 * otherwise, so "finraMember: true" does not hold for a brand that is silent about it.
 */
export interface ProfileCondition {
  readonly fact: string;
  readonly ifMissing: boolean;
  test(value: unknown, publishAtMs: number): boolean;
  /** Human-readable expectation for messages ("impressumLinkLabel one of Impressum, Kontakt"). */
  readonly expectation: string;
}

const OPERATORS = ['equals', 'notEquals', 'oneOf', 'present', 'atMost', 'atLeast', 'withinYearsBeforePublish'] as const;

export function readProfileConditions(
  reader: ArgReader,
  key: string,
  facts: Readonly<Record<string, ProfileFactType>>,
): ProfileCondition[] {
  return reader.children(key, { nonEmpty: true }).map((item) => readProfileCondition(item, facts));
}

// eslint-disable-next-line max-lines-per-function -- TEMPORARY, split before the end of this session (issue 14)
export function readProfileCondition(
  reader: ArgReader,
  facts: Readonly<Record<string, ProfileFactType>>,
): ProfileCondition {
  reader.allowOnly(['fact', ...OPERATORS, 'ifMissing']);
  const fact = reader.string('fact');
  const type = facts[fact];
  if (type === undefined) {
    throw new ArgError(
      reader.at('fact'),
      `unknown profile fact '${fact}' (the pack declares: ${Object.keys(facts).join(', ') || 'none'})`,
    );
  }
  const ops = OPERATORS.filter((op) => reader.has(op));
  if (ops.length !== 1) throw new ArgError(reader.path, `needs exactly one of ${OPERATORS.join(', ')}`);
  const op = ops[0];
  const ifMissing = reader.boolean('ifMissing', false);
  const needType = (...allowed: ProfileFactType[]): void => {
    if (!allowed.includes(type)) throw new ArgError(reader.at(op), `'${op}' does not apply to ${type} fact '${fact}'`);
  };
  switch (op) {
    case 'present': {
      const present = reader.boolean('present');
      return {
        fact,
        ifMissing: !present,
        expectation: `${fact} ${present ? 'stated' : 'not stated'}`,
        test: () => present,
      };
    }
    case 'equals':
    case 'notEquals': {
      const expected = reader.raw(op);
      checkScalar(expected, type, reader.at(op));
      const equal = op === 'equals';
      return {
        fact,
        ifMissing,
        expectation: `${fact} ${equal ? '=' : '!='} ${String(expected)}`,
        test: (value) => (value === expected) === equal,
      };
    }
    case 'oneOf': {
      needType('string');
      const allowed = reader.stringList('oneOf', { nonEmpty: true });
      return {
        fact,
        ifMissing,
        expectation: `${fact} one of ${allowed.join(', ')}`,
        test: (value) => allowed.includes(String(value).trim()),
      };
    }
    case 'atMost':
    case 'atLeast': {
      needType('number');
      const bound = reader.number(op);
      const most = op === 'atMost';
      return {
        fact,
        ifMissing,
        expectation: `${fact} ${most ? '<=' : '>='} ${bound}`,
        test: (value) => typeof value === 'number' && (most ? value <= bound : value >= bound),
      };
    }
    case 'withinYearsBeforePublish': {
      needType('date');
      const years = reader.number(op, { min: 1, integer: true });
      return {
        fact,
        ifMissing,
        expectation: `${fact} within ${years} year(s) before publication`,
        test: (value, publishAtMs) => withinYearsBefore(value, years, publishAtMs),
      };
    }
  }
}

/** A date fact that lies at most `years` years before the publication instant (and not after it). */
function withinYearsBefore(value: unknown, years: number, publishAtMs: number): boolean {
  const ms = toMillis(value);
  if (ms === null) return false;
  const end = new Date(ms);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  return ms <= publishAtMs && publishAtMs < end.getTime();
}

function checkScalar(value: unknown, type: ProfileFactType, path: string): void {
  const ok =
    (type === 'boolean' && typeof value === 'boolean') ||
    (type === 'number' && typeof value === 'number') ||
    ((type === 'string' || type === 'date') && typeof value === 'string');
  if (!ok) throw new ArgError(path, `must be a ${type} to compare with the fact, got ${JSON.stringify(value)}`);
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function holds(
  condition: ProfileCondition,
  profile: Readonly<Record<string, unknown>>,
  publishAtMs: number,
): boolean {
  const value = profile[condition.fact];
  return isMissing(value) ? condition.ifMissing : condition.test(value, publishAtMs);
}

export function toMillis(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}
