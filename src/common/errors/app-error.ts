/**
 * Errors the application raises on purpose. Each carries a stable `code` (for clients),
 * an i18n `messageKey` with parameters (for people) and the HTTP status it maps to.
 * The one exception filter (`AllExceptionsFilter`) turns them into responses.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    readonly messageKey: string,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(`${code}: ${messageKey} ${JSON.stringify(params)}`);
    this.name = new.target.name;
  }
}

/** 400: input of the wrong shape. `details` lists the fields. */
export class InputError extends AppError {
  readonly status = 400;
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  constructor(messageKey = 'errors.unauthorized', params: Record<string, unknown> = {}) {
    super('UNAUTHORIZED', messageKey, params);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
}

/** 404: missing, or in another workspace (never tell the two apart). */
export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(resource: string, id?: string) {
    super('NOT_FOUND', 'errors.notFound', { resource, id });
  }
}

/** 409: the client acted on a stale revision or lost a race. */
export class ConflictError extends AppError {
  readonly status = 409;
}

/** 422: well-formed input that a domain rule refuses. */
export class DomainRuleError extends AppError {
  readonly status = 422;
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
}
