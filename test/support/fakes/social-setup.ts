import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import request from 'supertest';
import { auth, type TestApp, type TestWorkspace } from '../test-app';
import { LinkedInFake } from './linkedin-api';
import { MetaGraphFake } from './meta-graph';
import { XFake } from './x-api';

/** Account ids and tokens of the fakes' one account each. */
export const ACCOUNTS = {
  linkedin: { id: 'urn:li:organization:2414183', token: 'li-token-0123456789' },
  facebook: { id: '104857600', token: 'fb-page-token-0123456789' },
  instagram: { id: '17841400000000001', token: 'ig-token-0123456789' },
  x: { id: '1500000000000000001', token: 'x-user-token-0123456789' },
} as const;

export type Network = keyof typeof ACCOUNTS;

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A real PNG (IHDR, IDAT, IEND with CRCs) of the given size, one grey pixel repeated. */
export function fixturePng(width = 4, height = 3): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.concat(
    Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0x80)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Serves the fixture image where a media URL points (what a signed public URL would serve). */
export class ImageServer {
  readonly png = fixturePng();
  private server!: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      if (req.url?.startsWith('/media/')) {
        res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': this.png.length });
        res.end(this.png);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The four fakes and the image server, started together, with the app's env pointing at them. */
export class SocialFakes {
  linkedin = new LinkedInFake(ACCOUNTS.linkedin.id, ACCOUNTS.linkedin.token);
  meta = new MetaGraphFake(
    ACCOUNTS.facebook.id,
    ACCOUNTS.instagram.id,
    ACCOUNTS.facebook.token,
    ACCOUNTS.instagram.token,
  );
  x = new XFake(ACCOUNTS.x.id, ACCOUNTS.x.token);
  images = new ImageServer();

  async start(): Promise<this> {
    // One Graph fake serves the Page and the Instagram account; each checks its own token.
    await Promise.all([this.linkedin.start(), this.meta.start(), this.x.start(), this.images.start()]);
    return this;
  }

  env(): Record<string, string> {
    return { LINKEDIN_API_URL: this.linkedin.url, META_GRAPH_URL: this.meta.url, X_API_URL: this.x.url };
  }

  async close(): Promise<void> {
    await Promise.all([
      this.linkedin.server.close(),
      this.meta.server.close(),
      this.x.server.close(),
      this.images.close(),
    ]);
  }

  imageUrl(name = 'banner.png'): string {
    return `${this.images.url}/media/${name}`;
  }
}

/** A network channel set up with a pasted token, over HTTP. */
export async function createNetworkChannel(
  t: TestApp,
  ws: TestWorkspace,
  brandId: string,
  network: Network,
  token: string = ACCOUNTS[network].token,
): Promise<string> {
  const res = await request(t.http)
    .post(`/api/v1/workspaces/${ws.id}/channels`)
    .set(auth(ws.members.publisher))
    .send({
      name: `${network} page`,
      brandId,
      channel: network,
      adapter: network,
      account: { id: ACCOUNTS[network].id, accessToken: token },
    });
  if (res.status !== 201) throw new Error(`channel not created: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

export interface PublicationView {
  channel: string;
  status: string;
  externalId: string | null;
  permalink: string | null;
  proofStatus: string | null;
  proofDifferences: { field: string; approved: unknown; live: unknown }[] | null;
  lastError: Record<string, unknown> | null;
  attempts: { outcome: string; error: string | null; externalId: string | null }[];
}

export async function publicationsOf(t: TestApp, ws: TestWorkspace, postId: string): Promise<PublicationView[]> {
  const res = await request(t.http)
    .get(`/api/v1/workspaces/${ws.id}/posts/${postId}/publications`)
    .set(auth(ws.members.publisher))
    .expect(200);
  return (res.body as { publications: PublicationView[] }).publications;
}

/** Polls until the proof of every succeeded publication of the post is recorded. */
export async function waitForProof(
  t: TestApp,
  ws: TestWorkspace,
  postId: string,
  timeoutMs = 10_000,
): Promise<PublicationView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const publications = await publicationsOf(t, ws, postId);
    if (publications.every((p) => p.status !== 'succeeded' || p.proofStatus !== null)) return publications;
    if (Date.now() > deadline) throw new Error(`no proof recorded for ${postId}: ${JSON.stringify(publications)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
