import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { generators } from 'openid-client';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AppError, ForbiddenError, NotFoundError } from '../../common/errors/app-error';
import { User } from '../entities/user.entity';
import { SsoMembership } from './sso-membership';
import { type SsoSettings, SsoConfigService } from './sso-config.service';
import { emailDomain, groupsOfClaim } from './group-roles';
import { OidcClients } from './oidc-clients';
import { Clock } from '../../common/clock/clock';

/** A sign-in under way is good for this long: enough to type a password at the provider, not to keep a link. */
const SIGN_IN_TTL_SECONDS = 600;
export const SSO_BROWSER_COOKIE = 'preclear_sso';

export interface SsoStart {
  authorizationUrl: string;
  /** Ties the sign-in to this browser: only it can finish what it started. */
  browserCookie: string;
}

interface PendingSignIn {
  workspace_id: string;
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  expires_at: Date;
}

/** A callback whose state is unknown, used, expired or from another browser. */
export class SsoStateInvalidError extends AppError {
  readonly status = 401;
  constructor() {
    super('SSO_STATE_INVALID', 'identity:errors.ssoStateInvalid');
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * The authorization-code flow with PKCE, `state` and `nonce`: both are random, stored only as
 * hash (state) or server-side (nonce, verifier), usable once and only from the browser that
 * started the sign-in. openid-client checks the ID token (issuer, audience, expiry, nonce and
 * the signature against the provider's JWKS).
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger(SsoSignInService.name);

  constructor(
    private readonly clock: Clock,
    private readonly configs: SsoConfigService,
    private readonly clients: OidcClients,
    private readonly memberships: SsoMembership,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async start(selector: { workspace?: string; email?: string }): Promise<SsoStart> {
    const settings = await this.configs.find(selector);
    if (!settings) throw new NotFoundError('sso');
    const state = generators.state();
    const nonce = generators.nonce();
    const codeVerifier = generators.codeVerifier();
    const browser = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO sso_sign_ins (state_hash, workspace_id, browser_hash, nonce, code_verifier, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [sha256(state), settings.workspaceId, sha256(browser), nonce, codeVerifier, SIGN_IN_TTL_SECONDS],
    );
    // Finished and abandoned sign-ins are of no use to anyone after their time.
    await this.dataSource.query(`DELETE FROM sso_sign_ins WHERE expires_at < now() - interval '1 day'`);
    const client = await this.clients
      .client(this.clientSettings(settings))
      .catch((error: unknown) => this.providerUnreachable(error));
    const authorizationUrl = client.authorizationUrl({
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...(selector.email ? { login_hint: selector.email } : {}),
    });
    return { authorizationUrl, browserCookie: browser };
  }

  /**
   * Completes a sign-in: the user it signed in, after their
   * membership and roles were brought in line with the provider.
   */
  async finish(params: Record<string, string | undefined>, browser: string | undefined): Promise<User> {
    const pending = await this.consume(params.state, browser);
    const settings = await this.configs.forWorkspace(pending.workspace_id);
    if (!settings) throw new SsoStateInvalidError();
    if (params.error) throw this.refusal('SSO_PROVIDER_ERROR', settings, { error: params.error });
    const claims = await this.validatedClaims(settings, params, pending);
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : '';
    const domain = emailDomain(email);
    if (claims.email_verified !== true || !domain || !settings.allowedDomains.includes(domain)) {
      throw await this.refusalAudited('SSO_EMAIL_NOT_ALLOWED', settings, {
        email: email.slice(0, 320),
        verified: claims.email_verified === true,
      });
    }
    const groups = groupsOfClaim(claims[settings.groupsClaim]);
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
    const user = await this.dataSource.transaction((tx) =>
      this.memberships.apply(tx, settings, { email, name, groups, subject: String(claims.sub) }),
    );
    if (!user) throw await this.refusalAudited('SSO_NO_ROLE', settings, { email, groups });
    return user;
  }

  /** The pending sign-in of this state, marked used in the same statement so it can never be used twice. */
  private async consume(state: string | undefined, browser: string | undefined): Promise<PendingSignIn> {
    if (!state) throw new SsoStateInvalidError();
    const rows = await this.dataSource.query<[PendingSignIn[], number]>(
      `UPDATE sso_sign_ins SET used_at = now() WHERE state_hash = $1 AND used_at IS NULL RETURNING workspace_id, browser_hash, nonce, code_verifier, expires_at`,
      [sha256(state)],
    );
    const pending = rows[0]?.[0];
    if (
      !pending ||
      new Date(pending.expires_at).getTime() < this.clock.now().getTime() ||
      !browser ||
      sha256(browser) !== pending.browser_hash
    ) {
      throw new SsoStateInvalidError();
    }
    return pending;
  }

  private async validatedClaims(
    settings: SsoSettings,
    params: Record<string, string | undefined>,
    pending: PendingSignIn,
  ): Promise<Record<string, unknown>> {
    const client = await this.clients
      .client(this.clientSettings(settings))
      .catch((error: unknown) => this.providerUnreachable(error));
    try {
      const callbackParams = Object.fromEntries(
        Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const tokens = await client.callback(this.configs.redirectUri, callbackParams, {
        state: params.state,
        nonce: pending.nonce,
        code_verifier: pending.code_verifier,
        response_type: 'code',
      });
      return tokens.claims() as Record<string, unknown>;
    } catch (error) {
      // The library's message says which check failed (signature,
      // aud, exp, nonce); it stays in the log and the audit trail.
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown';
      throw await this.refusalAudited('SSO_TOKEN_INVALID', settings, { reason });
    }
  }

  private clientSettings(settings: SsoSettings) {
    return {
      issuerUrl: settings.issuerUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      redirectUri: this.configs.redirectUri,
    };
  }

  private providerUnreachable(error: unknown): never {
    this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'identity provider unreachable');
    throw new ForbiddenError('SSO_PROVIDER_UNREACHABLE', 'identity:errors.ssoProviderUnreachable');
  }

  private refusal(code: string, settings: SsoSettings, data: Record<string, unknown>): AppError {
    this.logger.warn({ code, workspaceId: settings.workspaceId, ...data }, 'single sign-on refused');
    return new ForbiddenError(code, `identity:errors.${ssoMessageKey(code)}`);
  }

  private async refusalAudited(
    code: string,
    settings: SsoSettings,
    data: Record<string, unknown>,
    manager?: EntityManager,
  ): Promise<AppError> {
    await this.audit.record(
      {
        workspaceId: settings.workspaceId,
        actor: 'anonymous:sso',
        action: 'auth.sso_refused',
        subject: `workspace:${settings.workspaceId}`,
        data: { code, ...data },
      },
      manager,
    );
    return this.refusal(code, settings, data);
  }
}

const SSO_MESSAGE_KEYS: Record<string, string> = {
  SSO_PROVIDER_ERROR: 'ssoProviderError',
  SSO_EMAIL_NOT_ALLOWED: 'ssoEmailNotAllowed',
  SSO_NO_ROLE: 'ssoNoRole',
  SSO_TOKEN_INVALID: 'ssoTokenInvalid',
};

function ssoMessageKey(code: string): string {
  return SSO_MESSAGE_KEYS[code] ?? 'ssoTokenInvalid';
}
