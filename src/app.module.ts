import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { RulesEngine } from '@preclear/rules-engine';
import { LoggerModule } from 'nestjs-pino';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AuditModule } from './audit/audit.module';
import { BrandsModule } from './brands/brands.module';
import { CalendarModule } from './calendar/calendar.module';
import { ClockModule } from './common/clock/clock.module';
import { TxEventsModule } from './common/events/tx-events.module';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { ComplianceApiModule } from './compliance/compliance-api.module';
import { ComplianceModule } from './compliance/compliance.module';
import { RulesEngineModule } from './compliance/rules-engine.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DemoModule } from './demo/demo.module';
import { FeedsModule } from './feeds/feeds.module';
import { HealthModule } from './health/health.module';
import { I18nModule } from './i18n/i18n.module';
import { IdentityModule } from './identity/identity.module';
import { withoutOAuthCallbackQuery } from './publishing/connections/callback-log-redaction';
import { NotificationsModule } from './notifications/notifications.module';
import { PublishingModule } from './publishing/publishing.module';
import { QueueModule } from './queue/queue.module';
import { ScheduleGateModule } from './scheduling/schedule-gate.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { WebModule } from './web/web.module';
import { WorkflowModule } from './workflow/workflow.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, rulesEngine: RulesEngine): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RulesEngineModule.forRoot(rulesEngine),
        LoggerModule.forRoot({
          // Every route, in the path syntax of Express 5 (the default '*' logs a warning at start).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            // Honour a caller's request id (a proxy's), else mint one; it is echoed back.
            genReqId: (req: IncomingMessage, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: { req: withoutOAuthCallbackQuery },
            autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
          },
        }),
        JwtModule.register({
          global: true,
          // Without JWT_SECRET (allowed outside production) tokens are valid for this process only.
          // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the string
          // as a PEM public key on every verify, which dominated a request's CPU under load.
          secret: createSecretKey(Buffer.from(config.JWT_SECRET ?? randomBytes(48).toString('base64'), 'utf8')),
          signOptions: { expiresIn: config.JWT_TTL_SECONDS },
        }),
        // Requests and workers connect as the restricted role; only prepareDatabase uses the owner.
        TypeOrmModule.forRoot(dataSourceOptions(config.appDatabaseUrl)),
        ClockModule,
        TxEventsModule,
        I18nModule,
        QueueModule,
        AuditModule,
        IdentityModule,
        ComplianceModule,
        BrandsModule,
        CalendarModule,
        WorkflowModule,
        ComplianceApiModule,
        FeedsModule,
        SchedulingModule,
        ScheduleGateModule,
        PublishingModule,
        NotificationsModule,
        HealthModule,
        DemoModule,
        WebModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
