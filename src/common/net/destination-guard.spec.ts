import type { AppConfig } from '../../config/app-config';
import { DestinationGuard } from './destination-guard';
import type { HostResolver, ResolvedAddress } from './host-resolver';

/** A resolver answering from a table; a name may answer differently on each call (rebinding). */
function tableResolver(table: Record<string, string[][]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    resolve(hostname: string): Promise<ResolvedAddress[]> {
      calls.push(hostname);
      const answers = table[hostname];
      if (!answers) {
        return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
      }
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      return Promise.resolve(answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    },
  };
}

const guard = (allowed: string, resolver: HostResolver): DestinationGuard =>
  new DestinationGuard({ WEBHOOK_ALLOWED_HOSTS: allowed, WEBHOOK_TIMEOUT_MS: 200 } as AppConfig, resolver);

describe(DestinationGuard.name, () => {
  const resolver = tableResolver({
    'hooks.bank.example': [['93.184.216.34']],
    'internal.bank.example': [['10.0.0.7']],
    'mixed.bank.example': [['93.184.216.34', '192.168.0.2']],
    'mapped.bank.example': [['::ffff:127.0.0.1']],
    'middleware.bank.internal': [['10.9.9.9']],
  });

  it.each([
    ['http://127.0.0.1:6379/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://[::1]:5432/', 'loopback'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata'],
    ['http://internal.bank.example/hook', 'private'],
    ['http://mixed.bank.example/hook', 'private'],
    ['http://mapped.bank.example/hook', 'loopback'],
    ['http://user:pw@hooks.bank.example/hook', 'credentials'],
  ])('refuses %s at configuration (%s)', async (url, reason) => {
    await expect(guard('', resolver).refusalAtConfiguration(new URL(url))).resolves.toBe(reason);
  });

  it('accepts public names and addresses, and names that do not resolve yet', async () => {
    await expect(
      guard('', resolver).refusalAtConfiguration(new URL('https://hooks.bank.example/hook')),
    ).resolves.toBeNull();
    await expect(guard('', resolver).refusalAtConfiguration(new URL('https://93.184.216.34/hook'))).resolves.toBeNull();
    await expect(
      guard('', resolver).refusalAtConfiguration(new URL('https://not-yet.bank.example/hook')),
    ).resolves.toBeNull();
  });

  it('lets WEBHOOK_ALLOWED_HOSTS open internal names and ranges, but never metadata', async () => {
    const open = guard('middleware.bank.internal,127.0.0.1,169.254.0.0/16', resolver);
    await expect(open.destinationForSend(new URL('http://middleware.bank.internal/hook'))).resolves.toEqual({
      kind: 'connect',
      address: { address: '10.9.9.9', family: 4 },
    });
    await expect(open.destinationForSend(new URL('http://127.0.0.1:8080/hook'))).resolves.toMatchObject({
      kind: 'connect',
    });
    await expect(open.destinationForSend(new URL('http://127.0.0.2:8080/hook'))).resolves.toEqual({
      kind: 'refused',
      reason: 'loopback',
    });
    await expect(open.destinationForSend(new URL('http://169.254.169.254/'))).resolves.toEqual({
      kind: 'refused',
      reason: 'metadata',
    });
    await expect(open.destinationForSend(new URL('http://169.254.1.1/'))).resolves.toMatchObject({ kind: 'connect' });
  });

  it('checks again at send time after DNS, so a name that rebinds to an internal address is refused', async () => {
    const rebinding = tableResolver({ 'rebind.bank.example': [['93.184.216.34'], ['127.0.0.1']] });
    const g = guard('', rebinding);
    await expect(g.refusalAtConfiguration(new URL('http://rebind.bank.example/hook'))).resolves.toBeNull();
    await expect(g.destinationForSend(new URL('http://rebind.bank.example/hook'))).resolves.toEqual({
      kind: 'refused',
      reason: 'loopback',
    });
    expect(rebinding.calls).toEqual(['rebind.bank.example', 'rebind.bank.example']);
  });

  it('calls an unresolvable name at send time unresolved (worth another try), not refused', async () => {
    await expect(guard('', resolver).destinationForSend(new URL('http://gone.bank.example/hook'))).resolves.toEqual({
      kind: 'unresolved',
    });
  });

  it('gives up on a resolver that does not answer within WEBHOOK_TIMEOUT_MS', async () => {
    const hanging: HostResolver = { resolve: () => new Promise<ResolvedAddress[]>(() => undefined) };
    await expect(guard('', hanging).destinationForSend(new URL('http://slow.bank.example/hook'))).resolves.toEqual({
      kind: 'unresolved',
    });
    await expect(
      guard('', hanging).refusalAtConfiguration(new URL('http://slow.bank.example/hook')),
    ).resolves.toBeNull();
  });
});
