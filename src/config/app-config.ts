import { parseSigningKey } from '../audit/domain/signing-key';
import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import { MIN_PASSWORD_LENGTH, passwordContext, passwordWeakness } from '../identity/passwords/password-policy';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { AllowedHosts } from '../common/net/allowed-hosts';

const toBool = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value;
  const v = value.toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return value; // left as a string so that @IsBoolean names the variable
};

const toTrustProxy = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['', 'false', 'off', 'no', '0'].includes(v)) return false;
  if (/^[1-9]\d?$/.test(v)) return Number(v);
  return value.trim();
};

/**
 * Express's proxy names, and IPv4/IPv6 addresses with an optional prefix length; `true` (trust anyone) is not offered.
 */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyList(value: string): boolean {
  return value.split(',').every((part) => {
    const [address, prefix, ...rest] = part.trim().split('/');
    if (rest.length > 0) return false;
    if (PROXY_NAMES.includes(address.toLowerCase()) && prefix === undefined) return true;
    const family = isIP(address);
    return (
      family !== 0 &&
      (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)))
    );
  });
}

const toInt = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
};

/**
 * The process environment, validated once at start. The names of API.md are fixed;
 * the others tune operational details and all have defaults.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/preclear';

  /**
   * Where requests and workers connect: a role that neither owns the tables nor is a superuser.
   * Unset, it is DATABASE_URL with the user `preclear_app` and no password (the trust set-up);
   * the app creates the role if it is missing and grants it what it needs after migrating.
   */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  @IsOptional()
  DATABASE_APP_URL?: string;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Bull key; lets several test runs share one Redis server. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  QUEUE_PREFIX = 'preclear';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @IsOptional()
  PUBLIC_URL?: string;

  @IsEmail()
  @IsOptional()
  ADMIN_EMAIL?: string;

  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  @IsOptional()
  ADMIN_PASSWORD?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  ADMIN_WORKSPACE = 'Default';

  /** Required in production; development and tests fall back to a per-process random secret. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters (and is required when NODE_ENV=production)' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS = 12 * 3600;

  @Transform(toBool)
  @IsBoolean()
  RUN_WORKERS = true;

  @Transform(toBool)
  @IsBoolean()
  DEMO = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Failed logins allowed from one client address (whatever the e-mails) within LOGIN_RATE_WINDOW_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_LIMIT = 30;

  /** Failed logins allowed for one e-mail (whatever the addresses) within LOGIN_RATE_WINDOW_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ACCOUNT_LIMIT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_WINDOW_SECONDS = 300;

  /**
   * Which proxies' X-Forwarded-For to believe for the client address: `false` (default: none,
   * the socket's address counts), a number of hops, or comma-separated proxy addresses/CIDRs
   * (`loopback`, `10.0.0.0/8`). Trusting a header nobody strips lets anyone pick their address.
   */
  @Transform(toTrustProxy)
  @ValidateIf((c: AppConfig) => typeof c.TRUST_PROXY !== 'boolean' && typeof c.TRUST_PROXY !== 'number')
  @IsString()
  TRUST_PROXY: boolean | number | string = false;

  /** Minutes of slack between the last review deadline and the scheduled time. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  REVIEW_BUFFER_MINUTES = 240;

  /** A post more than this late is `missed`, not published late. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLISH_MISSED_AFTER_MINUTES = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  PUBLISH_MAX_ATTEMPTS = 5;

  /** First retry delay; each next one doubles, with jitter. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  PUBLISH_BACKOFF_MS = 2000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  WEBHOOK_TIMEOUT_MS = 10000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY = 32;

  /**
   * A `publishing` post whose claim is older than this belongs to a dead worker and is taken
   * over by the reconciler (the idempotency key keeps the channel side safe). Must exceed
   * WEBHOOK_TIMEOUT_MS with room to spare, or a slow live worker would be overtaken.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  PUBLISH_LEASE_MS = 120000;

  /**
   * Key that encrypts channel secrets at rest (AES-256-GCM). Required in production and kept
   * apart from JWT_SECRET, so rotating login tokens never makes stored secrets unreadable.
   * Elsewhere a fixed development key is used.
   */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.CHANNEL_SECRETS_KEY !== undefined)
  @IsString()
  @MinLength(32, {
    message: 'CHANNEL_SECRETS_KEY must be at least 32 characters (and is required when NODE_ENV=production)',
  })
  CHANNEL_SECRETS_KEY?: string;

  /**
   * Webhook destinations allowed although they are not public (loopback, private, link-local):
   * comma-separated host names (`*.bank.internal` for every name below), IP addresses and CIDR
   * ranges. Empty: only public addresses. Cloud metadata endpoints are never allowed.
   */
  @IsString()
  @MaxLength(4000)
  WEBHOOK_ALLOWED_HOSTS = '';

  /** LinkedIn's REST API (Posts, Images); tests and corporate proxies point it elsewhere. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  LINKEDIN_API_URL = 'https://api.linkedin.com';

  /** Monthly version of LinkedIn's REST API sent as `LinkedIn-Version` (YYYYMM). */
  @Matches(/^\d{6}$/)
  LINKEDIN_API_VERSION = '202511';

  /** Meta's Graph API (Facebook pages, Instagram business accounts), without the version. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  META_GRAPH_URL = 'https://graph.facebook.com';

  @Matches(/^v\d+\.\d+$/)
  META_GRAPH_VERSION = 'v21.0';

  /** X's API (v2 posts and media upload). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  X_API_URL = 'https://api.x.com';

  /**
   * Timeout of one call to a social network; a timeout after sending is an unknown outcome, looked up before any retry.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SOCIAL_API_TIMEOUT_MS = 15000;

  /** Posts per account and network, `network=calls/seconds` comma-separated, overriding the documented defaults. */
  @IsString()
  @Matches(/^((linkedin|facebook|instagram|x)=\d+\/\d+)?(,\s*(linkedin|facebook|instagram|x)=\d+\/\d+)*$/)
  SOCIAL_RATE_LIMITS = '';

  /** A worker waits this long at most for an account's next slot; a later slot reschedules the post instead. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SOCIAL_RATE_MAX_WAIT_MS = 30000;

  /** How often the reconciler re-enqueues due posts that have no job (Postgres is the truth). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  RECONCILE_INTERVAL_MS = 60000;

  /**
   * Ed25519 private key that signs audit checkpoints: 32 bytes in base64 or hex (the seed), or a
   * PKCS#8 PEM. Required in production; elsewhere a fixed development key is used.
   */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.AUDIT_SIGNING_KEY !== undefined)
  @IsString({ message: 'AUDIT_SIGNING_KEY is required when NODE_ENV=production' })
  AUDIT_SIGNING_KEY?: string;

  /** How often a worker signs a checkpoint of every audit chain that grew. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  AUDIT_CHECKPOINT_INTERVAL_MS = 3600000;

  /** Where uploaded media are kept, one file per SHA-256, when no S3 bucket is configured. */
  @IsString()
  @MinLength(1)
  MEDIA_DIR = 'data/media';

  /** The largest upload accepted, in bytes (the upload is held in memory while it is checked). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  MEDIA_MAX_BYTES = 50 * 1024 * 1024;

  /**
   * An S3-compatible bucket for media instead of MEDIA_DIR; with MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY.
   */
  @IsString()
  @MinLength(3)
  @MaxLength(63)
  @IsOptional()
  MEDIA_S3_BUCKET?: string;

  /** The store's URL (MinIO, Ceph, R2...); unset means AWS S3 itself. Requests use path-style addressing. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @IsOptional()
  MEDIA_S3_ENDPOINT?: string;

  @IsString()
  @MinLength(1)
  MEDIA_S3_REGION = 'us-east-1';

  @ValidateIf((c: AppConfig) => c.MEDIA_S3_BUCKET !== undefined || c.MEDIA_S3_ACCESS_KEY_ID !== undefined)
  @IsString({ message: 'MEDIA_S3_ACCESS_KEY_ID is required when MEDIA_S3_BUCKET is set' })
  MEDIA_S3_ACCESS_KEY_ID?: string;

  @ValidateIf((c: AppConfig) => c.MEDIA_S3_BUCKET !== undefined || c.MEDIA_S3_SECRET_ACCESS_KEY !== undefined)
  @IsString({ message: 'MEDIA_S3_SECRET_ACCESS_KEY is required when MEDIA_S3_BUCKET is set' })
  MEDIA_S3_SECRET_ACCESS_KEY?: string;

  /**
   * Key of the signed media URLs (Instagram fetches media through them). Unset, a key derived
   * from CHANNEL_SECRETS_KEY is used, so every instance of one deployment signs alike.
   */
  @ValidateIf((c: AppConfig) => c.MEDIA_URL_KEY !== undefined)
  @IsString()
  @MinLength(32, { message: 'MEDIA_URL_KEY must be at least 32 characters' })
  MEDIA_URL_KEY?: string;

  /** How long a signed media URL works, by default. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  MEDIA_URL_TTL_SECONDS = 900;
  /**
   * OAuth clients of the social networks (see README "Connecting social accounts"). A network
   * whose client id is unset cannot be connected by OAuth; its secret is required with it.
   */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  LINKEDIN_CLIENT_ID?: string;

  @ValidateIf((c: AppConfig) => c.LINKEDIN_CLIENT_ID !== undefined)
  @IsString({ message: 'LINKEDIN_CLIENT_SECRET is required when LINKEDIN_CLIENT_ID is set' })
  LINKEDIN_CLIENT_SECRET?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  META_APP_ID?: string;

  @ValidateIf((c: AppConfig) => c.META_APP_ID !== undefined)
  @IsString({ message: 'META_APP_SECRET is required when META_APP_ID is set' })
  META_APP_SECRET?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  X_CLIENT_ID?: string;

  @ValidateIf((c: AppConfig) => c.X_CLIENT_ID !== undefined)
  @IsString({ message: 'X_CLIENT_SECRET is required when X_CLIENT_ID is set' })
  X_CLIENT_SECRET?: string;

  /** LinkedIn's OAuth 2.0 base: `<base>/authorization` (browser) and `<base>/accessToken`. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  LINKEDIN_OAUTH_URL = 'https://www.linkedin.com/oauth/v2';

  /** Meta's login dialog base: `<base>/dialog/oauth` (the code exchange is on the Graph API). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  META_OAUTH_URL = 'https://www.facebook.com/v21.0';

  /** X's authorize page base: `<base>/authorize` (the token endpoint is `X_API_URL/2/oauth2/token`). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  X_OAUTH_URL = 'https://x.com/i/oauth2';

  /** How often a worker refreshes channel tokens that expire within their network's window. */
  @Transform(toInt)
  @IsInt()
  @Min(10000)
  TOKEN_REFRESH_INTERVAL_MS = 15 * 60 * 1000;
  /**
   * Outgoing mail server as `smtp://user:pass@host:port` (`smtps://` for implicit TLS). Unset:
   * no e-mail is sent (password reset links and notifications by e-mail are off; in-app works).
   */
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  @IsOptional()
  SMTP_URL?: string;

  /** The sender of every e-mail, e.g. `Preclear <preclear@bank.example>`. */
  @IsString()
  @MinLength(3)
  @MaxLength(320)
  MAIL_FROM = 'Preclear <preclear@localhost>';

  /** UTC hour (0-23) of the daily digest for members without a time zone. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  NOTIFICATION_DIGEST_HOUR = 7;

  /** How often a worker looks for notification deliveries that are due (the outbox poll). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  NOTIFICATION_POLL_MS = 5000;

  /** Tries per e-mail or Teams/Slack message before it is given up (backoff doubles from 30 s). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  NOTIFICATION_MAX_ATTEMPTS = 6;

  /** First retry delay of a failed notification delivery; each next one doubles. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  NOTIFICATION_BACKOFF_MS = 30000;

  /** Password reset e-mails one client address may ask for within PASSWORD_RESET_WINDOW_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_ADDRESS_LIMIT = 20;

  /** Password reset e-mails sent to one address within PASSWORD_RESET_WINDOW_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_ACCOUNT_LIMIT = 3;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_WINDOW_SECONDS = 3600;

  /** Directory of the jurisdiction packs. */
  @IsString()
  JURISDICTIONS_DIR = 'jurisdictions';

  /** The restricted connection of the request and worker pool (see DATABASE_APP_URL). */
  get appDatabaseUrl(): string {
    if (this.DATABASE_APP_URL) return this.DATABASE_APP_URL;
    const url = new URL(this.DATABASE_URL);
    url.username = 'preclear_app';
    url.password = '';
    return url.toString();
  }

  /** Base URL of the API, used in the OpenAPI document and feed links when PUBLIC_URL is unset. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }
}

/** Optional variables without a default (absent from `new AppConfig()`'s keys). */
const OPTIONAL_MEDIA_VARS = [
  'MEDIA_S3_BUCKET',
  'MEDIA_S3_ENDPOINT',
  'MEDIA_S3_ACCESS_KEY_ID',
  'MEDIA_S3_SECRET_ACCESS_KEY',
  'MEDIA_URL_KEY',
];
/** Unset by default, so not among the keys of a fresh AppConfig. */
const OPTIONAL_OAUTH_KEYS = [
  'LINKEDIN_CLIENT_ID',
  'LINKEDIN_CLIENT_SECRET',
  'META_APP_ID',
  'META_APP_SECRET',
  'X_CLIENT_ID',
  'X_CLIENT_SECRET',
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates an environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const config = plainToInstance(AppConfig, setVariables(env), { exposeDefaultValues: true });
  const problems = [...fieldProblems(config), ...crossFieldProblems(config)];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The variables Preclear reads that are set and not empty (an empty value means "use the default"). */
function setVariables(env: Record<string, string | undefined>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const key of [
    ...Object.keys(new AppConfig()),
    'PUBLIC_URL',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'JWT_SECRET',
    'CHANNEL_SECRETS_KEY',
    'DATABASE_APP_URL',
    'AUDIT_SIGNING_KEY',
    ...OPTIONAL_MEDIA_VARS,
    ...OPTIONAL_OAUTH_KEYS,
    'SMTP_URL',
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  return raw;
}

/** Each variable against its own constraints; secrets are named but never shown. */
function fieldProblems(config: AppConfig): string[] {
  return validateSync(config, { whitelist: false }).map((e) => {
    const shown = /SECRET|PASSWORD|KEY|DATABASE_APP_URL|SMTP_URL/.test(e.property)
      ? '(hidden)'
      : JSON.stringify(e.value);
    return `${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
  });
}

/** Rules that involve more than one variable, or a parse class-validator cannot express. */
function crossFieldProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  if (typeof config.TRUST_PROXY === 'string' && !isProxyList(config.TRUST_PROXY)) {
    problems.push(
      `TRUST_PROXY=${JSON.stringify(config.TRUST_PROXY)}: must be false, a number of hops, or comma-separated ` +
        'proxy addresses / CIDRs (loopback, 10.0.0.0/8)',
    );
  }
  problems.push(...adminPasswordProblems(config));
  if (config.PUBLISH_LEASE_MS < 2 * config.WEBHOOK_TIMEOUT_MS) {
    problems.push(
      `PUBLISH_LEASE_MS=${config.PUBLISH_LEASE_MS}: must be at least twice WEBHOOK_TIMEOUT_MS (${config.WEBHOOK_TIMEOUT_MS})`,
    );
  }
  if (config.AUDIT_SIGNING_KEY !== undefined) {
    try {
      parseSigningKey(config.AUDIT_SIGNING_KEY);
    } catch (error) {
      problems.push(`AUDIT_SIGNING_KEY=(hidden): ${(error as Error).message}`);
    }
  }
  for (const problem of AllowedHosts.parse(config.WEBHOOK_ALLOWED_HOSTS).problems) {
    problems.push(`WEBHOOK_ALLOWED_HOSTS: ${problem}`);
  }
  return problems;
}

/** The bootstrap admin's password follows the same rules as every account's. */
function adminPasswordProblems(config: AppConfig): string[] {
  if (!config.ADMIN_EMAIL) return [];
  if (!config.ADMIN_PASSWORD) return ['ADMIN_PASSWORD: required when ADMIN_EMAIL is set'];
  if (config.ADMIN_PASSWORD.length < MIN_PASSWORD_LENGTH) return [];
  const context = passwordContext(config.ADMIN_EMAIL, 'Administrator', config.ADMIN_WORKSPACE);
  const weakness = passwordWeakness(config.ADMIN_PASSWORD, context);
  return weakness
    ? [`ADMIN_PASSWORD=(hidden): too easy to guess (${weakness}); the same password rules as for every account apply`]
    : [];
}
