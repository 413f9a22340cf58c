import type { ValidationError } from 'class-validator';

export interface FieldProblem {
  field: string;
  constraints: Record<string, string>;
}

/** Flattens class-validator's tree into `path.to.field` problems, so a 400 names each field. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    if (error.constraints && Object.keys(error.constraints).length > 0) {
      out.push({ field, constraints: error.constraints });
    }
    if (error.children && error.children.length > 0) {
      out.push(...flattenValidationErrors(error.children, field));
    }
  }
  return out;
}
