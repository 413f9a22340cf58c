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

type Operator = (typeof OPERATORS)[number];

/** What every operator's builder needs: the fact, its declared type and the reader positioned on the condition. */
interface ConditionInput {
  readonly reader: ArgReader;
  readonly fact: string;
  readonly type: ProfileFactType;
  readonly op: Operator;
  readonly ifMissing: boolean;
}

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
  const input: ConditionInput = { reader, fact, type, op: ops[0], ifMissing: reader.boolean('ifMissing', false) };
  switch (input.op) {
    case 'present':
      return presentCondition(input);
    case 'equals':
    case 'notEquals':
      return equalityCondition(input);
    case 'oneOf':
      return oneOfCondition(input);
    case 'atMost':
    case 'atLeast':
      return boundCondition(input);
    case 'withinYearsBeforePublish':
      return recencyCondition(input);
  }
}

function needType({ reader, fact, type, op }: ConditionInput, ...allowed: ProfileFactType[]): void {
  if (!allowed.includes(type)) throw new ArgError(reader.at(op), `'${op}' does not apply to ${type} fact '${fact}'`);
}

function presentCondition({ reader, fact }: ConditionInput): ProfileCondition {
  const present = reader.boolean('present');
  return {
    fact,
    ifMissing: !present,
    expectation: `${fact} ${present ? 'stated' : 'not stated'}`,
    test: () => present,
  };
}

function equalityCondition({ reader, fact, type, op, ifMissing }: ConditionInput): ProfileCondition {
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

function oneOfCondition(input: ConditionInput): ProfileCondition {
  needType(input, 'string');
  const allowed = input.reader.stringList('oneOf', { nonEmpty: true });
  return {
    fact: input.fact,
    ifMissing: input.ifMissing,
    expectation: `${input.fact} one of ${allowed.join(', ')}`,
    test: (value) => allowed.includes(String(value).trim()),
  };
}

function boundCondition(input: ConditionInput): ProfileCondition {
  needType(input, 'number');
  const bound = input.reader.number(input.op);
  const most = input.op === 'atMost';
  return {
    fact: input.fact,
    ifMissing: input.ifMissing,
    expectation: `${input.fact} ${most ? '<=' : '>='} ${bound}`,
    test: (value) => typeof value === 'number' && (most ? value <= bound : value >= bound),
  };
}

function recencyCondition(input: ConditionInput): ProfileCondition {
  needType(input, 'date');
  const years = input.reader.number(input.op, { min: 1, integer: true });
  return {
    fact: input.fact,
    ifMissing: input.ifMissing,
    expectation: `${input.fact} within ${years} year(s) before publication`,
    test: (value, publishAtMs) => withinYearsBefore(value, years, publishAtMs),
  };
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
