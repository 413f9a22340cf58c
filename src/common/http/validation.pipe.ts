import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, ValidationFailedError } from '../errors/validation-details';

/**
 * Whitelists DTO fields and refuses unknown ones; a failure is a 400 whose message and
 * details name every offending field. Target and value are kept on class-validator's errors
 * only so the details can state the rule's limits; neither is ever sent back.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
