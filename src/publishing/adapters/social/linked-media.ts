import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { MediaItem } from '../../../calendar/domain/post-vocabulary';
import type { PublishMedia } from '../channel-adapter';
import { NetworkHttp } from './network-http';

/** An image's type by its first bytes, never by its name. */
export function sniffImage(bytes: Buffer): { mimeType: string; width: number; height: number } | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
    return { mimeType: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 10 && bytes.toString('latin1', 0, 4) === 'GIF8') {
    return { mimeType: 'image/gif', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    return { mimeType: 'image/jpeg', ...jpegSize(bytes) };
  }
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return { mimeType: 'image/webp', width: 0, height: 0 };
  }
  return null;
}

/** A JPEG's size from its first start-of-frame marker (0 when none is found). */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let offset = 2;
  while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1];
    const length = bytes.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return { width: 0, height: 0 };
}

/**
 * The images of a post given by URL (media items with `url`), fetched through the SSRF
 * guard and checked by content, as the networks' adapters take them. Posts whose media live
 * in Preclear's own store get theirs from the media store instead.
 */
@Injectable()
export class LinkedMedia {
  constructor(private readonly http: NetworkHttp) {}

  async attachments(media: readonly MediaItem[]): Promise<PublishMedia[]> {
    const out: PublishMedia[] = [];
    for (const item of media) {
      if (item.kind !== 'image' || !item.url) continue;
      const res = await this.http.call({ method: 'GET', url: new URL(item.url) });
      const image = res.status === 200 ? sniffImage(res.bytes) : null;
      if (!image) throw new Error(`media ${item.url} is not an image (HTTP ${res.status})`);
      const bytes = res.bytes;
      const url = item.url;
      out.push({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        kind: 'image',
        mimeType: image.mimeType,
        sizeBytes: bytes.length,
        width: image.width,
        height: image.height,
        altText: item.altText ?? '',
        read: () => Promise.resolve(bytes),
        publicUrl: () => url,
      });
    }
    return out;
  }
}
