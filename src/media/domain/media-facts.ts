import { imageSize } from 'image-size';
import { sniffMediaType, type SniffedType } from './media-type';
import { readVideoInfo } from './video-info';

/** What an upload is, read from its bytes alone. */
export interface UploadFacts extends SniffedType {
  sha256: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

export type UploadProblem = 'type' | 'unreadable';

/**
 * The type by magic bytes, then the dimensions from the format's own headers (image-size reads
 * only the header; nothing is decoded, so a "decompression bomb" costs nothing here). An image
 * whose header cannot be read is refused: the networks would refuse it too, and its size could
 * not be checked against their limits.
 */
export function readUploadFacts(bytes: Buffer, sha256: string): UploadFacts | UploadProblem {
  const type = sniffMediaType(bytes);
  if (!type) return 'type';
  if (type.kind === 'video') {
    const video = readVideoInfo(bytes);
    return { ...type, sha256, sizeBytes: bytes.length, ...video };
  }
  try {
    const size = imageSize(bytes);
    if (!size.width || !size.height) return 'unreadable';
    // JPEG EXIF orientations 5 to 8 turn the picture a quarter: the networks show it turned.
    const turned = size.orientation !== undefined && size.orientation >= 5;
    return {
      ...type,
      sha256,
      sizeBytes: bytes.length,
      width: turned ? size.height : size.width,
      height: turned ? size.width : size.height,
      durationMs: null,
    };
  } catch {
    return 'unreadable';
  }
}
