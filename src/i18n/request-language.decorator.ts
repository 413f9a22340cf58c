import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { I18nService, type Language } from './i18n.service';

/** The caller's language from `?lang=` or `Accept-Language`. */
export const RequestLanguage = createParamDecorator((_: unknown, ctx: ExecutionContext): Language => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return I18nService.resolveLanguage(req.query.lang, req.headers['accept-language']);
});
