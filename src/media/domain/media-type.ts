/**
 * What an upload is, decided from its first bytes (the "magic numbers" of each format), never
 * from its name or the Content-Type the client sent: a file called `logo.png` that is really
 * SVG or HTML would run script in a reader's browser if it were served as what it claims.
 * Only formats every supported network accepts in some form are let in.
 */
export const MEDIA_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'video/mp4',
  'video/quicktime',
] as const;
export type MediaMimeType = (typeof MEDIA_MIME_TYPES)[number];
export type UploadKind = 'image' | 'video';

export interface SniffedType {
  mimeType: MediaMimeType;
  kind: UploadKind;
  /** The file name extension the type is served with. */
  extension: string;
}

const EXTENSIONS: Record<MediaMimeType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

/** ISO base media brands (the `ftyp` box's major brand) read as MP4; `qt  ` is QuickTime. */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'dash',
  'mmp4',
  'MSNV',
  'f4v ',
]);

function startsWith(bytes: Buffer, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.length >= end ? bytes.toString('latin1', start, end) : '';
}

function sniffMime(bytes: Buffer): MediaMimeType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  const gif = ascii(bytes, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'qt  ') return 'video/quicktime';
    if (MP4_BRANDS.has(brand)) return 'video/mp4';
  }
  return null;
}

/** The type the bytes prove, or null for anything else (SVG, HTML, PDF, HEIC, a renamed script...). */
export function sniffMediaType(bytes: Buffer): SniffedType | null {
  const mimeType = sniffMime(bytes);
  if (!mimeType) return null;
  return { mimeType, kind: mimeType.startsWith('video/') ? 'video' : 'image', extension: EXTENSIONS[mimeType] };
}

export function extensionOf(mimeType: string): string {
  return EXTENSIONS[mimeType as MediaMimeType] ?? 'bin';
}
