import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../errors/validation-details';

/** Largest value of a Postgres `integer` column: a larger revision or seq is a 400, not a database error. */
export const INT32_MAX = 2_147_483_647;

/** A positive integer route parameter (a revision number) that fits the database's `integer`. */
@Injectable()
export class ParsePositiveIntPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= INT32_MAX)) {
      throw new ValidationFailedError([{ field: this.name, code: 'max', params: { limit: INT32_MAX } }]);
    }
    return n;
  }
}
