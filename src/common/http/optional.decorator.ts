import { ValidateIf } from 'class-validator';

/**
 * Optional, but not nullable: an absent field is skipped, while `null` is validated (and so
 * refused) rather than silently treated as absent. class-validator's IsOptional lets null through.
 */
export const IsOptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: unknown, value: unknown) => value !== undefined);
