import { Injectable, type PipeTransform } from '@nestjs/common';
import { InputError } from '../errors/app-error';

/** Largest value of a Postgres `integer` column: a larger revision or seq is a 400, not a database error. */
export const INT32_MAX = 2_147_483_647;

/** A positive integer route parameter (a revision number) that fits the database's `integer`. */
@Injectable()
export class ParsePositiveIntPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= INT32_MAX)) {
      const details = [{ field: this.name, constraints: { isInt: `${this.name} must be an integer from 1 to ${INT32_MAX}` } }];
      throw new InputError('VALIDATION_FAILED', 'errors.validation', { fields: this.name }, details);
    }
    return n;
  }
}
