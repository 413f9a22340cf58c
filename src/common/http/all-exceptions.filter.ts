import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '../errors/app-error';
import { type FieldProblem, FieldRefusedError, ValidationFailedError } from '../errors/validation-details';
import { I18nService } from '../../i18n/i18n.service';

/** The error body every client sees: a stable code, a translated message, optional details. */
/** One refused field in a 400 VALIDATION_FAILED. */
export interface FieldDetail {
  field: string;
  code: string;
  message: string;
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

/**
 * The one place where errors become HTTP responses. Application errors keep their code
 * and are translated; framework errors (body parser, throttler, unknown routes) get a
 * stable code too; anything else is a logged 500 without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly i18n: I18nService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const lang = I18nService.resolveLanguage(req.query?.lang, req.headers?.['accept-language']);
    const body = this.toBody(exception, lang);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, path: req.path }, 'unhandled error');
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, lang: ReturnType<typeof I18nService.resolveLanguage>): ErrorBody {
    if (exception instanceof ValidationFailedError || exception instanceof FieldRefusedError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: this.i18n.t(exception.messageKey, lang, exception.params),
        details: exception.problems.map((problem) => this.fieldDetail(problem, lang)),
      };
    }
    if (exception instanceof AppError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: this.i18n.t(exception.messageKey, lang, exception.params),
        ...(exception.details !== undefined ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      return { statusCode: status, code: HTTP_CODES[status] ?? `HTTP_${status}`, message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL',
      message: this.i18n.t('errors.internal', lang),
    };
  }

  /** `{ field, code, message }`; a field may have its own wording (`validation.fields.<field>.<code>`). */
  private fieldDetail(problem: FieldProblem, lang: ReturnType<typeof I18nService.resolveLanguage>): FieldDetail {
    const generic = problem.field.replace(/\[\d+\]/g, '[]');
    const message = this.i18n.t([`validation.fields.${generic}.${problem.code}`, `validation.${problem.code}`], lang, {
      ...problem.params,
      field: problem.field,
    });
    return { field: problem.field, code: problem.code, message };
  }
}
