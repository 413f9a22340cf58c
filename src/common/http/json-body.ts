import { json, type Request, type RequestHandler } from 'express';
import { AppError, InputError } from '../errors/app-error';
import { type FieldProblemCode, ValidationFailedError } from '../errors/validation-details';
import { findHostileValue, type HostileFinding, MAX_BODY_DEPTH } from './hostile-input';

class PayloadTooLargeError extends AppError {
  readonly status = 413;
}

class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
}

const HOSTILE_CODES: Record<Exclude<HostileFinding['problem'], 'too_deep'>, FieldProblemCode> = {
  forbidden_key: 'forbiddenKey',
  nul_character: 'nulCharacter',
  lone_surrogate: 'loneSurrogate',
};

/** Refuses input no handler should see, in the same shape as a validation failure naming the field. */
function hostileInputError(found: HostileFinding, where: 'body' | 'query'): InputError {
  const field = found.path || where;
  if (found.problem === 'too_deep') {
    return new InputError('BODY_TOO_DEEP', 'errors.bodyTooDeep', { max: MAX_BODY_DEPTH, field });
  }
  return new ValidationFailedError([{ field, code: HOSTILE_CODES[found.problem] }]);
}

/** The body parser's own refusals, as our errors (they would otherwise be a 500). */
function parserError(error: unknown, req: Request, limit: string): unknown {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') return new InputError('MALFORMED_JSON', 'errors.malformedJson');
  if (type === 'entity.too.large') {
    return new PayloadTooLargeError('PAYLOAD_TOO_LARGE', 'errors.payloadTooLarge', { limit });
  }
  if (type === 'charset.unsupported') {
    return new UnsupportedMediaTypeError('UNSUPPORTED_MEDIA_TYPE', 'errors.unsupportedCharset', {
      charset: (error as { charset?: string }).charset ?? '',
    });
  }
  if (type === 'encoding.unsupported') {
    return new UnsupportedMediaTypeError('UNSUPPORTED_MEDIA_TYPE', 'errors.unsupportedEncoding', {
      encoding: req.headers['content-encoding'] ?? '',
    });
  }
  // Anything else the parser refuses (an aborted upload, a wrong Content-Length) is the client's doing.
  const status = (error as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new InputError('MALFORMED_BODY', 'errors.malformedJson');
  }
  return error;
}

/**
 * The JSON body parser, with its failures turned into our own errors before Nest's router
 * maps them to a bare 400 or a 500: malformed JSON is `MALFORMED_JSON`, an oversized body a
 * 413, a charset other than UTF-8 or an unknown Content-Encoding a 415. Parsed bodies and
 * query strings are then checked for what would crash a handler or the database: nesting
 * deeper than MAX_BODY_DEPTH, prototype keys, NUL characters and lone surrogates.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({ limit });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (error) return next(parserError(error, req, limit));
      const inBody = findHostileValue(req.body);
      if (inBody) return next(hostileInputError(inBody, 'body'));
      const inQuery = findHostileValue(req.query, 4);
      if (inQuery) return next(hostileInputError(inQuery, 'query'));
      next();
    });
  };
}
