import type { Response } from 'express';
import { extensionOf } from './domain/media-type';
import type { Media } from './entities/media.entity';

/**
 * Sends stored media with headers that keep a browser from treating it as anything else: the
 * type proven at upload, `nosniff`, a file name made only of the hash, and a sandboxing CSP in
 * case a browser opens it as a document.
 */
export function sendMedia(res: Response, media: Media, bytes: Buffer, cacheControl: string): void {
  res.status(200);
  res.setHeader('Content-Type', media.mimeType);
  res.setHeader('Content-Length', bytes.length);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Disposition', `inline; filename="${media.sha256}.${extensionOf(media.mimeType)}"`);
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', `"${media.sha256}"`);
  res.end(bytes);
}
