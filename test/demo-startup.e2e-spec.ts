import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DEMO_MEMBERS } from '../src/demo/demo-data';
import { testDatabaseUrl, testQueuePrefix } from './support/test-env';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `npm run demo` as a person sees it: the logins come as one block, after Nest's start-up logs. */
describe('Demo start-up output (e2e)', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGTERM');
  });

  it('prints the demo logins as one block after the route mapping', async () => {
    const port = await freePort();
    const proc = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join('src', 'main.ts')],
      {
        cwd: join(__dirname, '..'),
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DEMO: 'true',
          PORT: String(port),
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          DATABASE_URL: testDatabaseUrl(),
          QUEUE_PREFIX: testQueuePrefix(),
          LOG_LEVEL: 'info',
          JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
          RUN_WORKERS: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = proc;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (/\n─{10,}\n/.test(out.slice(out.indexOf('──── Demo')))) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`demo exited with ${code}: ${out}`)));
    });
    proc.kill('SIGTERM');

    const lines = out.split('\n');
    const start = lines.findIndex((line) => line.startsWith('──── Demo'));
    const block = lines.slice(start, start + 4 + DEMO_MEMBERS.length);
    expect(block.filter((line) => line.includes('@demo.preclear.test'))).toHaveLength(DEMO_MEMBERS.length);
    expect(block.some((line) => line.startsWith('{'))).toBe(false);
    const lastRouteLog = lines
      .map((line, i) => (line.includes('Mapped {') ? i : -1))
      .reduce((a, b) => Math.max(a, b), -1);
    expect(lastRouteLog).toBeGreaterThan(-1);
    expect(lastRouteLog).toBeLessThan(start);
  }, 90_000);
});
