import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oauth from 'oauth4webapi';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { Brand } from '../../brands/entities/brand.entity';
import { DomainRuleError, NotFoundError } from '../../common/errors/app-error';
import { DestinationGuard } from '../../common/net/destination-guard';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { actorLabel, type Actor, type WorkspaceMember } from '../../common/domain/actor';
import { SECRET_BOX, type SecretBox } from '../secret-box';
import { ConnectionWriter } from './connection-writer';
import type { ConnectChannelDto, ConnectStartedDto } from './connect.dto';
import { guardedFetch } from './guarded-fetch';
import { listNetworkAccounts, type NetworkAccount } from './network-accounts';
import { OAuthClient, OAuthRefusedError } from './oauth-client';
import { OAuthConnectionState } from './oauth-connection-state.entity';
import { oauthProfile, providerOf, type OAuthProvider } from './oauth-networks';
import { Clock } from '../../common/clock/clock';

/** Minutes a member has to finish at the network, and then to pick an account. */
const STATE_TTL_MS = 10 * 60_000;
const BINDING_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** How a callback ended, for the web app's channels page (codes only: tokens and network text stay on the server). */
export type CallbackResult =
  | { result: 'connected'; channelId: string }
  | { result: 'choose'; connectionId: string; workspaceId: string }
  | { result: 'error'; code: string };

export interface CallbackInput {
  provider: OAuthProvider;
  query: URLSearchParams;
  /** The browser-binding cookie, if the browser sent it. */
  binding: string | undefined;
  /** Who is calling, if the request carried credentials (a browser on the redirect usually does not). */
  actor: Actor | null;
}

/**
 * The OAuth authorisation-code dance: `start` records a single-use state bound to the member
 * and their browser and returns the network's authorisation URL; `callback` consumes the
 * state, exchanges the code (with the PKCE verifier where the network uses PKCE), lists the
 * accounts the member may publish as, and connects the chosen one.
 */
@Injectable()
export class ConnectFlowService {
  private readonly logger = new Logger(ConnectFlowService.name);
  private readonly fetcher: typeof fetch;

  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: ConnectionWriter,
    guard: DestinationGuard,
  ) {
    this.fetcher = guardedFetch(guard, config.WEBHOOK_TIMEOUT_MS);
  }

  redirectUri(provider: OAuthProvider): string {
    return `${this.config.publicUrl}/api/v1/oauth/${provider}/callback`;
  }

  /** Returns the URL to send the member to, and the browser binding to set as a cookie. */
  async start(
    member: WorkspaceMember,
    dto: ConnectChannelDto,
    binding: string | undefined,
  ): Promise<{ started: ConnectStartedDto; binding: string }> {
    if (dto.channel !== dto.network) {
      throw new DomainRuleError(
        'CHANNEL_NETWORK_MISMATCH',
        'publishing:errors.channelNetworkMismatch',
        { channel: dto.channel, network: dto.network },
        [
          {
            field: 'channel',
            constraints: { matchesNetwork: `channel must be ${dto.network} for a ${dto.network} connection` },
          },
        ],
      );
    }
    const provider = providerOf(dto.network);
    const profile = oauthProfile(this.config, provider);
    if (!profile) {
      throw new DomainRuleError('NETWORK_NOT_CONFIGURED', 'publishing:errors.networkNotConfigured', {
        network: dto.network,
      });
    }
    if (
      !(await this.dataSource
        .getRepository(Brand)
        .exists({ where: { id: dto.brandId, workspaceId: member.workspaceId } }))
    ) {
      throw new NotFoundError('brand', dto.brandId);
    }
    const state = oauth.generateRandomState();
    const verifier = profile.pkce ? oauth.generateRandomCodeVerifier() : null;
    const browser = binding && BINDING_PATTERN.test(binding) ? binding : randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + STATE_TTL_MS);
    const repo = this.dataSource.getRepository(OAuthConnectionState);
    await repo.delete({ expiresAt: LessThan(this.clock.now()) });
    await repo.insert({
      stateHash: sha256(state),
      phase: 'authorize',
      workspaceId: member.workspaceId,
      startedBy: actorLabel(member.actor),
      bindingHash: sha256(browser),
      network: dto.network,
      brandId: dto.brandId,
      channel: dto.channel,
      name: dto.name,
      accountId: dto.accountId ?? null,
      codeVerifierSealed: verifier ? this.secrets.seal(verifier) : null,
      expiresAt,
    });
    const challenge = verifier ? await oauth.calculatePKCECodeChallenge(verifier) : null;
    const authorizationUrl = new OAuthClient(profile, this.fetcher).authorizationUrl(
      this.redirectUri(provider),
      state,
      challenge,
    );
    return { started: { authorizationUrl, expiresAt: expiresAt.toISOString() }, binding: browser };
  }

  /** Never throws: every outcome is a result for the channels page. */
  async callback(input: CallbackInput): Promise<CallbackResult> {
    const state = input.query.get('state');
    if (!state || state.length > 200) return { result: 'error', code: 'OAUTH_STATE_INVALID' };
    const pending = await this.consume(sha256(state), 'authorize');
    if (!pending || providerOf(pending.network) !== input.provider) {
      return { result: 'error', code: 'OAUTH_STATE_INVALID' };
    }
    if (pending.expiresAt.getTime() < this.clock.now().getTime()) {
      return { result: 'error', code: 'OAUTH_STATE_EXPIRED' };
    }
    if (!this.boundTo(pending, input)) return { result: 'error', code: 'OAUTH_STATE_FOREIGN' };
    try {
      return await this.complete(pending, input, state);
    } catch (error) {
      if (error instanceof OAuthRefusedError) {
        this.logger.warn({ network: pending.network, error: error.error }, 'the network refused the connection');
        return { result: 'error', code: error.error === 'access_denied' ? 'OAUTH_DENIED' : 'OAUTH_REFUSED' };
      }
      this.logger.warn({ network: pending.network, err: (error as Error).name }, 'connecting failed');
      return { result: 'error', code: 'OAUTH_UNAVAILABLE' };
    }
  }

  private async complete(pending: OAuthConnectionState, input: CallbackInput, state: string): Promise<CallbackResult> {
    const profile = oauthProfile(this.config, input.provider);
    if (!profile) return { result: 'error', code: 'NETWORK_NOT_CONFIGURED' };
    const client = new OAuthClient(profile, this.fetcher);
    const verifier = pending.codeVerifierSealed ? this.secrets.open(pending.codeVerifierSealed) : null;
    const tokens = await client.exchangeCode(input.query, state, this.redirectUri(input.provider), verifier);
    const accounts = await listNetworkAccounts(this.config, this.fetcher, pending.network, tokens);
    if (pending.accountId !== null) {
      const chosen = accounts.find((account) => account.id === pending.accountId);
      if (!chosen) return { result: 'error', code: 'OAUTH_ACCOUNT_NOT_FOUND' };
      return { result: 'connected', channelId: await this.writer.connect(pending, chosen) };
    }
    if (accounts.length === 0) return { result: 'error', code: 'OAUTH_NO_ACCOUNT' };
    if (accounts.length === 1) {
      return { result: 'connected', channelId: await this.writer.connect(pending, accounts[0]) };
    }
    return {
      result: 'choose',
      connectionId: await this.offerChoice(pending, accounts),
      workspaceId: pending.workspaceId,
    };
  }

  /** Several accounts: their tokens wait sealed, under a new id, for the member who started to pick one. */
  private async offerChoice(pending: OAuthConnectionState, accounts: NetworkAccount[]): Promise<string> {
    const { id: _consumed, createdAt: _created, ...kept } = pending;
    const saved = await this.dataSource.getRepository(OAuthConnectionState).save({
      ...kept,
      stateHash: sha256(randomBytes(32).toString('base64url')),
      phase: 'choose' as const,
      codeVerifierSealed: null,
      tokensSealed: this.secrets.seal(JSON.stringify(accounts)),
      accounts: accounts.map(({ id, name }) => ({ id, name })),
      expiresAt: new Date(this.clock.now().getTime() + STATE_TTL_MS),
    });
    return saved.id;
  }

  private boundTo(pending: OAuthConnectionState, input: CallbackInput): boolean {
    if (input.actor && actorLabel(input.actor) !== pending.startedBy) return false;
    if (!input.binding || !BINDING_PATTERN.test(input.binding)) return false;
    return timingSafeEqual(Buffer.from(sha256(input.binding)), Buffer.from(pending.bindingHash));
  }

  /** Reads and deletes in one step: a replayed state (or a second tab racing) finds nothing. */
  async consume(stateHash: string, phase: 'authorize'): Promise<OAuthConnectionState | null> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(OAuthConnectionState);
      const found = await repo.findOne({ where: { stateHash, phase }, lock: { mode: 'pessimistic_write' } });
      if (found) await repo.delete({ id: found.id });
      return found;
    });
  }
}
