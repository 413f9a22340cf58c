import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type BaseClient, custom, type HttpOptions, Issuer } from 'openid-client';
import { DestinationGuard } from '../../common/net/destination-guard';
import { GuardedHttpAgent, GuardedHttpsAgent } from '../../common/net/guarded-agents';

/** What it takes to talk to a workspace's identity provider. */
export interface OidcClientSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * Discovery documents are reused this long: a provider's endpoints
 * rarely move, its keys are fetched by the library as needed.
 */
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const TIMEOUT_MS = 5000;

/**
 * openid-client (OpenID certified) clients whose every call (discovery, token, JWKS) goes
 * through the SSRF guard's agents: an issuer URL or a discovered endpoint pointing into the
 * service's own network is refused unless WEBHOOK_ALLOWED_HOSTS allows it.
 */
@Injectable()
export class OidcClients implements OnModuleDestroy {
  private readonly httpAgent: GuardedHttpAgent;
  private readonly httpsAgent: GuardedHttpsAgent;
  private readonly issuers = new Map<string, { issuer: Issuer<BaseClient>; at: number }>();

  constructor(guard: DestinationGuard) {
    this.httpAgent = new GuardedHttpAgent(guard);
    this.httpsAgent = new GuardedHttpsAgent(guard);
  }

  async client(settings: OidcClientSettings): Promise<BaseClient> {
    const issuer = await this.issuer(settings.issuerUrl);
    const client = new issuer.Client({
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      redirect_uris: [settings.redirectUri],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
    });
    client[custom.http_options] = this.httpOptions;
    return client;
  }

  private async issuer(url: string): Promise<Issuer<BaseClient>> {
    const cached = this.issuers.get(url);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.issuer;
    // Discovery is a static call: the hook is set on the class for it, and on the issuer for JWKS.
    Issuer[custom.http_options] = this.httpOptions;
    const issuer = await Issuer.discover(url);
    issuer[custom.http_options] = this.httpOptions;
    this.issuers.set(url, { issuer, at: Date.now() });
    return issuer;
  }

  private readonly httpOptions = (url: URL): HttpOptions => ({
    agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
    timeout: TIMEOUT_MS,
  });

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
