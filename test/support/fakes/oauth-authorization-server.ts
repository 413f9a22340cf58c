import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake saw it (tests assert on what Preclear sent, e.g. no secret in a URL). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  form: URLSearchParams;
}

/** How one network's authorisation server behaves, from its documentation. */
export interface OAuthServerProfile {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  authorizePath: string;
  tokenPath: string;
  /**
   * `basic`: RFC 6749 §2.3.1 Authorization header (X); `post`:
   * client_id and client_secret in the form (LinkedIn, Meta).
   */
  clientAuth: 'basic' | 'post';
  /** X: every authorisation request must carry an S256 code_challenge. */
  pkceRequired: boolean;
  /** Seconds an access token lives. */
  accessTtl: number;
  /** Issues refresh tokens (LinkedIn programmatic refresh, X with offline.access); Meta does not. */
  refreshTokens: boolean;
  /** X invalidates a refresh token once used and issues a new one; LinkedIn keeps it. */
  rotateRefreshTokens: boolean;
  /** Extra fields of a token response, as the network documents it. */
  tokenResponse: (issued: { accessToken: string; refreshToken: string | null }) => Record<string, unknown>;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  scope: string;
  expiresAt: number;
  used: boolean;
}

export interface IssuedToken {
  token: string;
  expiresAt: number;
  scope: string;
}

/** Extra routes a network's fake adds (API listings); return false to fall through to 404. */
export type ExtraRoute = (
  req: http.IncomingMessage,
  url: URL,
  res: http.ServerResponse,
  server: FakeOAuthServer,
) => boolean | Promise<boolean>;

/**
 * An RFC 6749 / RFC 7636 authorisation server on a real port: the authorize endpoint
 * "approves" at once (or denies, when told) and redirects with code and state; the token
 * endpoint checks client authentication, redirect_uri, single-use ten-minute codes, the S256
 * code_verifier, and answers refresh_token grants; refusals are `{ error, error_description }`
 * with the status the RFC gives.
 */
export class FakeOAuthServer {
  readonly requests: RecordedRequest[] = [];
  readonly accessTokens = new Map<string, IssuedToken>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly refreshTokens = new Map<string, { scope: string; revoked: boolean }>();
  private server: http.Server | undefined;
  private denyNext = false;
  private failures: number[] = [];
  baseUrl = '';

  constructor(
    readonly profile: OAuthServerProfile,
    private readonly extra: ExtraRoute = () => false,
  ) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The member clicks "Cancel" at the network: the next authorisation redirects with error=access_denied. */
  denyNextAuthorization(): void {
    this.denyNext = true;
  }

  /** The next token requests answer these statuses (e.g. 503) before working again. */
  failNextTokenRequests(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** The member revoked the app at the network: every refresh token stops working. */
  revokeAllRefreshTokens(): void {
    for (const entry of this.refreshTokens.values()) entry.revoked = true;
  }

  tokenRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === this.profile.tokenPath);
  }

  /** The scope the bearer token of a request was issued with, or null when it is unknown or expired. */
  bearerScope(req: http.IncomingMessage): string | null {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const token = match ? this.accessTokens.get(match[1]) : undefined;
    return token && token.expiresAt > Date.now() ? token.scope : null;
  }

  issueAccessToken(scope: string, ttlSeconds = this.profile.accessTtl): string {
    const token = `at-${randomBytes(16).toString('hex')}`;
    this.accessTokens.set(token, { token, scope, expiresAt: Date.now() + ttlSeconds * 1000 });
    return token;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const form = new URLSearchParams(req.method === 'POST' ? await readBody(req) : '');
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      form,
    });
    if (req.method === 'GET' && url.pathname === this.profile.authorizePath) {
      return this.authorize(url.searchParams, res);
    }
    if (req.method === 'POST' && url.pathname === this.profile.tokenPath) return this.token(req, form, res);
    if (await this.extra(req, url, res, this)) return;
    json(res, 404, { error: 'not_found' });
  }

  private authorize(q: URLSearchParams, res: http.ServerResponse): void {
    const p = this.profile;
    // Per RFC 6749 §4.1.2.1: a bad client or redirect URI is shown to the user, never redirected to.
    if (q.get('client_id') !== p.clientId) return json(res, 400, { error: 'invalid_client' });
    if (q.get('redirect_uri') !== p.redirectUri) return json(res, 400, { error: 'invalid_redirect_uri' });
    const back = new URL(p.redirectUri);
    const state = q.get('state');
    if (state) back.searchParams.set('state', state);
    const challenge = q.get('code_challenge');
    const refuse = (error: string, description: string): void => {
      back.searchParams.set('error', error);
      back.searchParams.set('error_description', description);
      res.writeHead(302, { Location: back.toString() }).end();
    };
    if (q.get('response_type') !== 'code') return refuse('unsupported_response_type', 'response_type must be code');
    if (p.pkceRequired && (!challenge || q.get('code_challenge_method') !== 'S256')) {
      return refuse('invalid_request', 'code_challenge with S256 is required');
    }
    if (this.denyNext) {
      this.denyNext = false;
      return refuse('access_denied', 'The user cancelled the authorization');
    }
    const code = `code-${randomBytes(16).toString('hex')}`;
    this.codes.set(code, {
      clientId: p.clientId,
      redirectUri: p.redirectUri,
      challenge,
      scope: q.get('scope') ?? '',
      expiresAt: Date.now() + 600_000,
      used: false,
    });
    back.searchParams.set('code', code);
    res.writeHead(302, { Location: back.toString() }).end();
  }

  private token(req: http.IncomingMessage, form: URLSearchParams, res: http.ServerResponse): void {
    const failure = this.failures.shift();
    if (failure !== undefined) return json(res, failure, { error: 'temporarily_unavailable' });
    if (!this.clientAuthenticated(req, form)) {
      return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') return this.codeGrant(form, res);
    if (grant === 'refresh_token' && this.profile.refreshTokens) return this.refreshGrant(form, res);
    json(res, 400, { error: 'unsupported_grant_type' });
  }

  private codeGrant(form: URLSearchParams, res: http.ServerResponse): void {
    const code = this.codes.get(form.get('code') ?? '');
    const invalid = (description: string): void =>
      json(res, 400, { error: 'invalid_grant', error_description: description });
    if (!code || code.expiresAt < Date.now()) return invalid('The authorization code is invalid or expired');
    if (code.used) return invalid('The authorization code was already used');
    code.used = true;
    if (form.get('redirect_uri') !== code.redirectUri) {
      return invalid('redirect_uri does not match the authorization request');
    }
    const verifier = form.get('code_verifier');
    if (code.challenge !== null && (verifier === null || !sameText(s256(verifier), code.challenge))) {
      return invalid('code_verifier does not match the code_challenge');
    }
    this.sendTokens(code.scope, res);
  }

  private refreshGrant(form: URLSearchParams, res: http.ServerResponse): void {
    const given = form.get('refresh_token') ?? '';
    const entry = this.refreshTokens.get(given);
    if (!entry || entry.revoked) {
      return json(res, 400, {
        error: 'invalid_grant',
        error_description: 'The refresh token is invalid or was revoked',
      });
    }
    if (this.profile.rotateRefreshTokens) entry.revoked = true;
    this.sendTokens(entry.scope, res, this.profile.rotateRefreshTokens ? null : given);
  }

  private sendTokens(scope: string, res: http.ServerResponse, keepRefresh: string | null = null): void {
    const accessToken = this.issueAccessToken(scope);
    let refreshToken: string | null = keepRefresh;
    if (this.profile.refreshTokens && refreshToken === null) {
      refreshToken = `rt-${randomBytes(16).toString('hex')}`;
      this.refreshTokens.set(refreshToken, { scope, revoked: false });
    }
    json(res, 200, this.profile.tokenResponse({ accessToken, refreshToken }));
  }

  private clientAuthenticated(req: http.IncomingMessage, form: URLSearchParams): boolean {
    const p = this.profile;
    if (p.clientAuth === 'post') {
      return form.get('client_id') === p.clientId && sameText(form.get('client_secret') ?? '', p.clientSecret);
    }
    const match = /^Basic (\S+)$/.exec(req.headers.authorization ?? '');
    if (!match) return false;
    const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':').map(decodeURIComponent);
    return id === p.clientId && sameText(secret ?? '', p.clientSecret);
  }
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
