import { crc32, deflateSync } from 'node:zlib';

/**
 * Small but well-formed media files, built byte by byte from each format's specification, so
 * the tests need no binary fixtures. `seed` makes files of equal size differ (another hash).
 */

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
}

/** A PNG header (IHDR) plus a text chunk of `padding` bytes; no pixel data is needed to read its size. */
export function png(width: number, height: number, seed = '', padding = 0): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.concat([Buffer.from(`Comment\0${seed}`, 'latin1'), Buffer.alloc(padding, 0x20)])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG a browser can draw: one colour, 8-bit RGB, every scanline unfiltered. */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [30, 110, 200]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3])]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A baseline JPEG: SOI, a JFIF APP0, a comment, the frame header (SOF0) with the size, EOI. */
export function jpeg(width: number, height: number, seed = ''): Buffer {
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  ]);
  const text = Buffer.from(`seed ${seed}`, 'latin1');
  const com = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from([(text.length + 2) >> 8, (text.length + 2) & 0xff]),
    text,
  ]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, com, sof, Buffer.from([0xff, 0xd9])]);
}

export function gif(width: number, height: number): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt16LE(width, 0);
  size.writeUInt16LE(height, 2);
  return Buffer.concat([Buffer.from('GIF89a', 'latin1'), size, Buffer.from([0x00, 0x00, 0x00, 0x3b])]);
}

/** A lossless WebP (VP8L) header: the size is 14-bit minus one, packed after the signature byte 0x2f. */
export function webp(width: number, height: number): Buffer {
  const bits = (width - 1) | ((height - 1) << 14);
  const vp8l = Buffer.alloc(5);
  vp8l[0] = 0x2f;
  vp8l.writeUInt32LE(bits >>> 0, 1);
  const chunk = Buffer.concat([
    Buffer.from('VP8L', 'latin1'),
    (() => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(vp8l.length);
      return b;
    })(),
    vp8l,
    Buffer.alloc(1),
  ]);
  const riffSize = Buffer.alloc(4);
  riffSize.writeUInt32LE(4 + chunk.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), riffSize, Buffer.from('WEBP', 'latin1'), chunk]);
}

function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);
}

/**
 * An MP4 (or QuickTime, brand `qt `) with `ftyp`, and `moov`
 * holding `mvhd` (duration) and a `trak` > `tkhd` (frame size).
 */
export function mp4(width: number, height: number, durationMs: number, brand = 'isom'): Buffer {
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), u32(0x200), Buffer.from(`${brand}mp41`, 'latin1'));
  // mvhd version 0: flags, creation, modification, timescale (1000), duration, then 80 bytes we leave zero.
  const mvhd = box('mvhd', u32(0), u32(0), u32(0), u32(1000), u32(durationMs), Buffer.alloc(80));
  // tkhd version 0: 76 bytes up to the size, then width and height in 16.16 fixed point.
  const tkhd = box('tkhd', u32(0), Buffer.alloc(72), u32(width * 65536), u32(height * 65536));
  return Buffer.concat([ftyp, box('moov', mvhd, box('trak', tkhd)), box('mdat', Buffer.from('frames'))]);
}

export const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>',
);
export const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
