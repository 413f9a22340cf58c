import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type {
  AdapterResult,
  FindResult,
  LivePost,
  NetworkAdapter,
  PublishMedia,
  PublishRequest,
} from './channel-adapter';
import { composeText, linksOf } from './social/compose';
import { escapeLittleText, unescapeLittleText } from './social/little-text';
import { linkedInFailure, lostCall, type FailedResult } from './social/network-errors';
import { apiUrl, NetworkHttp, type NetworkRequest, type NetworkResponse } from './social/network-http';
import { Clock } from '../../common/clock/clock';
import { findInPages, matchesApproved } from './social/recent-posts';

const FIND_PAGES = 3;
const FIND_PAGE_SIZE = 20;

interface LinkedInPost {
  id: string;
  commentary?: string;
  content?: {
    article?: { source?: string };
    media?: { id?: string };
    multiImage?: { images?: { id?: string }[] };
  };
}

/**
 * A LinkedIn organisation page through the versioned REST API: `POST /rest/posts` (the id
 * comes back in `x-restli-id`), images first through the Images API (`initializeUpload`, then
 * a PUT of the bytes to the returned upload URL). The account id is the organisation URN.
 * Commentary is LinkedIn's "little text": reserved characters are escaped so the text shows
 * exactly as approved.
 */
@Injectable()
export class LinkedInAdapter implements NetworkAdapter {
  readonly kind = 'linkedin';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: NetworkHttp,
    private readonly clock: Clock,
  ) {}

  private call(token: string, request: Omit<NetworkRequest, 'headers'>): Promise<NetworkResponse> {
    return this.http.call({
      ...request,
      headers: {
        Authorization: `Bearer ${token}`,
        'LinkedIn-Version': this.config.LINKEDIN_API_VERSION,
        'X-Restli-Protocol-Version': '2.0.0',
      },
    });
  }

  /** The text: body and every link beyond the one shown as the article card. */
  approvedText(request: PublishRequest): string {
    return request.attachments.length > 0
      ? composeText(request.body, request.links)
      : composeText(request.body, request.links.slice(1));
  }

  async publish(request: PublishRequest): Promise<AdapterResult> {
    const { secret: token, accountId: author } = request.target;
    if (!token || !author) return { outcome: 'reconnect_needed', error: 'linkedin: no organisation or access token' };
    try {
      const images: { id: string; altText: string }[] = [];
      for (const media of request.attachments.filter((a) => a.kind === 'image')) {
        const uploaded = await this.upload(token, author, media);
        if (typeof uploaded !== 'string') return uploaded;
        images.push({ id: uploaded, altText: media.altText });
      }
      const res = await this.call(token, {
        method: 'POST',
        url: apiUrl(this.config.LINKEDIN_API_URL, '/rest/posts'),
        body: {
          author,
          commentary: escapeLittleText(this.approvedText(request)),
          visibility: 'PUBLIC',
          distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
          ...content(request, images),
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
        },
      });
      if (res.status !== 201) return linkedInFailure(res.status, res.headers, res.json, res.text, this.clock.now());
      const id = typeof res.headers['x-restli-id'] === 'string' ? res.headers['x-restli-id'] : null;
      return { outcome: 'success', externalId: id, httpStatus: res.status, permalink: id ? permalinkOf(id) : null };
    } catch (error) {
      return lostCall(error);
    }
  }

  /** The image's URN once its bytes are uploaded; nothing is visible until a post uses it. */
  private async upload(token: string, owner: string, media: PublishMedia): Promise<string | FailedResult> {
    const init = await this.call(token, {
      method: 'POST',
      url: apiUrl(this.config.LINKEDIN_API_URL, '/rest/images', { action: 'initializeUpload' }),
      body: { initializeUploadRequest: { owner } },
    });
    if (init.status !== 200) return linkedInFailure(init.status, init.headers, init.json, init.text, this.clock.now());
    const value = (init.json as { value?: { uploadUrl?: string; image?: string } }).value;
    if (!value?.uploadUrl || !value.image) {
      return { outcome: 'retryable_failure', error: 'linkedin_upload_not_initialised', httpStatus: init.status };
    }
    const put = await this.call(token, { method: 'PUT', url: new URL(value.uploadUrl), body: await media.read() });
    if (put.status !== 200 && put.status !== 201) {
      return linkedInFailure(put.status, put.headers, put.json, put.text, this.clock.now());
    }
    return value.image;
  }

  async readBack(request: PublishRequest, externalId: string): Promise<LivePost | null> {
    const token = request.target.secret;
    if (!token) return null;
    const res = await this.call(token, {
      method: 'GET',
      url: apiUrl(this.config.LINKEDIN_API_URL, `/rest/posts/${encodeURIComponent(externalId)}`),
    });
    return res.status === 200 ? livePost(res.json as LinkedInPost) : null;
  }

  async findExisting(request: PublishRequest): Promise<FindResult> {
    const { secret: token, accountId: author } = request.target;
    if (!token || !author) return { kind: 'unavailable', error: 'linkedin: no organisation or access token' };
    const approved = { body: this.approvedText(request), links: request.links, mediaCount: request.attachments.length };
    // Restli 2.0 query syntax: the URN is URL-encoded inside the query string.
    const first = apiUrl(this.config.LINKEDIN_API_URL, '/rest/posts', {
      q: 'author',
      author,
      count: String(FIND_PAGE_SIZE),
      sortBy: 'LAST_MODIFIED',
    });
    const http = { call: (r: NetworkRequest) => this.call(token, r) } as NetworkHttp;
    return findInPages(http, first, FIND_PAGES, (page) => {
      const body = page as {
        elements?: LinkedInPost[];
        paging?: { start?: number; count?: number; total?: number };
      } | null;
      const elements = body?.elements ?? [];
      const start = (body?.paging?.start ?? 0) + elements.length;
      const more =
        elements.length === FIND_PAGE_SIZE && (body?.paging?.total === undefined || start < body.paging.total);
      const next = new URL(first);
      next.searchParams.set('start', String(start));
      return {
        posts: elements.map(livePost).filter((post) => matchesApproved(approved, post)),
        searched: elements.length,
        next: more ? next.toString() : null,
      };
    });
  }
}

function content(request: PublishRequest, images: { id: string; altText: string }[]): Record<string, unknown> {
  if (images.length === 1) return { content: { media: { id: images[0].id, altText: images[0].altText } } };
  if (images.length > 1) {
    return { content: { multiImage: { images: images.map((i) => ({ id: i.id, altText: i.altText })) } } };
  }
  if (request.links.length > 0) return { content: { article: { source: request.links[0], title: request.links[0] } } };
  return {};
}

export function permalinkOf(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

function livePost(post: LinkedInPost): LivePost {
  const text = unescapeLittleText(post.commentary ?? '');
  const article = post.content?.article?.source;
  const mediaCount = post.content?.multiImage?.images?.length ?? (post.content?.media?.id ? 1 : 0);
  return {
    externalId: post.id,
    permalink: permalinkOf(post.id),
    text,
    links: linksOf(text, article ? [article] : []),
    mediaCount,
    raw: post,
  };
}
