import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { Observable } from 'rxjs';
import { InputError } from '../common/errors/app-error';
import { FieldRefusedError, ValidationFailedError } from '../common/errors/validation-details';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** The one part an upload carries. */
export const UPLOAD_FIELD = 'file';

/**
 * Parses a multipart upload of one part named `file` into memory, refusing in our error shape
 * (a field named, a stable code) rather than multer's bare messages: too large is 413 naming
 * `file`; another part name is an unknown field; anything else malformed (or more than a few
 * parts) is a 400.
 */
@Injectable()
export class MediaUploadInterceptor implements NestInterceptor {
  private readonly parse: RequestHandler;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.MEDIA_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 20 },
    }).single(UPLOAD_FIELD);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    await new Promise<void>((resolve, reject) => {
      this.parse(req, http.getResponse<Response>(), (error?: unknown) =>
        error ? reject(this.refusal(error)) : resolve(),
      );
    });
    // Text parts are not part of an upload: each is named, as the JSON routes name unknown fields.
    const extra = req.is('multipart/form-data') ? Object.keys((req.body ?? {}) as object) : [];
    if (extra.length > 0) {
      throw new ValidationFailedError(extra.map((field) => ({ field, code: 'unknownField' as const })));
    }
    return next.handle();
  }

  private refusal(error: unknown): Error {
    if (!(error instanceof MulterError)) return new InputError('MALFORMED_BODY', 'errors.malformedUpload');
    if (error.code === 'LIMIT_FILE_SIZE') {
      return new FieldRefusedError(413, 'PAYLOAD_TOO_LARGE', [
        { field: UPLOAD_FIELD, code: 'mediaTooLarge', params: { limit: this.config.MEDIA_MAX_BYTES } },
      ]);
    }
    if (error.code === 'LIMIT_UNEXPECTED_FILE') {
      return new ValidationFailedError([{ field: error.field ?? 'body', code: 'unknownField' }]);
    }
    return new InputError('MALFORMED_BODY', 'errors.malformedUpload');
  }
}
