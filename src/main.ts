import { PackValidationError } from '@preclear/rules-engine';
import type { INestApplication } from '@nestjs/common';
import { Logger, type PinoLogger } from 'nestjs-pino';
import { symbols } from 'pino';
import { ConfigError } from './config/app-config';
import { createApp } from './bootstrap';
import { demoLoginsBlock } from './demo/demo-logins';
import { DemoSeederService } from './demo/demo-seeder.service';

/**
 * Plain lines for people starting the service, beside the JSON logs for machines. They go
 * through the stream that Nest's own logs use (pino writes asynchronously), so they come after
 * the start-up logs (route mapping and all) and in one piece, not between them.
 */
function printAfterLogs(app: INestApplication, lines: string[]): void {
  // nestjs-pino keeps the pino instance of out-of-request logs behind a protected field.
  const nestLogger = app.get<Logger, { logger: PinoLogger }>(Logger);
  const pinoInstance: object = nestLogger.logger.logger;
  const stream =
    (pinoInstance as Record<symbol, { write(text: string): unknown } | undefined>)[symbols.streamSym] ?? process.stdout;
  stream.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const { app, config } = await createApp();
  await app.listen(config.PORT);
  const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
  const lines = [
    `Preclear is listening on ${config.publicUrl} (started in ${ms.toFixed(0)} ms)`,
    `API docs: ${config.publicUrl}/api/docs`,
  ];
  const demoWorkspace = config.DEMO ? app.get(DemoSeederService, { strict: false }).workspaceId : null;
  if (demoWorkspace) lines.push(demoLoginsBlock(config.publicUrl, demoWorkspace));
  printAfterLogs(app, lines);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof PackValidationError) {
    console.error(error.message);
  } else {
    console.error('Preclear failed to start:', error);
  }
  process.exit(1);
});
