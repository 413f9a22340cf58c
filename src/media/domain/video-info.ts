/**
 * Frame size and duration of an MP4 / QuickTime file, read from its box headers (`moov` >
 * `mvhd` for the duration, the first `trak` > `tkhd` with a non-zero size for the frame), so
 * no decoder is needed. Anything it cannot find is null; a truncated or odd file is not an error
 * here (the type was already proven by the `ftyp` box), it just has unknown dimensions.
 */
export interface VideoInfo {
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

interface Box {
  type: string;
  start: number;
  end: number;
}

/** The boxes directly inside [start, end). */
function* boxes(bytes: Buffer, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    let size = bytes.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return;
      const big = bytes.readBigUInt64BE(at + 8);
      if (big > BigInt(end - at)) return;
      size = Number(big);
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) return;
    yield { type: bytes.toString('latin1', at + 4, at + 8), start: at + header, end: at + size };
    at += size;
  }
}

function child(bytes: Buffer, parent: { start: number; end: number }, type: string): Box | null {
  for (const box of boxes(bytes, parent.start, parent.end)) if (box.type === type) return box;
  return null;
}

function durationOf(bytes: Buffer, mvhd: Box): number | null {
  const version = bytes[mvhd.start];
  const need = version === 1 ? 32 : 20;
  if (mvhd.end - mvhd.start < need) return null;
  const timescale = bytes.readUInt32BE(mvhd.start + (version === 1 ? 20 : 12));
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(mvhd.start + 24)) : bytes.readUInt32BE(mvhd.start + 16);
  return timescale > 0 ? Math.round((duration * 1000) / timescale) : null;
}

function frameOf(bytes: Buffer, tkhd: Box): { width: number; height: number } | null {
  const version = bytes[tkhd.start];
  // width and height are the last 8 bytes, 16.16 fixed point (ISO/IEC 14496-12 §8.3.2).
  const offset = tkhd.start + (version === 1 ? 88 : 76);
  if (offset + 8 > tkhd.end) return null;
  const width = bytes.readUInt32BE(offset) >>> 16;
  const height = bytes.readUInt32BE(offset + 4) >>> 16;
  return width > 0 && height > 0 ? { width, height } : null;
}

export function readVideoInfo(bytes: Buffer): VideoInfo {
  const info: VideoInfo = { width: null, height: null, durationMs: null };
  const moov = child(bytes, { start: 0, end: bytes.length }, 'moov');
  if (!moov) return info;
  const mvhd = child(bytes, moov, 'mvhd');
  if (mvhd) info.durationMs = durationOf(bytes, mvhd);
  for (const box of boxes(bytes, moov.start, moov.end)) {
    if (box.type !== 'trak') continue;
    const tkhd = child(bytes, box, 'tkhd');
    const frame = tkhd ? frameOf(bytes, tkhd) : null;
    if (frame) return { ...info, ...frame };
  }
  return info;
}
