import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/preclear',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RUN_WORKERS: true,
      DEMO: false,
      ADMIN_WORKSPACE: 'Default',
    });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('names each bad variable', () => {
    const attempt = (): unknown =>
      loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', RUN_WORKERS: 'maybe', DATABASE_URL: 'mysql://x/y' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'REDIS_URL', 'RUN_WORKERS', 'DATABASE_URL']) expect(message).toContain(`${name}=`);
    }
  });

  it('requires a JWT_SECRET and a CHANNEL_SECRETS_KEY of at least 32 characters in production, and hides them in errors', () => {
    const keys = {
      JWT_SECRET: 'x'.repeat(40),
      CHANNEL_SECRETS_KEY: 'y'.repeat(40),
      AUDIT_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(() => loadConfig({ NODE_ENV: 'production', CHANNEL_SECRETS_KEY: keys.CHANNEL_SECRETS_KEY })).toThrow(
      /JWT_SECRET/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: keys.JWT_SECRET })).toThrow(/CHANNEL_SECRETS_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET=\(hidden\)/);
    expect(loadConfig({ NODE_ENV: 'production', ...keys }).JWT_SECRET).toHaveLength(40);
  });

  it('requires a valid Ed25519 AUDIT_SIGNING_KEY in production and never shows it', () => {
    const keys = { JWT_SECRET: 'x'.repeat(40), CHANNEL_SECRETS_KEY: 'y'.repeat(40) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys })).toThrow(/AUDIT_SIGNING_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, AUDIT_SIGNING_KEY: 'secret-but-too-short' })).toThrow(
      /AUDIT_SIGNING_KEY=\(hidden\): must be 32 bytes/,
    );
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'secret-but-too-short' })).not.toThrow(/secret-but-too-short/);
    const seed = Buffer.alloc(32, 9);
    expect(
      loadConfig({ NODE_ENV: 'production', ...keys, AUDIT_SIGNING_KEY: seed.toString('hex') }).AUDIT_SIGNING_KEY,
    ).toBe(seed.toString('hex'));
    expect(loadConfig({ NODE_ENV: 'production', ...keys, AUDIT_SIGNING_KEY: seed.toString('base64') }).NODE_ENV).toBe(
      'production',
    );
  });

  it('derives the restricted app connection from DATABASE_URL unless DATABASE_APP_URL is given', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://owner:pw@db.internal:5432/preclear' }).appDatabaseUrl).toBe(
      'postgres://preclear_app@db.internal:5432/preclear',
    );
    expect(loadConfig({ DATABASE_APP_URL: 'postgres://app:pw@db.internal/preclear' }).appDatabaseUrl).toBe(
      'postgres://app:pw@db.internal/preclear',
    );
  });

  it('needs a password with an admin e-mail and honours booleans and PUBLIC_URL', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.test' })).toThrow(/ADMIN_PASSWORD/);
    const config = loadConfig({ RUN_WORKERS: 'false', DEMO: '1', PUBLIC_URL: 'https://preclear.bank.example/' });
    expect(config.RUN_WORKERS).toBe(false);
    expect(config.DEMO).toBe(true);
    expect(config.publicUrl).toBe('https://preclear.bank.example');
  });

  it('refuses an ADMIN_PASSWORD shorter than 12 characters or easy to guess, without showing it', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.test', ADMIN_PASSWORD: 'short-pw' })).toThrow(
      /ADMIN_PASSWORD=\(hidden\).*12 characters/,
    );
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.test', ADMIN_PASSWORD: 'password1234' })).toThrow(
      /ADMIN_PASSWORD=\(hidden\): too easy to guess \(common\)/,
    );
    expect(loadConfig({ ADMIN_EMAIL: 'a@b.test', ADMIN_PASSWORD: 'violet-harbour-cactus-97' }).ADMIN_PASSWORD).toBe(
      'violet-harbour-cactus-97',
    );
  });

  it('trusts no proxy by default, and accepts hop counts and proxy address lists for TRUST_PROXY', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '999.1.1.1' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '::1, fd00::/8' }).TRUST_PROXY).toBe('::1, fd00::/8');
  });

  it('takes the login budgets per address and per account', () => {
    expect(loadConfig({})).toMatchObject({
      LOGIN_ADDRESS_LIMIT: 30,
      LOGIN_ACCOUNT_LIMIT: 10,
      LOGIN_RATE_WINDOW_SECONDS: 300,
    });
    expect(() => loadConfig({ LOGIN_ACCOUNT_LIMIT: '0' })).toThrow(/LOGIN_ACCOUNT_LIMIT/);
  });
});

describe('WEBHOOK_ALLOWED_HOSTS', () => {
  it('is empty by default and accepts host names, wildcards, IPs and CIDR ranges', () => {
    expect(loadConfig({}).WEBHOOK_ALLOWED_HOSTS).toBe('');
    expect(
      loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'hooks.bank.internal, *.corp.bank, 127.0.0.1,10.20.0.0/16,fd00::/8,::1' })
        .WEBHOOK_ALLOWED_HOSTS,
    ).toContain('fd00::/8');
  });

  it('refuses at start every entry that is none of these, naming each', () => {
    expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'ok.bank,10.0.0.0/33,http://x.bank/,bad_host!' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'ok.bank,10.0.0.0/33,http://x.bank/,bad_host!' });
    } catch (error) {
      const message = (error as Error).message;
      for (const entry of ['"10.0.0.0/33"', '"http://x.bank/"', '"bad_host!"']) expect(message).toContain(entry);
      expect(message).not.toContain('"ok.bank"');
    }
  });

  it('takes an SMTP_URL, and names a bad one without showing its password', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://mailer:s3cret@mail.bank.example:587' }).SMTP_URL).toBe(
      'smtp://mailer:s3cret@mail.bank.example:587',
    );
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
    const attempt = (): unknown =>
      loadConfig({ SMTP_URL: 'http://mailer:s3cret@mail.bank.example', NOTIFICATION_DIGEST_HOUR: '24' });
    expect(attempt).toThrow(/SMTP_URL=\(hidden\)/);
    expect(attempt).toThrow(/NOTIFICATION_DIGEST_HOUR/);
    expect(attempt).not.toThrow(/s3cret/);
  });
});
