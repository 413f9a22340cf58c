import { Inject, Injectable } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  TwitterApi,
  type TweetV2,
  type TwitterApiReadWrite,
} from 'twitter-api-v2';
import { DestinationGuard } from '../../common/net/destination-guard';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { AdapterResult, FindResult, LivePost, NetworkAdapter, PublishRequest } from './channel-adapter';
import { composedText } from './social/compose';
import { xFailure, type FailedResult } from './social/network-errors';
import { matchesApproved } from './social/recent-posts';
import { Clock } from '../../common/clock/clock';
import { pinnedLookup } from '../../common/net/pinned-lookup';

/** The library's built-in base URLs, replaced by X_API_URL on every request. */
const LIBRARY_BASES = ['https://api.x.com/', 'https://api.twitter.com/'];
const TWEET_FIELDS = ['entities', 'attachments', 'created_at', 'note_tweet'] as const;
const FIND_PAGES = 3;

/**
 * X through API v2 with the maintained `twitter-api-v2` client: media upload v2
 * (`/2/media/upload/initialize|append|finalize`), alt text through media metadata, then
 * `POST /2/tweets`. The secret is an OAuth 2.0 user access token; the account id the X user id.
 * Each call builds a client whose socket goes to the address the SSRF guard checked for
 * X_API_URL, and whose request URLs are rewritten from the library's to X_API_URL.
 */
@Injectable()
export class XAdapter implements NetworkAdapter {
  readonly kind = 'x';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly guard: DestinationGuard,
    private readonly clock: Clock,
  ) {}

  private async client(token: string): Promise<TwitterApiReadWrite | FailedResult> {
    const base = new URL(this.config.X_API_URL);
    const destination = await this.guard.destinationForSend(base);
    if (destination.kind === 'unresolved') return { outcome: 'retryable_failure', error: 'dns_failed' };
    if (destination.kind === 'refused') return { outcome: 'permanent_failure', error: 'destination_refused' };
    const options = { lookup: pinnedLookup(destination.address), keepAlive: false };
    const httpAgent = base.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    const prefix = this.config.X_API_URL.replace(/\/+$/, '') + '/';
    const timeout = this.config.SOCIAL_API_TIMEOUT_MS;
    return new TwitterApi(token, {
      httpAgent: httpAgent as https.Agent,
      plugins: [
        {
          onBeforeRequestConfig: ({ params }) => {
            for (const library of LIBRARY_BASES) {
              if (params.url.startsWith(library)) params.url = prefix + params.url.slice(library.length);
            }
            params.timeout = timeout;
          },
        },
      ],
    }).readWrite;
  }

  async publish(request: PublishRequest): Promise<AdapterResult> {
    const { secret: token } = request.target;
    if (!token) return { outcome: 'reconnect_needed', error: 'x: no access token' };
    const client = await this.client(token);
    if (!('v2' in client)) return client;
    const mediaIds: string[] = [];
    try {
      for (const media of request.attachments) {
        const id = await client.v2.uploadMedia(await media.read(), {
          media_type: media.mimeType as never,
          media_category: media.kind === 'video' ? 'tweet_video' : 'tweet_image',
        });
        if (media.altText) await client.v2.createMediaMetadata(id, { alt_text: { text: media.altText } });
        mediaIds.push(id);
      }
    } catch (error) {
      // Uploaded media is invisible until a post uses it: a failure here never published anything.
      const failed = failureOf(error, this.clock.now());
      return failed.outcome === 'unknown' ? { ...failed, outcome: 'retryable_failure' } : failed;
    }
    try {
      const media = mediaIds.length > 0 ? { media: { media_ids: mediaIds as [string] } } : {};
      const { data } = await client.v2.tweet({ text: composedText(request), ...media });
      return { outcome: 'success', externalId: data.id, httpStatus: 201, permalink: permalinkOf(data.id) };
    } catch (error) {
      return failureOf(error, this.clock.now());
    }
  }

  approvedText(request: PublishRequest): string {
    return composedText(request);
  }

  async readBack(request: PublishRequest, externalId: string): Promise<LivePost | null> {
    const client = request.target.secret ? await this.client(request.target.secret) : null;
    if (!client || !('v2' in client)) return null;
    try {
      const { data } = await client.v2.singleTweet(externalId, { 'tweet.fields': [...TWEET_FIELDS] });
      return livePost(data);
    } catch {
      return null;
    }
  }

  async findExisting(request: PublishRequest): Promise<FindResult> {
    const { secret: token, accountId } = request.target;
    if (!token || !accountId) return { kind: 'unavailable', error: 'x: no user id or access token' };
    const client = await this.client(token);
    if (!('v2' in client)) return { kind: 'unavailable', error: client.error };
    const approved = { body: composedText(request), links: request.links, mediaCount: request.attachments.length };
    try {
      const timeline = await client.v2.userTimeline(accountId, {
        max_results: 20,
        'tweet.fields': [...TWEET_FIELDS],
        exclude: ['replies', 'retweets'],
      });
      let searched = 0;
      for (let page = 0; page < FIND_PAGES; page++) {
        const tweets = timeline.tweets.slice(searched);
        searched += tweets.length;
        const found = tweets.map((t) => livePost(t)).find((post) => matchesApproved(approved, post));
        if (found) return { kind: 'found', post: found };
        if (timeline.done || tweets.length === 0) break;
        await timeline.fetchNext();
      }
      return { kind: 'absent', searched };
    } catch (error) {
      return { kind: 'unavailable', error: failureOf(error, this.clock.now()).error };
    }
  }
}

/** The library's errors as outcomes: an HTTP answer by X's rules; no answer after sending is unknown. */
function failureOf(error: unknown, now: Date): FailedResult {
  if (error instanceof ApiResponseError) {
    return xFailure(error.code, error.headers, error.data, JSON.stringify(error.data ?? {}), now);
  }
  if (error instanceof ApiPartialResponseError) {
    return { outcome: 'unknown', error: 'connection_lost', httpStatus: error.response.statusCode };
  }
  if (error instanceof ApiRequestError) {
    return { outcome: 'unknown', error: /timeout/i.test(error.requestError.message) ? 'timeout' : 'connection_lost' };
  }
  return { outcome: 'unknown', error: 'call_failed' };
}

/** X's address of a post that works without knowing the account's handle. */
export function permalinkOf(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

/**
 * X shows links as t.co addresses; `entities.urls` gives each one's `expanded_url`, and the
 * t.co link of attached media (`media_key` set) is not part of the wording. A long post's full
 * text is in `note_tweet`.
 */
function livePost(tweet: TweetV2): LivePost {
  const entities = tweet.note_tweet?.entities ?? tweet.entities;
  let text = tweet.note_tweet?.text ?? tweet.text;
  const links: string[] = [];
  for (const url of entities?.urls ?? []) {
    const isMedia = Boolean((url as { media_key?: string }).media_key);
    text = text.replace(url.url, isMedia ? '' : url.expanded_url);
    if (!isMedia) links.push(url.expanded_url);
  }
  return {
    externalId: tweet.id,
    permalink: permalinkOf(tweet.id),
    text: text.trim(),
    links,
    mediaCount: tweet.attachments?.media_keys?.length ?? 0,
    raw: tweet,
  };
}
