import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { AdapterResult, FindResult, LivePost, NetworkAdapter, PublishRequest } from './channel-adapter';
import { composeText, linksOf } from './social/compose';
import { graphFailure, lostCall } from './social/network-errors';
import { apiUrl, NetworkHttp, type NetworkResponse } from './social/network-http';
import { Clock } from '../../common/clock/clock';
import { findInPages, matchesApproved } from './social/recent-posts';

const POST_FIELDS = 'id,message,permalink_url,created_time,attachments{type,url,unshimmed_url,subattachments}';
/** Recent posts looked through when a create's outcome is unknown: a page publishes far fewer between two runs. */
const FIND_PAGES = 3;

interface GraphAttachment {
  type?: string;
  url?: string;
  unshimmed_url?: string;
  subattachments?: { data?: GraphAttachment[] };
}
interface GraphPost {
  id: string;
  message?: string;
  permalink_url?: string;
  attachments?: { data?: GraphAttachment[] };
}

/**
 * A Facebook Page through the Graph API: text and link posts on `/{page-id}/feed`, one image
 * on `/{page-id}/photos`, several as unpublished photos attached to one feed post. The
 * target's secret is a Page access token, its account id the Page id.
 */
@Injectable()
export class FacebookAdapter implements NetworkAdapter {
  readonly kind = 'facebook';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: NetworkHttp,
    private readonly clock: Clock,
  ) {}

  /** The message: the body and every link but the one shown as the post's link card. */
  approvedText(request: PublishRequest): string {
    return composeText(request.body, request.links.slice(1));
  }

  private url(path: string, query: Record<string, string> = {}): URL {
    return apiUrl(this.config.META_GRAPH_URL, `/${this.config.META_GRAPH_VERSION}${path}`, query);
  }

  private async post(path: string, token: string, fields: Record<string, string>): Promise<NetworkResponse> {
    return this.http.call({
      method: 'POST',
      url: this.url(path),
      body: new URLSearchParams({ ...fields, access_token: token }),
    });
  }

  async publish(request: PublishRequest): Promise<AdapterResult> {
    const { secret: token, accountId: pageId } = request.target;
    if (!token || !pageId) return { outcome: 'reconnect_needed', error: 'facebook: no page id or access token' };
    const images = request.attachments.filter((a) => a.kind === 'image');
    const message = this.approvedText(request);
    try {
      if (images.length === 1) {
        const photo = images[0];
        const res = await this.post(`/${pageId}/photos`, token, {
          url: photo.publicUrl(),
          caption: message,
          alt_text_custom: photo.altText,
        });
        if (res.status !== 200) return graphFailure(res.status, res.headers, res.json, res.text, this.clock.now());
        const body = res.json as { id?: string; post_id?: string };
        return this.succeeded(body.post_id ?? body.id ?? null, res.status);
      }
      const fields: Record<string, string> = { message };
      if (request.links[0]) fields.link = request.links[0];
      for (const [index, image] of images.entries()) {
        // Unpublished photos appear only through the feed post that
        // attaches them: nothing is visible if that post fails.
        const res = await this.post(`/${pageId}/photos`, token, {
          url: image.publicUrl(),
          published: 'false',
          alt_text_custom: image.altText,
        });
        if (res.status !== 200) return graphFailure(res.status, res.headers, res.json, res.text, this.clock.now());
        fields[`attached_media[${index}]`] = JSON.stringify({ media_fbid: (res.json as { id: string }).id });
      }
      const res = await this.post(`/${pageId}/feed`, token, fields);
      if (res.status !== 200) return graphFailure(res.status, res.headers, res.json, res.text, this.clock.now());
      return this.succeeded((res.json as { id?: string }).id ?? null, res.status);
    } catch (error) {
      return lostCall(error);
    }
  }

  private succeeded(externalId: string | null, status: number): AdapterResult {
    return { outcome: 'success', externalId, httpStatus: status, permalink: null };
  }

  async readBack(request: PublishRequest, externalId: string): Promise<LivePost | null> {
    const token = request.target.secret;
    if (!token) return null;
    const res = await this.http.call({
      method: 'GET',
      url: this.url(`/${externalId}`, { fields: POST_FIELDS, access_token: token }),
    });
    if (res.status !== 200) return null;
    return livePost(res.json as GraphPost);
  }

  async findExisting(request: PublishRequest): Promise<FindResult> {
    const { secret: token, accountId: pageId } = request.target;
    if (!token || !pageId) return { kind: 'unavailable', error: 'facebook: no page id or access token' };
    const approved = { body: this.approvedText(request), links: request.links, mediaCount: request.attachments.length };
    return findInPages(
      this.http,
      this.url(`/${pageId}/published_posts`, { fields: POST_FIELDS, limit: '25', access_token: token }),
      FIND_PAGES,
      (page) => {
        const body = page as { data?: GraphPost[]; paging?: { next?: string } } | null;
        return {
          posts: (body?.data ?? []).map(livePost).filter((post) => matchesApproved(approved, post)),
          searched: body?.data?.length ?? 0,
          next: body?.paging?.next ?? null,
        };
      },
    );
  }
}

/** Facebook wraps links in l.facebook.com redirects; `unshimmed_url` is where they go. */
function livePost(post: GraphPost): LivePost {
  const attachments = post.attachments?.data ?? [];
  const photos = attachments
    .flatMap((a) => (a.subattachments?.data?.length ? a.subattachments.data : [a]))
    .filter((a) => a.type === 'photo');
  const shared = attachments.filter((a) => a.type === 'share').map((a) => a.unshimmed_url ?? a.url ?? '');
  const text = post.message ?? '';
  return {
    externalId: post.id,
    permalink: post.permalink_url ?? null,
    text,
    links: linksOf(text, shared.filter(Boolean)),
    mediaCount: photos.length,
    raw: post,
  };
}
