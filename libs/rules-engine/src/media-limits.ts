import type { Channel } from './types';

/**
 * What each network accepts as images and video on a post, from its own API reference (the
 * figures of the API a publisher uses, not of the app's composer). One table, read by the API
 * when a post names its media and channels; a network absent here (TikTok, Pinterest, YouTube)
 * has no adapter that sends media, so nothing is checked for it.
 *
 * Sources (read 2026-12):
 * - X: developer.x.com "Media best practices" / media upload v2: JPEG, PNG, GIF, WEBP images
 *   up to 5 MB (GIF 15 MB), MP4 and MOV video up to 512 MB; a post carries up to 4 images or
 *   1 video or 1 GIF.
 * - Instagram: Instagram Graph API "IG User Media" reference: images JPEG only, at most 8 MB,
 *   aspect ratio between 4:5 and 1.91:1, width 320 to 1440 px; video MOV or MP4 at most
 *   300 MB (reels); a carousel holds up to 10 items.
 * - LinkedIn: Marketing API "Images API": JPG, GIF, PNG, at most 36,152,320 pixels;
 *   "Videos API": MP4, 75 kB to 500 MB; "MultiImage API": up to 20 images.
 * - Facebook: Graph API "Page Photos" reference: photos JPEG, PNG, GIF, WEBP (also BMP, TIFF,
 *   HEIF, not accepted by Preclear) under 4 MB; "Video API": up to 10 GB (MP4 and MOV recommended).
 */
export interface MediaLimits {
  imageTypes: readonly string[];
  videoTypes: readonly string[];
  /** null: the network states no byte limit (LinkedIn bounds pixels instead). */
  maxImageBytes: number | null;
  /** Per image type where it differs (X: GIF may be larger). */
  maxImageBytesByType?: Readonly<Record<string, number>>;
  maxVideoBytes: number;
  minVideoBytes?: number;
  maxImages: number;
  maxVideos: number;
  /** Whether images and a video may go in one post. */
  mixed: boolean;
  /** Width / height bounds, inclusive (Instagram: 4:5 = 0.8 to 1.91:1). */
  minAspect?: number;
  maxAspect?: number;
  minWidth?: number;
  maxWidth?: number;
  maxPixels?: number;
  /** Where the figures come from, shown in the README. */
  source: string;
}

const MB = 1024 * 1024;

export const CHANNEL_MEDIA_LIMITS: Readonly<Partial<Record<Channel, MediaLimits>>> = {
  x: {
    imageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
    videoTypes: ['video/mp4', 'video/quicktime'],
    maxImageBytes: 5 * MB,
    maxImageBytesByType: { 'image/gif': 15 * MB },
    maxVideoBytes: 512 * MB,
    maxImages: 4,
    maxVideos: 1,
    mixed: false,
    source: 'https://developer.x.com/en/docs/x-api/v1/media/upload-media/uploading-media/media-best-practices',
  },
  instagram: {
    imageTypes: ['image/jpeg'],
    videoTypes: ['video/mp4', 'video/quicktime'],
    maxImageBytes: 8 * MB,
    maxVideoBytes: 300 * MB,
    maxImages: 10,
    maxVideos: 10,
    mixed: true,
    minAspect: 4 / 5,
    maxAspect: 1.91,
    minWidth: 320,
    maxWidth: 1440,
    source: 'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media',
  },
  linkedin: {
    imageTypes: ['image/jpeg', 'image/png', 'image/gif'],
    videoTypes: ['video/mp4'],
    maxImageBytes: null,
    maxVideoBytes: 500 * MB,
    minVideoBytes: 75 * 1024,
    maxImages: 20,
    maxVideos: 1,
    mixed: false,
    maxPixels: 36_152_320,
    source: 'https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api',
  },
  facebook: {
    imageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
    videoTypes: ['video/mp4', 'video/quicktime'],
    maxImageBytes: 4 * MB,
    maxVideoBytes: 10 * 1024 * MB,
    maxImages: 10,
    maxVideos: 1,
    mixed: false,
    source: 'https://developers.facebook.com/docs/graph-api/reference/page/photos/',
  },
};

/** One attachment as the limits see it. */
export interface MediaFacts {
  kind: 'image' | 'video';
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
}

export type MediaLimitCode =
  | 'mediaTypeForChannel'
  | 'mediaTooLargeForChannel'
  | 'mediaTooSmallForChannel'
  | 'mediaAspectForChannel'
  | 'mediaWidthForChannel'
  | 'mediaPixelsForChannel'
  | 'mediaCountForChannel';

export interface MediaLimitProblem {
  /** Index of the item in the post's media, or null for the post as a whole (too many). */
  index: number | null;
  channel: Channel;
  code: MediaLimitCode;
  params: Record<string, string | number>;
}

function itemProblem(item: MediaFacts, limits: MediaLimits): Omit<MediaLimitProblem, 'index' | 'channel'> | null {
  const types = item.kind === 'image' ? limits.imageTypes : limits.videoTypes;
  if (!types.includes(item.mimeType)) {
    return { code: 'mediaTypeForChannel', params: { type: item.mimeType, allowed: types.join(', ') || '-' } };
  }
  const maxBytes =
    item.kind === 'image'
      ? (limits.maxImageBytesByType?.[item.mimeType] ?? limits.maxImageBytes)
      : limits.maxVideoBytes;
  if (maxBytes !== null && item.sizeBytes > maxBytes) {
    return { code: 'mediaTooLargeForChannel', params: { size: item.sizeBytes, limit: maxBytes } };
  }
  if (item.kind === 'video' && limits.minVideoBytes && item.sizeBytes < limits.minVideoBytes) {
    return { code: 'mediaTooSmallForChannel', params: { size: item.sizeBytes, limit: limits.minVideoBytes } };
  }
  if (item.kind !== 'image' || item.width === null || item.height === null) return null;
  return imageShapeProblem(item.width, item.height, limits);
}

function imageShapeProblem(
  width: number,
  height: number,
  limits: MediaLimits,
): Omit<MediaLimitProblem, 'index' | 'channel'> | null {
  const aspect = width / height;
  // Compared to two decimals, as the networks state them (1.91:1, 4:5).
  const rounded = Math.round(aspect * 100) / 100;
  if (
    (limits.minAspect !== undefined && rounded < Math.round(limits.minAspect * 100) / 100) ||
    (limits.maxAspect !== undefined && rounded > limits.maxAspect)
  ) {
    return {
      code: 'mediaAspectForChannel',
      params: { width, height, min: limits.minAspect?.toFixed(2) ?? '-', max: limits.maxAspect?.toFixed(2) ?? '-' },
    };
  }
  if (
    (limits.minWidth !== undefined && width < limits.minWidth) ||
    (limits.maxWidth !== undefined && width > limits.maxWidth)
  ) {
    return { code: 'mediaWidthForChannel', params: { width, min: limits.minWidth ?? 0, max: limits.maxWidth ?? 0 } };
  }
  if (limits.maxPixels !== undefined && width * height > limits.maxPixels) {
    return { code: 'mediaPixelsForChannel', params: { pixels: width * height, limit: limits.maxPixels } };
  }
  return null;
}

function countProblem(
  media: readonly MediaFacts[],
  limits: MediaLimits,
): Omit<MediaLimitProblem, 'index' | 'channel'> | null {
  const images = media.filter((m) => m.kind === 'image').length;
  const videos = media.length - images;
  if (images > limits.maxImages) {
    return { code: 'mediaCountForChannel', params: { count: images, limit: limits.maxImages, kind: 'image' } };
  }
  if (videos > limits.maxVideos) {
    return { code: 'mediaCountForChannel', params: { count: videos, limit: limits.maxVideos, kind: 'video' } };
  }
  if (!limits.mixed && images > 0 && videos > 0) {
    return { code: 'mediaCountForChannel', params: { count: media.length, limit: 0, kind: 'mixed' } };
  }
  return null;
}

/** Every way the post's media break a limit of one of its channels, in channel then item order. */
export function mediaLimitProblems(media: readonly MediaFacts[], channels: readonly Channel[]): MediaLimitProblem[] {
  const problems: MediaLimitProblem[] = [];
  if (media.length === 0) return problems;
  for (const channel of channels) {
    const limits = CHANNEL_MEDIA_LIMITS[channel];
    if (!limits) continue;
    media.forEach((item, index) => {
      const problem = itemProblem(item, limits);
      if (problem) problems.push({ index, channel, ...problem });
    });
    const count = countProblem(media, limits);
    if (count) problems.push({ index: null, channel, ...count });
  }
  return problems;
}
