import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { NotFoundError } from '../errors/app-error';

/** Route ids are UUIDs; anything else names nothing, so it is a 404 like an unknown id. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundError(this.resource, value);
    return value;
  }
}
