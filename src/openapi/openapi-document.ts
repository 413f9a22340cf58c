import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { applyApiConventions } from './api-conventions';
import { ErrorBodyDto, FieldErrorDto } from './error-body.dto';

/** The OpenAPI document served at /api/docs-json, from which clients are generated. */
export function buildOpenApiDocument(app: INestApplication, publicUrl: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Preclear API')
      .setDescription(
        'Content calendar for regulated financial marketing: rules, approvals, scheduled publishing, evidence, calendar feeds.',
      )
      .setVersion('1')
      .addServer(publicUrl)
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description: 'A JWT from POST /api/v1/auth/login, or an API key pck_...',
      })
      .build(),
    { extraModels: [ErrorBodyDto, FieldErrorDto] },
  );
  return applyApiConventions(document);
}
