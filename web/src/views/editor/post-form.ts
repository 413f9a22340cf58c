import type { Post, Schemas } from '../../api/client';
import { MY_ZONE } from '../../app/session';

export const PRODUCT_CATEGORIES = [
  'brand',
  'deposit',
  'consumer_credit',
  'credit_card',
  'short_term_credit',
  'mortgage',
  'brokerage',
  'investment_fund',
  'advisory',
  'structured_product',
  'crypto',
  'high_risk_derivative',
  'p2p_lending',
  'insurance',
  'pension',
] as const;
export const COMMUNICATION_TYPES = ['retail', 'correspondence', 'institutional'] as const;
export const AUDIENCES = ['retail', 'professional'] as const;
export const LOCALES = ['en-US', 'en-GB', 'de-DE', 'nl-NL', 'pl-PL', 'fr-FR', 'es-ES'];

/**
 * Caption limits of each network (the same as the API's, libs/rules-engine/src/limits.ts, which
 * refuses a longer body), and how much of a caption shows before "more".
 */
export const CHANNEL_LIMITS: Record<string, { max: number; fold: number }> = {
  x: { max: 280, fold: 280 },
  linkedin: { max: 3000, fold: 210 },
  facebook: { max: 5000, fold: 480 },
  instagram: { max: 2200, fold: 125 },
  tiktok: { max: 2200, fold: 100 },
  pinterest: { max: 500, fold: 100 },
  youtube: { max: 5000, fold: 157 },
};

/** X counts every link as 23 characters, whatever its length. */
export function channelLength(channel: string, body: string, links: string[]): number {
  if (channel !== 'x') return [...body].length;
  const inBody = body.replace(/https?:\/\/\S+/g, 'x'.repeat(23));
  return [...inBody].length + links.filter((l) => !body.includes(l)).length * 24;
}

/** One image or video of the post: an upload (`mediaId`, its SHA-256) or an older description. */
export interface MediaEntry {
  mediaId?: string;
  kind: string;
  altText: string;
  url?: string;
}

export interface PostForm {
  campaignId: string;
  brandId: string;
  title: string;
  body: string;
  locale: string;
  productCategory: string;
  communicationType: string;
  audience: string;
  interactive: boolean;
  paid: boolean;
  influencer: boolean;
  /** Paid and placed through the network's own ad system, which labels it. */
  platformAd: boolean;
  channels: string[];
  jurisdictions: string[];
  links: string;
  media: MediaEntry[];
  /** Wall-clock time in `timezone`, as a datetime-local input gives it; empty = unscheduled. */
  scheduledLocal: string;
  timezone: string;
}

export function emptyForm(date?: string): PostForm {
  return {
    campaignId: '',
    brandId: '',
    title: '',
    body: '',
    locale: 'en-US',
    productCategory: 'deposit',
    communicationType: 'retail',
    audience: 'retail',
    interactive: false,
    paid: false,
    influencer: false,
    platformAd: false,
    channels: ['linkedin'],
    jurisdictions: ['US'],
    links: '',
    media: [],
    scheduledLocal: date ? `${date}T09:00` : '',
    timezone: MY_ZONE,
  };
}

export function formOf(post: Post): PostForm {
  return {
    campaignId: post.campaignId ?? '',
    brandId: post.brandId,
    title: post.title,
    body: post.body,
    locale: post.locale,
    productCategory: post.productCategory,
    communicationType: post.communicationType,
    audience: post.audience,
    interactive: post.interactive,
    paid: post.paid,
    influencer: post.influencer,
    platformAd: post.platformAd,
    channels: post.channels,
    jurisdictions: post.jurisdictions,
    links: post.links.join('\n'),
    media: post.media.map((m) => ({ mediaId: m.mediaId, kind: m.kind, altText: m.altText ?? '', url: m.url })),
    scheduledLocal: post.scheduledLocal?.slice(0, 16) ?? '',
    timezone: post.timezone,
  };
}

export function linksOf(form: PostForm): string[] {
  return form.links
    .split(/\s+/)
    .map((l) => l.trim())
    .filter(Boolean);
}

type Content = Omit<Schemas['CreatePostDto'], 'campaignId' | 'scheduledAt'>;

/**
 * The media as the API takes them. For the live check, items still without alt text are left
 * out: the check judges the text while the alt text is being written; saving names the field.
 */
export function mediaOf(form: PostForm, forCheck = false): NonNullable<Content['media']> {
  return form.media
    .filter((m) => !forCheck || m.altText.trim() !== '')
    .map((m) =>
      m.mediaId
        ? { mediaId: m.mediaId, altText: m.altText }
        : { kind: m.kind as 'image', altText: m.altText, ...(m.url ? { url: m.url } : {}) },
    );
}

/** The fields shared by create, update and the stateless check. */
export function contentOf(form: PostForm, forCheck = false): Content {
  return {
    brandId: form.brandId,
    title: form.title,
    body: form.body,
    locale: form.locale,
    productCategory: form.productCategory as Content['productCategory'],
    communicationType: form.communicationType as Content['communicationType'],
    audience: form.audience as Content['audience'],
    interactive: form.interactive,
    paid: form.paid,
    influencer: form.influencer,
    // The API refuses an unpaid platform ad; unticking paid takes the ad placement with it.
    platformAd: form.paid && form.platformAd,
    channels: form.channels as Content['channels'],
    jurisdictions: form.jurisdictions,
    links: linksOf(form),
    media: mediaOf(form, forCheck),
    timezone: form.timezone,
  };
}

export function scheduledAtOf(form: PostForm): string | undefined {
  return form.scheduledLocal ? `${form.scheduledLocal.slice(0, 16)}:00` : undefined;
}

/** One-click fix: the exact text the rule asks for, where it asks for it. */
export function applyFix(body: string, fix: { append?: string; prepend?: string }): string {
  let out = body;
  if (fix.prepend && !out.startsWith(fix.prepend)) out = `${fix.prepend} ${out}`;
  if (fix.append && !out.endsWith(fix.append)) out = `${out.trimEnd()} ${fix.append}`;
  return out;
}
