// A real OpenID provider (the `oidc-provider` package, ESM-only, hence a process of its own)
// for the single sign-on tests. Its test interaction signs in the account last given to
// POST /__test/account; POST /__test/fault makes the next ID token bad in one chosen way.
import { createPrivateKey, createSign, randomUUID } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const redirectUris = JSON.parse(process.env.OIDC_REDIRECT_URIS ?? '[]');
// The parent makes the key (test/support/oidc-provider.ts), so starting here is quick.
const privateKey = createPrivateKey(process.env.OIDC_SIGNING_KEY);
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };

let account = { sub: 'nobody', email: 'nobody@example.test', email_verified: true, name: 'Nobody', groups: [] };
const accounts = new Map();
let fault = null;
let handle = (_req, res) => res.writeHead(503).end();

const server = http.createServer((req, res) => handle(req, res));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

// The issuer is the address the relying party reaches, so the provider is made once the port is known.
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'preclear',
      client_secret: 'preclear-client-secret',
      redirect_uris: redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ['oidc-test-cookie-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, id) => {
    const found = accounts.get(id);
    return found ? { accountId: id, claims: () => found } : undefined;
  },
});

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part) => JSON.parse(Buffer.from(part, 'base64url').toString());

function resign(token, change) {
  const [header, payload] = token.split('.');
  const body = `${header}.${b64(change(decode(payload)))}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
}

const FAULTS = {
  // The payload changed after signing: the signature no longer matches it.
  signature: (t) => {
    const [h, p, s] = t.split('.');
    return `${h}.${b64({ ...decode(p), email: 'mallory@evil.example' })}.${s}`;
  },
  audience: (t) => resign(t, (c) => ({ ...c, aud: 'someone-else' })),
  expired: (t) => resign(t, (c) => ({ ...c, iat: c.iat - 7200, exp: c.iat - 3600 })),
  nonce: (t) => resign(t, (c) => ({ ...c, nonce: 'not-the-nonce' })),
};

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && fault && ctx.body && typeof ctx.body.id_token === 'string') {
    ctx.body = { ...ctx.body, id_token: FAULTS[fault](ctx.body.id_token) };
    fault = null;
  }
});

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  accounts.set(account.sub, account);
  const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
  grant.addOIDCScope('openid email profile');
  grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups']);
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.sub }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

function readJson(req) {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text ? JSON.parse(text) : {}));
  });
}

const callback = provider.callback();
handle = (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/__test/account') {
    return void readJson(req).then((body) => {
      account = { email_verified: true, groups: [], ...body };
      res.writeHead(204).end();
    });
  }
  if (path === '/__test/fault') {
    return void readJson(req).then((body) => {
      fault = body.kind ?? null;
      res.writeHead(204).end();
    });
  }
  if (path.startsWith('/interaction/')) {
    return void interaction(req, res).catch((error) => res.writeHead(500).end(String(error)));
  }
  return callback(req, res);
};
// The test process holds our stdin open; when it ends (even killed), so do we.
process.stdin.on('end', () => process.exit(0)).resume();
process.stdout.write(`${JSON.stringify({ port })}\n`);
