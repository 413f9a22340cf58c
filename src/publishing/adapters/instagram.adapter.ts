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
import { composedText, linksOf } from './social/compose';
import { graphFailure, lostCall, type FailedResult } from './social/network-errors';
import { apiUrl, NetworkHttp, type NetworkResponse } from './social/network-http';
import { findInPages, matchesApproved } from './social/recent-posts';
import { Clock } from '../../common/clock/clock';

const MEDIA_FIELDS = 'id,caption,permalink,media_type,timestamp,children{id}';
const FIND_PAGES = 3;
/** How long a media URL handed to Instagram stays valid: it fetches at container creation, well within this. */
const MEDIA_URL_TTL_SECONDS = 3600;
/** Instagram's quota is a rolling 24 hours; a full account is looked at again in an hour. */
const QUOTA_RETRY_MS = 60 * 60_000;
/**
 * Container processing: checked this often, this many times (Meta:
 * at most once a minute for up to five minutes in production).
 */
const STATUS_POLL_MS = 1000;
const STATUS_POLLS = 30;
/** Instagram allows up to ten items in a carousel. */
const CAROUSEL_MAX = 10;

interface IgMedia {
  id: string;
  caption?: string;
  permalink?: string;
  media_type?: string;
  children?: { data?: { id: string }[] };
}

/**
 * An Instagram business account through the Graph API's content publishing: a media
 * container per image (Instagram fetches `image_url`, the media's short-lived signed URL), its
 * status polled until FINISHED, then `media_publish`. The account's `content_publishing_limit`
 * is read first instead of assuming a quota. Instagram has no text-only posts.
 */
@Injectable()
export class InstagramAdapter implements NetworkAdapter {
  readonly kind = 'instagram';

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: NetworkHttp,
  ) {}

  private url(path: string, query: Record<string, string> = {}): URL {
    return apiUrl(this.config.META_GRAPH_URL, `/${this.config.META_GRAPH_VERSION}${path}`, query);
  }

  private post(path: string, token: string, fields: Record<string, string>): Promise<NetworkResponse> {
    return this.http.call({
      method: 'POST',
      url: this.url(path),
      body: new URLSearchParams({ ...fields, access_token: token }),
    });
  }

  async publish(request: PublishRequest): Promise<AdapterResult> {
    const { secret: token, accountId: igUserId } = request.target;
    if (!token || !igUserId) return { outcome: 'reconnect_needed', error: 'instagram: no account id or access token' };
    const images = request.attachments.filter((a) => a.kind === 'image');
    if (images.length === 0) return { outcome: 'permanent_failure', error: 'instagram_needs_an_image' };
    if (images.length > CAROUSEL_MAX) return { outcome: 'permanent_failure', error: 'instagram_too_many_images' };
    try {
      const quota = await this.quotaLeft(igUserId, token);
      if (quota !== null) return quota;
      const container = await this.createContainer(igUserId, token, images, composedText(request));
      if (typeof container !== 'string') return container;
      await request.onProgress?.(container);
      const ready = await this.waitUntilFinished(container, token);
      if (ready !== null) return ready;
      // From here a timeout is an unknown outcome: the media may be live.
      const res = await this.post(`/${igUserId}/media_publish`, token, { creation_id: container });
      if (res.status !== 200) return graphFailure(res.status, res.headers, res.json, res.text, this.clock.now());
      return {
        outcome: 'success',
        externalId: (res.json as { id?: string }).id ?? null,
        httpStatus: res.status,
        permalink: null,
      };
    } catch (error) {
      return lostCall(error);
    }
  }

  /** Null when the account may publish now; otherwise a retry at the end of Instagram's window. */
  private async quotaLeft(igUserId: string, token: string): Promise<FailedResult | null> {
    const res = await this.http.call({
      method: 'GET',
      url: this.url(`/${igUserId}/content_publishing_limit`, { fields: 'config,quota_usage', access_token: token }),
    });
    if (res.status !== 200) return graphFailure(res.status, res.headers, res.json, res.text, this.clock.now());
    const limit = (
      res.json as { data?: { quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } }[] }
    ).data?.[0];
    const total = limit?.config?.quota_total;
    if (limit?.quota_usage === undefined || total === undefined || limit.quota_usage < total) return null;
    return {
      outcome: 'retryable_failure',
      error: 'instagram_publishing_limit_reached',
      httpStatus: res.status,
      retryAt: new Date(this.clock.now().getTime() + QUOTA_RETRY_MS),
    };
  }

  /** One container, or a carousel of item containers: nothing is visible until `media_publish`. */
  private async createContainer(
    igUserId: string,
    token: string,
    images: PublishMedia[],
    caption: string,
  ): Promise<string | FailedResult> {
    if (images.length === 1) {
      return this.container(igUserId, token, {
        image_url: images[0].publicUrl(MEDIA_URL_TTL_SECONDS),
        caption,
        alt_text: images[0].altText,
      });
    }
    const children: string[] = [];
    for (const image of images) {
      const child = await this.container(igUserId, token, {
        image_url: image.publicUrl(MEDIA_URL_TTL_SECONDS),
        is_carousel_item: 'true',
        alt_text: image.altText,
      });
      if (typeof child !== 'string') return child;
      children.push(child);
    }
    return this.container(igUserId, token, { media_type: 'CAROUSEL', children: children.join(','), caption });
  }

  private async container(
    igUserId: string,
    token: string,
    fields: Record<string, string>,
  ): Promise<string | FailedResult> {
    const res = await this.post(`/${igUserId}/media`, token, fields);
    if (res.status !== 200) return graphFailure(res.status, res.headers, res.json, res.text, this.clock.now());
    const id = (res.json as { id?: string }).id;
    return id ?? { outcome: 'retryable_failure', error: 'instagram_container_without_id', httpStatus: res.status };
  }

  private async waitUntilFinished(container: string, token: string): Promise<FailedResult | null> {
    for (let poll = 0; poll < STATUS_POLLS; poll++) {
      const res = await this.http.call({
        method: 'GET',
        url: this.url(`/${container}`, { fields: 'status_code,status', access_token: token }),
      });
      if (res.status !== 200) return graphFailure(res.status, res.headers, res.json, res.text, this.clock.now());
      const status = (res.json as { status_code?: string }).status_code;
      if (status === 'FINISHED') return null;
      if (status === 'ERROR') {
        return {
          outcome: 'permanent_failure',
          error: 'instagram_container_error',
          httpStatus: res.status,
          responseExcerpt: res.text.slice(0, 200),
        };
      }
      if (status === 'EXPIRED') {
        return { outcome: 'retryable_failure', error: 'instagram_container_expired', httpStatus: res.status };
      }
      if (status === 'PUBLISHED') return null;
      await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS));
    }
    return { outcome: 'retryable_failure', error: 'instagram_container_not_ready' };
  }

  approvedText(request: PublishRequest): string {
    return composedText(request);
  }

  async readBack(request: PublishRequest, externalId: string): Promise<LivePost | null> {
    const token = request.target.secret;
    if (!token) return null;
    const res = await this.http.call({
      method: 'GET',
      url: this.url(`/${externalId}`, { fields: MEDIA_FIELDS, access_token: token }),
    });
    return res.status === 200 ? livePost(res.json as IgMedia) : null;
  }

  async findExisting(request: PublishRequest): Promise<FindResult> {
    const { secret: token, accountId: igUserId } = request.target;
    if (!token || !igUserId) return { kind: 'unavailable', error: 'instagram: no account id or access token' };
    const approved = { body: composedText(request), links: [], mediaCount: request.attachments.length };
    const container = request.resumeFrom ? await this.containerStatus(request.resumeFrom, token) : undefined;
    if (container === null) return { kind: 'unavailable', error: 'instagram: container status unreadable' };
    // A container that never reached PUBLISHED produced no media: nothing to find.
    if (container !== undefined && container !== 'PUBLISHED') return { kind: 'absent', searched: 0 };
    const listed = await findInPages(
      this.http,
      this.url(`/${igUserId}/media`, { fields: MEDIA_FIELDS, limit: '25', access_token: token }),
      FIND_PAGES,
      (page) => {
        const body = page as { data?: IgMedia[]; paging?: { next?: string } } | null;
        return {
          posts: (body?.data ?? []).map(livePost).filter((post) => matchesApproved(approved, post)),
          searched: body?.data?.length ?? 0,
          next: body?.paging?.next ?? null,
        };
      },
    );
    // PUBLISHED but not recognisable in the list (a rewritten caption): it is live; never publish it again.
    return container === 'PUBLISHED' && listed.kind === 'absent'
      ? { kind: 'unavailable', error: 'instagram: container published, media not matched' }
      : listed;
  }

  /** The container's `status_code`, or null when it cannot be read. */
  private async containerStatus(container: string, token: string): Promise<string | null> {
    try {
      const res = await this.http.call({
        method: 'GET',
        url: this.url(`/${container}`, { fields: 'status_code', access_token: token }),
      });
      const status = (res.json as { status_code?: string } | null)?.status_code;
      return res.status === 200 && status ? status : null;
    } catch {
      return null;
    }
  }
}

function livePost(media: IgMedia): LivePost {
  const text = media.caption ?? '';
  return {
    externalId: media.id,
    permalink: media.permalink ?? null,
    text,
    links: linksOf(text, []),
    mediaCount: media.media_type === 'CAROUSEL_ALBUM' ? (media.children?.data?.length ?? 0) : 1,
    raw: media,
  };
}
