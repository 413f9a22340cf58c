import { FakeServer, jsonOf, type FakeReply, type RecordedRequest } from './fake-server';

/** A LinkedIn REST error body as documented. */
export function linkedInError(status: number, message: string, code?: string, serviceErrorCode?: number): FakeReply {
  return {
    status,
    body: { status, message, ...(code ? { code } : {}), ...(serviceErrorCode ? { serviceErrorCode } : {}) },
  };
}

interface LiPost {
  id: string;
  author: string;
  commentary: string;
  content: Record<string, unknown> | null;
  created: number;
}

/**
 * LinkedIn's versioned REST API for one organisation: `LinkedIn-Version` (YYYYMM) and
 * `X-Restli-Protocol-Version: 2.0.0` required; Images API `initializeUpload` and the PUT of
 * the bytes; `POST /rest/posts` answering 201 with `x-restli-id`; `GET /rest/posts/{urn}`;
 * `GET /rest/posts?q=author` with start/count paging. Duplicate commentary is refused with
 * 422 DUPLICATE_POST as LinkedIn does.
 */
export class LinkedInFake {
  readonly server: FakeServer;
  readonly posts: LiPost[] = [];
  private readonly images = new Map<string, boolean>();
  private next = 7000;
  rewrite: ((text: string) => string) | null = null;

  constructor(
    readonly organization: string,
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
    return this.server.requests.filter((r) => r.method === 'POST' && r.path === '/rest/posts');
  }

  private handle(req: RecordedRequest): FakeReply {
    if (req.path.startsWith('/upload/')) return this.upload(req);
    if (!/^\d{6}$/.test(String(req.headers['linkedin-version'] ?? ''))) {
      return linkedInError(
        426,
        'A version must be present. Please specify a version by adding the LinkedIn-Version header',
        'VERSION_MISSING',
      );
    }
    if (req.headers['x-restli-protocol-version'] !== '2.0.0') {
      return linkedInError(400, 'Restli protocol version 2.0.0 is required', 'INVALID_REQUEST');
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return linkedInError(401, 'Invalid access token', 'INVALID_ACCESS_TOKEN', 65600);
    }
    if (req.method === 'POST' && req.path === '/rest/images' && req.query.get('action') === 'initializeUpload') {
      return this.initializeUpload(req);
    }
    if (req.method === 'POST' && req.path === '/rest/posts') return this.createPost(req);
    if (req.method === 'GET' && req.path === '/rest/posts' && req.query.get('q') === 'author') {
      return this.listPosts(req);
    }
    if (req.method === 'GET' && req.path.startsWith('/rest/posts/')) {
      const post = this.posts.find((p) => p.id === decodeURIComponent(req.path.slice('/rest/posts/'.length)));
      return post ? { status: 200, body: this.shown(post) } : linkedInError(404, 'Not Found', 'NOT_FOUND');
    }
    return linkedInError(404, 'Resource not found', 'NOT_FOUND');
  }

  private initializeUpload(req: RecordedRequest): FakeReply {
    const owner = jsonOf<{ initializeUploadRequest?: { owner?: string } }>(req).initializeUploadRequest?.owner;
    if (owner !== this.organization) {
      return linkedInError(403, 'Not enough permissions to access: images.initializeUpload', 'ACCESS_DENIED', 100);
    }
    const image = `urn:li:image:C4E10AQ${this.next++}`;
    this.images.set(image, false);
    return {
      status: 200,
      body: {
        value: {
          uploadUrlExpiresAt: Date.now() + 86_400_000,
          uploadUrl: `${this.url}/upload/${encodeURIComponent(image)}`,
          image,
        },
      },
    };
  }

  private upload(req: RecordedRequest): FakeReply {
    const image = decodeURIComponent(req.path.slice('/upload/'.length));
    if (req.method !== 'PUT' || !this.images.has(image) || req.body.length === 0) return { status: 400 };
    this.images.set(image, true);
    return { status: 201 };
  }

  private createPost(req: RecordedRequest): FakeReply {
    const body = jsonOf<{
      author?: string;
      commentary?: string;
      content?: Record<string, unknown>;
      lifecycleState?: string;
      visibility?: string;
      distribution?: unknown;
    }>(req);
    if (body.author !== this.organization) {
      return linkedInError(
        403,
        'Not enough permissions to access: partnerApiPostsExternal.CREATE',
        'ACCESS_DENIED',
        100,
      );
    }
    if (!body.lifecycleState || !body.visibility || !body.distribution) {
      return linkedInError(422, 'ERROR :: /lifecycleState :: field is required but not found', 'UNPROCESSABLE_ENTITY');
    }
    const ids = [
      (body.content?.media as { id?: string } | undefined)?.id,
      ...((body.content?.multiImage as { images?: { id: string }[] } | undefined)?.images?.map((i) => i.id) ?? []),
    ].filter((id): id is string => Boolean(id));
    if (ids.some((id) => this.images.get(id) !== true)) {
      return linkedInError(422, 'Image is not uploaded', 'UNPROCESSABLE_ENTITY');
    }
    if (this.posts.some((p) => p.commentary === body.commentary)) {
      return linkedInError(422, 'Content is a duplicate of urn:li:share:1', 'DUPLICATE_POST');
    }
    const id = `urn:li:share:${this.next++}`;
    this.posts.unshift({
      id,
      author: body.author,
      commentary: body.commentary ?? '',
      content: body.content ?? null,
      created: Date.now(),
    });
    return { status: 201, headers: { 'x-restli-id': id, 'x-linkedin-id': id } };
  }

  private shown(post: LiPost): Record<string, unknown> {
    return {
      id: post.id,
      author: post.author,
      commentary: this.rewrite ? this.rewrite(post.commentary) : post.commentary,
      visibility: 'PUBLIC',
      lifecycleState: 'PUBLISHED',
      createdAt: post.created,
      publishedAt: post.created,
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      ...(post.content ? { content: post.content } : {}),
    };
  }

  private listPosts(req: RecordedRequest): FakeReply {
    if (req.query.get('author') !== this.organization) {
      return linkedInError(403, 'Not enough permissions', 'ACCESS_DENIED', 100);
    }
    const start = Number(req.query.get('start') ?? '0');
    const count = Math.min(Number(req.query.get('count') ?? '10'), 100);
    return {
      status: 200,
      body: {
        elements: this.posts.slice(start, start + count).map((p) => this.shown(p)),
        paging: { start, count, links: [] },
      },
    };
  }
}
