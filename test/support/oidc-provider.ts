import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

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
export async function startOidcProvider(redirectUris: string[]): Promise<OidcTestProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc', 'provider-server.mjs')], {
    env: { ...process.env, OIDC_REDIRECT_URIS: JSON.stringify(redirectUris), NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on('exit', (code) => reject(new Error(`OIDC provider exited with ${code}`)));
  });
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
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
