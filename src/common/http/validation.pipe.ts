import { ValidationPipe } from '@nestjs/common';
import { InputError } from '../errors/app-error';
import { flattenValidationErrors } from '../errors/validation-details';

/**
 * Whitelists DTO fields and refuses unknown ones; a failure is a 400 whose message and
 * details name every offending field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new InputError('VALIDATION_FAILED', 'errors.validation', { fields: details.map((d) => d.field).join(', ') }, details);
    },
  });
}
