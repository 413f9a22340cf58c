import type { LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './host-resolver';

/**
 * A `lookup` for the socket that answers with the address the guard checked, whatever DNS
 * says now. Node calls it with `all: true` when it races IPv4 and IPv6 (autoSelectFamily).
 */
export function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
}
