import { lookup } from 'node:dns/promises';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Turns a host name into addresses. A provider of its own so that tests can answer with
 * chosen addresses (a name that rebinds between configuration and sending, for instance).
 */
export interface HostResolver {
  resolve(hostname: string): Promise<ResolvedAddress[]>;
}

export const HOST_RESOLVER = Symbol('HOST_RESOLVER');

/** The operating system's resolver (hosts file, then DNS): what an ordinary connect would use. */
export class SystemHostResolver implements HostResolver {
  async resolve(hostname: string): Promise<ResolvedAddress[]> {
    const addresses = await lookup(hostname, { all: true, verbatim: true });
    return addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }
}
