/**
 * A worker process: the whole application with its publish worker and reconciler, no HTTP
 * listener. The fault tests SIGKILL it mid-publication; the benchmark measures its memory.
 * Configured by the environment like the real service; tells its parent (over IPC) when it is
 * ready. SIGTERM closes it gracefully (createApp enables Nest's shutdown hooks).
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/support/worker-main.ts
 */
import { createApp } from '../../src/bootstrap';

async function main(): Promise<void> {
  // The tests' and the benchmark's receivers listen on loopback, which production refuses by default.
  const { app } = await createApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', ...process.env, RUN_WORKERS: 'true' });
  await app.init();
  process.send?.('ready');
}

main().catch((error: unknown) => {
  console.error('worker failed to start', error);
  process.exit(1);
});
