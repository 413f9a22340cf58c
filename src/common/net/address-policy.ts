import ipaddr from 'ipaddr.js';

/** Why a destination is not sent to; written to the operator's log, never shown to the caller. */
export type RefusalReason =
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'metadata';

/**
 * Cloud instance-metadata endpoints: they hand out credentials to whoever asks from inside,
 * so they are refused even when an allow-list entry would cover them.
 */
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
]);
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

/** ipaddr.js ranges mapped to our reasons; every range that is not plain global unicast is refused. */
const REASON_OF_RANGE: Record<string, RefusalReason> = {
  loopback: 'loopback',
  private: 'private',
  carrierGradeNat: 'private',
  uniqueLocal: 'private',
  linkLocal: 'link_local',
  multicast: 'multicast',
  broadcast: 'multicast',
  unspecified: 'unspecified',
};

/** `Example.COM.` and `[::1]` as URL.hostname gives them → `example.com` and `::1`. */
export function normalizeHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.+$/, '');
}

export function isIpAddress(host: string): boolean {
  return ipaddr.isValid(host) && (ipaddr.IPv4.isValidFourPartDecimal(host) || ipaddr.IPv6.isValid(host));
}

/** The canonical text of an address; IPv4-mapped IPv6 (`::ffff:127.0.0.1`) becomes the IPv4 it carries. */
export function canonicalAddress(address: string): string {
  return ipaddr.process(address).toString();
}

export function isMetadataHost(host: string): boolean {
  const name = normalizeHost(host);
  return METADATA_NAMES.has(name) || (isIpAddress(name) && METADATA_ADDRESSES.has(canonicalAddress(name)));
}

/**
 * Null for a public unicast address; otherwise why it is refused. IPv4-mapped IPv6 is judged
 * by the IPv4 address inside it, so `::ffff:10.0.0.1` is as private as `10.0.0.1`.
 */
export function refusalOfAddress(address: string): RefusalReason | null {
  if (!ipaddr.isValid(address)) return 'reserved';
  const parsed = ipaddr.process(address);
  if (METADATA_ADDRESSES.has(parsed.toString())) return 'metadata';
  const range = parsed.range();
  if (range === 'unicast') return null;
  return REASON_OF_RANGE[range] ?? 'reserved';
}

/** The URL as it may be shown: any `user:password@` removed. */
export function urlWithoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
