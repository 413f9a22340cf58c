import type { FieldProblem } from '../common/errors/validation-details';

export type FactType = 'string' | 'boolean' | 'date' | 'number';
/** jurisdiction code -> fact name -> type, as the packs declare them. */
export type ProfileFactsSchema = Record<string, Record<string, FactType>>;

const MAX_STRING = 2000;

/** Checks a brand profile against the facts the packs declare; returns the problems by field. */
export function validateBrandProfile(profile: unknown, schema: ProfileFactsSchema): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) {
    return [{ field: 'profile', code: 'isObject' }];
  }
  for (const [code, facts] of Object.entries(profile as Record<string, unknown>)) {
    const declared = schema[code];
    const base = `profile.${code}`;
    if (!declared) {
      problems.push({ field: base, code: 'isKnownJurisdiction', params: { value: code } });
      continue;
    }
    if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
      problems.push({ field: base, code: 'isObject' });
      continue;
    }
    for (const [name, value] of Object.entries(facts as Record<string, unknown>)) {
      const type = declared[name];
      const field = `${base}.${name}`;
      if (!type) {
        problems.push({
          field,
          code: 'unknownFact',
          params: { pack: code, fact: name, facts: Object.keys(declared).join(', ') || '-' },
        });
      } else if (!matchesType(value, type)) {
        problems.push({ field, code: 'factType', params: { factType: type } });
      }
    }
  }
  return problems;
}

function matchesType(value: unknown, type: FactType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value.length > 0 && value.length <= MAX_STRING;
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return (
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
      );
  }
}
