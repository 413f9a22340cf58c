import { FakeServer, fetchBytes, formOf, type FakeReply, type RecordedRequest } from './fake-server';

/** A Graph API error body as Meta documents it. */
export function graphError(code: number, message: string, status = 400, subcode?: number): FakeReply {
  return {
    status,
    body: {
      error: {
        message,
        type: code === 190 ? 'OAuthException' : 'GraphMethodException',
        code,
        ...(subcode ? { error_subcode: subcode } : {}),
        fbtrace_id: 'AbCdEf',
      },
    },
  };
}

interface FbPost {
  id: string;
  message: string;
  link: string | null;
  photos: number;
  created: number;
}
interface IgContainer {
  id: string;
  caption: string;
  children: string[];
  polls: number;
  status: 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR';
}
interface IgMedia {
  id: string;
  caption: string;
  items: number;
  created: number;
}

/**
 * Meta's Graph API for one Facebook Page and one Instagram business account, as documented
 * (versioned paths, form bodies, `access_token`, error objects with codes, cursor paging):
 * Page `/feed`, `/photos`, `/published_posts`; Instagram `/media` containers with a status
 * that turns FINISHED after `pollsUntilFinished` reads, `/media_publish`,
 * `/content_publishing_limit`, `/media`. Image URLs are fetched like Meta fetches them.
 */
export class MetaGraphFake {
  readonly server: FakeServer;
  readonly posts: FbPost[] = [];
  readonly containers = new Map<string, IgContainer>();
  readonly media: IgMedia[] = [];
  private unpublishedPhotos = new Set<string>();
  private next = 1000;
  pollsUntilFinished = 1;
  quotaUsage = 0;
  /** What the read-back shows instead of the stored text (the network rewrote it). */
  rewrite: ((text: string) => string) | null = null;
  /** Read-backs show no photos (the network dropped them). */
  dropPhotos = false;

  constructor(
    readonly pageId: string,
    readonly igUserId: string,
    readonly pageToken: string,
    readonly igToken: string,
    readonly version = 'v21.0',
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

  /** Requests that create something visible: a Page post or photo, an Instagram publish. */
  creates(): RecordedRequest[] {
    return this.server.requests.filter(
      (r) =>
        r.method === 'POST' &&
        (r.path.endsWith(`/${this.pageId}/feed`) ||
          (r.path.endsWith(`/${this.pageId}/photos`) && formOf(r).get('published') !== 'false') ||
          r.path.endsWith('/media_publish')),
    );
  }

  private id(): string {
    return String(this.next++);
  }

  private async handle(req: RecordedRequest): Promise<FakeReply> {
    const prefix = `/${this.version}/`;
    if (!req.path.startsWith(prefix)) return graphError(2500, 'Unknown path components', 400);
    const parts = req.path.slice(prefix.length).split('/');
    const params = req.method === 'POST' ? formOf(req) : req.query;
    const [node, edge] = parts;
    const instagram = node === this.igUserId || this.containers.has(node) || this.media.some((m) => m.id === node);
    if (params.get('access_token') !== (instagram ? this.igToken : this.pageToken)) {
      return graphError(
        190,
        'Error validating access token: The session has been invalidated because the user changed their password.',
        400,
        460,
      );
    }
    if (req.method === 'POST' && node === this.pageId && edge === 'feed') return this.createPost(params);
    if (req.method === 'POST' && node === this.pageId && edge === 'photos') return this.createPhoto(params);
    if (req.method === 'GET' && node === this.pageId && edge === 'published_posts') return this.listPosts(params);
    if (req.method === 'GET' && node === this.igUserId && edge === 'content_publishing_limit') {
      return {
        status: 200,
        body: { data: [{ quota_usage: this.quotaUsage, config: { quota_total: 100, quota_duration: 86400 } }] },
      };
    }
    if (req.method === 'POST' && node === this.igUserId && edge === 'media') return this.createContainer(params);
    if (req.method === 'POST' && node === this.igUserId && edge === 'media_publish') {
      return this.publishContainer(params);
    }
    if (req.method === 'GET' && node === this.igUserId && edge === 'media') return this.listMedia(params);
    if (req.method === 'GET' && edge === undefined) return this.readNode(node);
    return graphError(100, 'Unsupported request', 400, 33);
  }

  private createPost(params: URLSearchParams): FakeReply {
    const attached = [...params.keys()].filter((k) => k.startsWith('attached_media['));
    for (const key of attached) {
      const fbid = (JSON.parse(params.get(key) ?? '{}') as { media_fbid?: string }).media_fbid;
      if (!fbid || !this.unpublishedPhotos.has(fbid)) return graphError(100, 'Invalid attached media', 400);
    }
    const id = `${this.pageId}_${this.id()}`;
    this.posts.unshift({
      id,
      message: params.get('message') ?? '',
      link: params.get('link'),
      photos: attached.length,
      created: Date.now(),
    });
    return { status: 200, body: { id } };
  }

  private async createPhoto(params: URLSearchParams): Promise<FakeReply> {
    const url = params.get('url');
    if (!url || !(await fetchBytes(url))) return graphError(324, 'Missing or invalid image file', 400);
    const photoId = this.id();
    if (params.get('published') === 'false') {
      this.unpublishedPhotos.add(photoId);
      return { status: 200, body: { id: photoId } };
    }
    const postId = `${this.pageId}_${this.id()}`;
    this.posts.unshift({
      id: postId,
      message: params.get('caption') ?? '',
      link: null,
      photos: 1,
      created: Date.now(),
    });
    return { status: 200, body: { id: photoId, post_id: postId } };
  }

  private shownPost(post: FbPost): Record<string, unknown> {
    const attachments: Record<string, unknown>[] = [];
    if (post.link) {
      attachments.push({
        type: 'share',
        url: `https://l.facebook.com/l.php?u=${encodeURIComponent(post.link)}`,
        unshimmed_url: post.link,
      });
    }
    const photos = this.dropPhotos ? 0 : post.photos;
    if (photos === 1) attachments.push({ type: 'photo', url: `https://www.facebook.com/photo/?fbid=${post.id}` });
    if (photos > 1) {
      attachments.push({
        type: 'album',
        subattachments: { data: Array.from({ length: photos }, () => ({ type: 'photo' })) },
      });
    }
    return {
      id: post.id,
      message: this.rewrite ? this.rewrite(post.message) : post.message,
      permalink_url: `https://www.facebook.com/${post.id.replace('_', '/posts/')}`,
      created_time: new Date(post.created).toISOString().replace('Z', '+0000'),
      ...(attachments.length ? { attachments: { data: attachments } } : {}),
    };
  }

  /** Cursor paging as the Graph API does it: `paging.cursors` and a `next` URL while more remain. */
  private page<T>(items: T[], params: URLSearchParams, path: string, show: (item: T) => unknown): FakeReply {
    const limit = Math.min(Number(params.get('limit') ?? '25'), 100);
    const after = Number(params.get('after') ?? '0');
    const slice = items.slice(after, after + limit);
    const nextParams = new URLSearchParams(params);
    nextParams.set('after', String(after + limit));
    return {
      status: 200,
      body: {
        data: slice.map(show),
        paging: {
          cursors: { before: String(after), after: String(after + limit) },
          ...(after + limit < items.length
            ? { next: `${this.url}/${this.version}/${path}?${nextParams.toString()}` }
            : {}),
        },
      },
    };
  }

  private listPosts(params: URLSearchParams): FakeReply {
    return this.page(this.posts, params, `${this.pageId}/published_posts`, (p) => this.shownPost(p));
  }

  private async createContainer(params: URLSearchParams): Promise<FakeReply> {
    const id = `1789${this.id()}`;
    if (params.get('media_type') === 'CAROUSEL') {
      const children = (params.get('children') ?? '').split(',').filter(Boolean);
      if (children.some((c) => !this.containers.has(c))) return graphError(100, 'Invalid children', 400);
      this.containers.set(id, { id, caption: params.get('caption') ?? '', children, polls: 0, status: 'IN_PROGRESS' });
      return { status: 200, body: { id } };
    }
    const imageUrl = params.get('image_url');
    if (!imageUrl || !(await fetchBytes(imageUrl))) {
      return graphError(9004, "Media download has failed. The media URI doesn't meet our requirements.", 400, 2207052);
    }
    this.containers.set(id, {
      id,
      caption: params.get('caption') ?? '',
      children: [],
      polls: 0,
      status: 'IN_PROGRESS',
    });
    return { status: 200, body: { id } };
  }

  private publishContainer(params: URLSearchParams): FakeReply {
    const container = this.containers.get(params.get('creation_id') ?? '');
    if (!container) return graphError(100, 'Invalid creation_id', 400);
    if (container.status !== 'FINISHED') return graphError(9007, 'Media ID is not available', 400, 2207027);
    container.status = 'PUBLISHED';
    const id = `1790${this.id()}`;
    this.media.unshift({
      id,
      caption: container.caption,
      items: Math.max(1, container.children.length),
      created: Date.now(),
    });
    return { status: 200, body: { id } };
  }

  private shownMedia(media: IgMedia): Record<string, unknown> {
    return {
      id: media.id,
      caption: this.rewrite ? this.rewrite(media.caption) : media.caption,
      media_type: media.items > 1 ? 'CAROUSEL_ALBUM' : 'IMAGE',
      permalink: `https://www.instagram.com/p/${media.id}/`,
      timestamp: new Date(media.created).toISOString().replace('Z', '+0000'),
      ...(media.items > 1
        ? { children: { data: Array.from({ length: media.items }, (_, i) => ({ id: `${media.id}${i}` })) } }
        : {}),
    };
  }

  private listMedia(params: URLSearchParams): FakeReply {
    return this.page(this.media, params, `${this.igUserId}/media`, (m) => this.shownMedia(m));
  }

  private readNode(node: string): FakeReply {
    const container = this.containers.get(node);
    if (container) {
      container.polls += 1;
      if (container.status === 'IN_PROGRESS' && container.polls >= this.pollsUntilFinished) {
        container.status = 'FINISHED';
      }
      return {
        status: 200,
        body: {
          id: container.id,
          status_code: container.status,
          status: container.status === 'FINISHED' ? 'Finished: Media has been uploaded' : 'In Progress',
        },
      };
    }
    const post = this.posts.find((p) => p.id === node);
    if (post) return { status: 200, body: this.shownPost(post) };
    const media = this.media.find((m) => m.id === node);
    if (media) return { status: 200, body: this.shownMedia(media) };
    return graphError(100, `Unsupported get request. Object with ID '${node}' does not exist`, 400, 33);
  }
}
