import ipaddr from 'ipaddr.js';
import { canonicalAddress, isIpAddress, normalizeHost } from './address-policy';

/** A DNS name: labels of letters, digits and hyphens; `*.` in front allows every name below it. */
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Destinations an operator explicitly allows although they are not public, e.g. a bank's
 * publishing middleware on its internal network (WEBHOOK_ALLOWED_HOSTS).
 */
export class AllowedHosts {
  private constructor(
    private readonly names: ReadonlySet<string>,
    private readonly suffixes: readonly string[],
    private readonly ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][],
  ) {}

  /**
   * Parses the comma-separated list of host names (`hooks.bank.internal`, `*.bank.internal`),
   * IP addresses and CIDR ranges. Every entry that is none of these is a problem, named.
   */
  static parse(value: string): { allowed: AllowedHosts; problems: string[] } {
    const names = new Set<string>();
    const suffixes: string[] = [];
    const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
    const problems: string[] = [];
    for (const raw of value.split(',')) {
      const entry = normalizeHost(raw.trim());
      if (entry === '') continue;
      if (entry.includes('/')) {
        const range = parseRange(entry);
        if (range) ranges.push(range);
        else problems.push(`"${raw.trim()}" is not a valid CIDR range (IPv4 ranges are written as IPv4)`);
      } else if (isIpAddress(entry)) {
        const address = ipaddr.parse(canonicalAddress(entry));
        ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else if (HOST_NAME.test(entry) && !/^[\d.]+$/.test(entry)) {
        if (entry.startsWith('*.')) suffixes.push(entry.slice(1));
        else names.add(entry);
      } else {
        problems.push(`"${raw.trim()}" is neither a host name, an IP address nor a CIDR range`);
      }
    }
    return { allowed: new AllowedHosts(names, suffixes, ranges), problems };
  }

  allowsName(host: string): boolean {
    const name = normalizeHost(host);
    return this.names.has(name) || this.suffixes.some((suffix) => name.endsWith(suffix));
  }

  allowsAddress(address: string): boolean {
    if (!isIpAddress(address)) return false;
    const parsed = ipaddr.parse(canonicalAddress(address));
    return this.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
  }
}

/** `10.0.0.0/8` or `fd00::/8`; an IPv4-mapped IPv6 range is refused since addresses are compared as IPv4. */
function parseRange(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  try {
    const [address, bits] = ipaddr.parseCIDR(entry);
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) return null;
    return [address, bits];
  } catch {
    return null;
  }
}
