import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPair } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface OidcTestAccount {
  sub: string;
  email: string;
  name?: string;
  email_verified?: boolean;
  groups?: string[];
}

export type OidcFault = 'signature' | 'audience' | 'expired' | 'nonce';

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the provider's next interaction signs in. */
  signInAs(account: OidcTestAccount): Promise<void>;
  /** Makes the next ID token bad in one way. */
  fault(kind: OidcFault): Promise<void>;
  close(): Promise<void>;
}

/** Starts the real OpenID provider (test/support/oidc/provider-server.mjs) in its own process on a free port. */
export async function startOidcProvider(redirectUris: string[], attempt = 1): Promise<OidcTestProvider> {
  // The signing key is made here, off the event loop, so the child has nothing slow to do before it listens.
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc', 'provider-server.mjs')], {
    env: {
      ...process.env,
      OIDC_REDIRECT_URIS: JSON.stringify(redirectUris),
      OIDC_SIGNING_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      NODE_ENV: 'test',
    },
    // Its stdin is a pipe it watches: when this process dies, the provider exits too.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let port: number;
  try {
    port = await listeningPort(child);
  } catch (error) {
    child.kill('SIGKILL');
    // One more try on a machine too loaded to start it in time; a second failure is real.
    if (attempt === 1) return startOidcProvider(redirectUris, 2);
    throw error;
  }
  const issuer = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${issuer}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (res.status !== 204) throw new Error(`${path}: ${res.status}`);
  };
  return {
    issuer,
    clientId: 'preclear',
    clientSecret: 'preclear-client-secret',
    signInAs: (account) => post('/__test/account', account),
    fault: (kind) => post('/__test/fault', { kind }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The port the child prints once it listens. Bounded, and carrying what the child wrote, so a
 * provider that cannot start fails its suite with the reason instead of hanging the run.
 */
function listeningPort(child: ChildProcess, timeoutMs = 30_000): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`OIDC provider ${why}; stdout: ${out.trim() || '-'}; stderr: ${err.trim() || '-'}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
  });
}
