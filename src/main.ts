import { PackValidationError } from '@preclear/rules-engine';
import { ConfigError } from './config/app-config';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const { app, config } = await createApp();
  await app.listen(config.PORT);
  const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
  // Plain lines for people starting the service, beside the JSON logs for machines.
  console.log(`Preclear is listening on ${config.publicUrl} (started in ${ms.toFixed(0)} ms)`);
  console.log(`API docs: ${config.publicUrl}/api/docs`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof PackValidationError) {
    console.error(error.message);
  } else {
    console.error('Preclear failed to start:', error);
  }
  process.exit(1);
});
