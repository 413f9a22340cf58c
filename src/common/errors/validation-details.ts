import { getMetadataStorage, type ValidationError } from 'class-validator';
import { AppError, InputError } from './app-error';

/**
 * Every reason a field can be refused. Each is a key `validation.<code>` in every catalogue
 * (src/i18n/locales), so a 400 explains each field in the caller's language; the catalogue
 * test walks this list through all languages.
 */
export const FIELD_PROBLEM_CODES = [
  'required',
  'invalid',
  'unknownField',
  'isString',
  'isBoolean',
  'isInt',
  'isArray',
  'isObject',
  'isIn',
  'isUuid',
  'isUrl',
  'isEmail',
  'matches',
  'min',
  'max',
  'minLength',
  'maxLength',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayUnique',
  'isIanaTimeZone',
  'isKnownJurisdiction',
  'invalidInstant',
  'nonexistentLocalTime',
  'ambiguousLocalTime',
  'isAfterStart',
  'isAfterFrom',
  'cursor',
  'unknownFact',
  'factType',
  'workingHours',
  'holidayRegion',
  'bodyTooLong',
  'bodyTooLongForChannel',
  'forbiddenKey',
  'nulCharacter',
  'loneSurrogate',
  'mediaType',
  'mediaUnreadable',
  'mediaTooLarge',
  'mediaNotFound',
  'notBlank',
  'mediaTypeForChannel',
  'mediaTooLargeForChannel',
  'mediaTooSmallForChannel',
  'mediaAspectForChannel',
  'mediaWidthForChannel',
  'mediaPixelsForChannel',
  'mediaCountForChannel',
  'mandatory',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

/** One refused field: where, why (a stable code) and the values the message needs. */
export interface FieldProblem {
  field: string;
  code: FieldProblemCode;
  params?: Record<string, unknown>;
}

/** 400 VALIDATION_FAILED naming every refused field; the exception filter translates each. */
export class ValidationFailedError extends InputError {
  constructor(readonly problems: FieldProblem[]) {
    super(
      'VALIDATION_FAILED',
      'errors.validation',
      { fields: [...new Set(problems.map((p) => p.field))].join(', ') },
      problems,
    );
  }
}

/**
 * A refused field whose refusal has its own HTTP status: an upload that is too large (413) or
 * not of an accepted type (415). Shaped like a validation failure, so clients read one format.
 */
export class FieldRefusedError extends AppError {
  constructor(
    readonly status: 413 | 415,
    code: 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    readonly problems: FieldProblem[],
  ) {
    super(code, 'errors.validation', { fields: [...new Set(problems.map((p) => p.field))].join(', ') }, problems);
  }
}

/** class-validator's constraint names, mapped onto our codes. */
const CONSTRAINT_CODES: Record<string, FieldProblemCode> = {
  whitelistValidation: 'unknownField',
  isString: 'isString',
  isBoolean: 'isBoolean',
  isInt: 'isInt',
  isArray: 'isArray',
  isObject: 'isObject',
  isIn: 'isIn',
  isUuid: 'isUuid',
  isUUID: 'isUuid',
  isUrl: 'isUrl',
  isEmail: 'isEmail',
  matches: 'matches',
  min: 'min',
  max: 'max',
  minLength: 'minLength',
  maxLength: 'maxLength',
  arrayMinSize: 'arrayMinSize',
  arrayMaxSize: 'arrayMaxSize',
  arrayUnique: 'arrayUnique',
  isDefined: 'required',
  isIanaTimeZone: 'isIanaTimeZone',
  isKnownJurisdiction: 'isKnownJurisdiction',
  isScheduleTime: 'invalidInstant',
  notBlank: 'notBlank',
};

/**
 * Flattens class-validator's tree into one problem per refused field and constraint, so a 400
 * names each field. A missing field is one `required` problem, not every rule it also fails.
 * The constraint's own values (300 for MaxLength(300), the allowed values of IsIn) come from
 * the decorators' metadata, so messages can state them in any language.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const names = Object.keys(error.constraints ?? {});
    if (names.length > 0) out.push(...problemsOf(error, field, names));
    if (error.children && error.children.length > 0) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

const TYPE_CHECKS = new Set(['isString', 'isBoolean', 'isInt', 'isArray', 'isObject']);

function problemsOf(error: ValidationError, field: string, names: string[]): FieldProblem[] {
  if (names.includes('whitelistValidation')) return [{ field, code: 'unknownField' }];
  if (error.value === undefined) return [{ field, code: 'required' }];
  // A value of the wrong type fails every rule about its content too; only the type matters then.
  const typeFailures = names.filter((name) => TYPE_CHECKS.has(name));
  const reported = error.value === null ? names.slice(0, 1) : typeFailures.length > 0 ? typeFailures : names;
  return reported.map((name) => {
    const described = DESCRIBERS.get(name)?.(error.value, error.target ?? {});
    return {
      field,
      code: described?.code ?? CONSTRAINT_CODES[name] ?? 'invalid',
      params: described?.params ?? constraintParams(error, name),
    };
  });
}

type Describer = (value: unknown, object: object) => { code: FieldProblemCode; params?: Record<string, unknown> };
const DESCRIBERS = new Map<string, Describer>();

/**
 * For a custom constraint whose refusal has several reasons (a time that does not exist, or
 * exists twice): tells the 400 which one, with the values its message needs.
 */
export function describeConstraint(name: string, describe: Describer): void {
  DESCRIBERS.set(name, describe);
}

/** The values a decorator was given (e.g. 300 for MaxLength(300)), for the message. */
function constraintParams(error: ValidationError, name: string): Record<string, unknown> {
  const target = error.target?.constructor;
  if (!target) return {};
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name === name || m.constraintCls?.name === name));
  const constraints = metadata?.constraints ?? [];
  const first: unknown = constraints[0];
  if (Array.isArray(first)) return { allowed: first.join(', ') };
  if (typeof first === 'number') return { limit: first };
  return {};
}
