import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JSON_OBJECT } from './schema-shapes';

/** One field a 400 names: which field, and each constraint it broke with a message. */
export class FieldErrorDto {
  @ApiProperty({ example: 'scheduledAt' }) field: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { isIn: 'productCategory must be one of …' },
  })
  constraints: Record<string, string>;
}

/** The body of every error response (common/http/all-exceptions.filter.ts writes it). */
export class ErrorBodyDto {
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ example: 'NOT_FOUND', description: 'Stable, for programs: branch on this, not on the message' })
  code: string;
  @ApiProperty({
    example: 'No post 6f1c… in this workspace',
    description: 'For people, in the language of `lang` or Accept-Language',
  })
  message: string;
  @ApiPropertyOptional({
    description:
      'More about the error: the bad fields of a 400 (a list), the findings of a refused submission, the current revision of a 409…',
    anyOf: [
      { type: 'array', items: { $ref: '#/components/schemas/FieldErrorDto' } },
      { type: 'array', items: JSON_OBJECT },
      JSON_OBJECT,
    ],
  })
  details?: unknown;
}
