import { FakeServer, jsonOf, type FakeReply, type RecordedRequest } from './fake-server';

/** An X API v2 problem body as documented. */
export function xProblem(
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): FakeReply {
  return {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: { title, detail, type: 'about:blank', status },
  };
}

interface Tweet {
  id: string;
  text: string;
  mediaKeys: string[];
  created: number;
}

/**
 * X API v2 for one user: `POST /2/tweets`, media upload v2 (`/2/media/upload/initialize`,
 * `/{id}/append` multipart, `/{id}/finalize`), `POST /2/media/metadata` (alt text),
 * `GET /2/tweets/:id` and `GET /2/users/:id/tweets` (pagination_token). As on X, links in a
 * read-back are t.co addresses with the original in `entities.urls[].expanded_url`, and a
 * post with media gets a t.co link to it at the end of its text. Every response carries the
 * x-rate-limit headers; duplicate text is refused with 403.
 */
export class XFake {
  readonly server: FakeServer;
  readonly tweets: Tweet[] = [];
  private readonly media = new Map<string, { key: string; bytes: number; finalized: boolean; alt: string | null }>();
  private next = 1_860_000_000_000_000_000n;
  rewrite: ((text: string) => string) | null = null;

  constructor(
    readonly userId: string,
    readonly token: string,
  ) {
    this.server = new FakeServer((req) => this.handle(req));
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  get url(): string {
    return this.server.url;
  }

  creates(): RecordedRequest[] {
    return this.server.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets');
  }

  private id(): string {
    this.next += 1n;
    return this.next.toString();
  }

  private handle(req: RecordedRequest): FakeReply {
    if (req.headers.authorization !== `Bearer ${this.token}`) return xProblem(401, 'Unauthorized', 'Unauthorized');
    const reply = this.route(req);
    return {
      ...reply,
      headers: {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '99',
        'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900),
        ...reply.headers,
      },
    };
  }

  private route(req: RecordedRequest): FakeReply {
    if (req.method === 'POST' && req.path === '/2/tweets') return this.createTweet(req);
    if (req.method === 'POST' && req.path === '/2/media/upload/initialize') {
      const body = jsonOf<{ media_type?: string; total_bytes?: number }>(req);
      if (!body.media_type?.startsWith('image/') || !body.total_bytes) {
        return xProblem(400, 'Invalid Request', 'media_type and total_bytes are required');
      }
      const id = this.id();
      this.media.set(id, { key: `3_${id}`, bytes: 0, finalized: false, alt: null });
      return { status: 200, body: { data: { id, media_key: `3_${id}`, expires_after_secs: 86400 } } };
    }
    const upload = /^\/2\/media\/upload\/(\d+)\/(append|finalize)$/.exec(req.path);
    if (req.method === 'POST' && upload) {
      const media = this.media.get(upload[1]);
      if (!media) return xProblem(400, 'Invalid Request', 'unknown media id');
      if (upload[2] === 'append') {
        if (!String(req.headers['content-type']).startsWith('multipart/form-data')) {
          return xProblem(400, 'Invalid Request', 'multipart/form-data expected');
        }
        media.bytes += req.body.length;
        return { status: 200, body: {} };
      }
      media.finalized = media.bytes > 0;
      return {
        status: 200,
        body: { data: { id: upload[1], media_key: media.key, size: media.bytes, expires_after_secs: 86400 } },
      };
    }
    if (req.method === 'POST' && req.path === '/2/media/metadata') {
      const body = jsonOf<{ id?: string; metadata?: { alt_text?: { text?: string } } }>(req);
      const media = this.media.get(body.id ?? '');
      if (!media) return xProblem(400, 'Invalid Request', 'unknown media id');
      media.alt = body.metadata?.alt_text?.text ?? null;
      return { status: 200, body: { data: { id: body.id, associated_metadata: body.metadata } } };
    }
    const single = /^\/2\/tweets\/(\d+)$/.exec(req.path);
    if (req.method === 'GET' && single) {
      const tweet = this.tweets.find((t) => t.id === single[1]);
      return tweet
        ? { status: 200, body: { data: this.shown(tweet) } }
        : {
            status: 200,
            body: {
              errors: [
                {
                  detail: `Could not find tweet with id: [${single[1]}].`,
                  title: 'Not Found Error',
                  type: 'https://api.twitter.com/2/problems/resource-not-found',
                },
              ],
            },
          };
    }
    if (req.method === 'GET' && req.path === `/2/users/${this.userId}/tweets`) return this.timeline(req);
    return xProblem(404, 'Not Found', `no route ${req.method} ${req.path}`);
  }

  private createTweet(req: RecordedRequest): FakeReply {
    const body = jsonOf<{ text?: string; media?: { media_ids?: string[] } }>(req);
    const text = body.text ?? '';
    if (this.tweets.some((t) => t.text === text)) {
      return xProblem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    }
    const ids = body.media?.media_ids ?? [];
    if (ids.some((id) => !this.media.get(id)?.finalized)) {
      return xProblem(400, 'Invalid Request', 'One or more parameters to your request was invalid.');
    }
    const id = this.id();
    this.tweets.unshift({ id, text, mediaKeys: ids.map((m) => this.media.get(m)!.key), created: Date.now() });
    return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
  }

  /** The post as X shows it: links shortened to t.co with their expansions, a t.co link for the media. */
  private shown(tweet: Tweet): Record<string, unknown> {
    let text = this.rewrite ? this.rewrite(tweet.text) : tweet.text;
    const urls: Record<string, unknown>[] = [];
    text = text.replace(/https?:\/\/[^\s]+/g, (link) => {
      const short = `https://t.co/${Buffer.from(link).toString('base64url').slice(0, 10)}`;
      urls.push({ url: short, expanded_url: link, display_url: link.replace(/^https?:\/\//, '').slice(0, 25) });
      return short;
    });
    if (tweet.mediaKeys.length > 0) {
      const short = `https://t.co/m${tweet.id.slice(-8)}`;
      text = `${text} ${short}`;
      urls.push({
        url: short,
        expanded_url: `https://x.com/i/web/status/${tweet.id}/photo/1`,
        display_url: 'pic.x.com/abc',
        media_key: tweet.mediaKeys[0],
      });
    }
    for (const u of urls) {
      const start = text.indexOf(u.url as string);
      Object.assign(u, { start, end: start + (u.url as string).length });
    }
    return {
      id: tweet.id,
      text,
      edit_history_tweet_ids: [tweet.id],
      created_at: new Date(tweet.created).toISOString(),
      ...(urls.length ? { entities: { urls } } : {}),
      ...(tweet.mediaKeys.length ? { attachments: { media_keys: tweet.mediaKeys } } : {}),
    };
  }

  private timeline(req: RecordedRequest): FakeReply {
    const max = Math.min(Math.max(Number(req.query.get('max_results') ?? '10'), 5), 100);
    const start = Number(req.query.get('pagination_token') ?? '0');
    const page = this.tweets.slice(start, start + max);
    const meta: Record<string, unknown> = { result_count: page.length };
    if (page.length) Object.assign(meta, { newest_id: page[0].id, oldest_id: page[page.length - 1].id });
    if (start + max < this.tweets.length) meta.next_token = String(start + max);
    return { status: 200, body: { ...(page.length ? { data: page.map((t) => this.shown(t)) } : {}), meta } };
  }
}
