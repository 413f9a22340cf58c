import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { useContainer } from 'class-validator';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { Clock } from './common/clock/clock';
import { ClockModule } from './common/clock/clock.module';
import { jsonBody } from './common/http/json-body';
import { nestValidatorContainer } from './common/http/validator-container';
import { createValidationPipe } from './common/http/validation.pipe';
import { type AppConfig, loadConfig } from './config/app-config';
import { compileRulesEngine } from './compliance/rules-engine.module';
import { prepareDatabase } from './database/prepare-database';
import { serveWebApp } from './web/web.module';
import { buildOpenApiDocument } from './openapi/openapi-document';

export const API_PREFIX = 'api/v1';

/** What only a test starts the app with; `main.ts` passes none of it. */
export interface AppOverrides {
  /** The app's one Clock, in place of the wall clock: scenarios that run on fixed instants. */
  clock?: Clock;
}

/**
 * Builds a ready-to-listen application: validated config, compiled rule packs, database
 * created and migrated, then the Nest app with its global pipe, security headers and OpenAPI document. `main.ts`
 * and the e2e tests both start the service through here.
 */
export async function createApp(
  env: Record<string, string | undefined> = process.env,
  overrides: AppOverrides = {},
): Promise<{ app: INestApplication; config: AppConfig }> {
  const config = loadConfig(env);
  const rules = compileRulesEngine(config.JURISDICTIONS_DIR);
  await prepareDatabase(config.DATABASE_URL, config.appDatabaseUrl);
  const root = withOverrides(AppModule.forRoot(config, rules.engine), overrides);
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app
    .get(Logger)
    .log(`Compiled ${rules.engine.packs().length} jurisdiction packs in ${rules.ms.toFixed(1)} ms`, 'Compliance');
  // Off unless configured: a forwarded header nobody strips would let any client pick its address (and login bucket).
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(jsonBody('1mb'));
  app.use(helmet());
  serveWebApp(app);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['feeds/{*path}', 'media/{*path}'] });
  // Validators that need the app (e.g. the loaded jurisdictions) are built by Nest.
  useContainer(nestValidatorContainer(app), { fallback: true, fallbackOnErrors: true });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = buildOpenApiDocument(app, config.publicUrl);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return { app, config };
}

/** The root module with the overridden providers' modules swapped in (none in production). */
function withOverrides(root: DynamicModule, overrides: AppOverrides): DynamicModule {
  const { clock } = overrides;
  if (!clock) return root;
  const imports = root.imports ?? [];
  // Loud rather than silently on the wall clock if AppModule ever stops importing ClockModule itself.
  if (!imports.includes(ClockModule)) throw new Error('AppModule does not import ClockModule: no clock to override');
  return { ...root, imports: imports.map((m) => (m === ClockModule ? ClockModule.using(clock) : m)) };
}
