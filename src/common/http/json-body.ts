import { json, type RequestHandler } from 'express';
import { AppError, InputError } from '../errors/app-error';

class PayloadTooLargeError extends AppError {
  readonly status = 413;
}

/**
 * The JSON body parser, with its failures turned into our own errors before Nest's router
 * maps them to a bare 400: malformed JSON is `MALFORMED_JSON`, an oversized body a 413.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({ limit });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      if (type === 'entity.parse.failed') return next(new InputError('MALFORMED_JSON', 'errors.malformedJson'));
      if (type === 'entity.too.large') return next(new PayloadTooLargeError('PAYLOAD_TOO_LARGE', 'errors.payloadTooLarge', { limit }));
      next(error);
    });
  };
}
