import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { isIpAddress, isMetadataHost, normalizeHost, refusalOfAddress, type RefusalReason } from './address-policy';
import { AllowedHosts } from './allowed-hosts';
import { HOST_RESOLVER, type HostResolver, type ResolvedAddress } from './host-resolver';

/** Where a request may go: the one checked address to connect to, or why not. */
export type SendDestination =
  | { kind: 'connect'; address: ResolvedAddress }
  | { kind: 'refused'; reason: RefusalReason | 'credentials' }
  /** The name did not resolve (now): nothing was sent, a later try may succeed. */
  | { kind: 'unresolved' };

/**
 * Keeps outgoing calls (webhooks) away from the service's own network: loopback, private
 * (RFC 1918, CGNAT, ULA), link-local, multicast, unspecified and reserved addresses, the
 * IPv4-mapped forms of all of these, and cloud metadata endpoints. WEBHOOK_ALLOWED_HOSTS
 * opens named exceptions (never metadata). Checked when a destination is configured and
 * again, after DNS, right before each call; the call then connects to the address that was
 * checked, so a name that rebinds in between cannot redirect it.
 */
@Injectable()
export class DestinationGuard {
  private readonly allowed: AllowedHosts;
  /** A resolver that hangs must not hold a request or a publish job longer than a webhook call may take. */
  private readonly resolveTimeoutMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(HOST_RESOLVER) private readonly resolver: HostResolver,
  ) {
    this.allowed = AllowedHosts.parse(config.WEBHOOK_ALLOWED_HOSTS).allowed;
    this.resolveTimeoutMs = config.WEBHOOK_TIMEOUT_MS;
  }

  /**
   * At configuration: null when the URL may be stored. A name that does not resolve yet is
   * accepted (DNS may be set up later); it is checked again at every call.
   */
  async refusalAtConfiguration(url: URL): Promise<RefusalReason | 'credentials' | null> {
    if (url.username || url.password) return 'credentials';
    const host = normalizeHost(url.hostname);
    if (isIpAddress(host)) return this.judge(host, [host]);
    if (isMetadataHost(host)) return 'metadata';
    const addresses = await this.resolve(host);
    return addresses === null
      ? null
      : this.judge(
          host,
          addresses.map((a) => a.address),
        );
  }

  /** Right before a call: resolves the name and picks the address to connect to. */
  async destinationForSend(url: URL): Promise<SendDestination> {
    if (url.username || url.password) return { kind: 'refused', reason: 'credentials' };
    const host = normalizeHost(url.hostname);
    if (isIpAddress(host)) {
      const reason = this.judge(host, [host]);
      return reason
        ? { kind: 'refused', reason }
        : { kind: 'connect', address: { address: host, family: host.includes(':') ? 6 : 4 } };
    }
    if (isMetadataHost(host)) return { kind: 'refused', reason: 'metadata' };
    const addresses = await this.resolve(host);
    if (addresses === null || addresses.length === 0) return { kind: 'unresolved' };
    // Every address the name has must pass, not only the one used: otherwise a name with one
    // public and one internal record would be let through on a lucky order.
    const reason = this.judge(
      host,
      addresses.map((a) => a.address),
    );
    return reason ? { kind: 'refused', reason } : { kind: 'connect', address: addresses[0] };
  }

  /** The name's addresses, or null when it does not resolve (or not in time). */
  private async resolve(host: string): Promise<ResolvedAddress[] | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.resolveTimeoutMs);
    });
    try {
      return await Promise.race([this.resolver.resolve(host), timeout]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private judge(host: string, addresses: string[]): RefusalReason | null {
    if (isMetadataHost(host)) return 'metadata';
    for (const address of addresses) {
      const reason = refusalOfAddress(address);
      if (reason === 'metadata') return reason;
      if (reason && !this.allowed.allowsName(host) && !this.allowed.allowsAddress(address)) return reason;
    }
    return null;
  }
}
