import { imageSize } from 'image-size';
import { gif, HTML, jpeg, mp4, png, SVG, webp } from '../../../support/media-files';
import { readUploadFacts } from '../../../../src/media/domain/media-facts';
import { sniffMediaType } from '../../../../src/media/domain/media-type';
import { readVideoInfo } from '../../../../src/media/domain/video-info';

describe('sniffMediaType', () => {
  it.each([
    ['JPEG', jpeg(10, 10), 'image/jpeg', 'image'],
    ['PNG', png(10, 10), 'image/png', 'image'],
    ['GIF', gif(10, 10), 'image/gif', 'image'],
    ['WebP', webp(10, 10), 'image/webp', 'image'],
    ['MP4', mp4(640, 360, 5000), 'video/mp4', 'video'],
    ['QuickTime', mp4(640, 360, 5000, 'qt  '), 'video/quicktime', 'video'],
  ])('recognises %s by its first bytes', (_name, bytes, mimeType, kind) => {
    expect(sniffMediaType(bytes)).toMatchObject({ mimeType, kind });
  });

  it.each([
    ['SVG (script runs when served as an image/svg+xml document)', SVG],
    ['HTML', HTML],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ')],
    ['an empty file', Buffer.alloc(0)],
    ['a JPEG signature cut short', Buffer.from([0xff, 0xd8])],
    ['RIFF that is not WebP (a WAV)', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
    [
      'an ISO file of an unknown brand (HEIC)',
      Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0heicmif1', 'latin1')]),
    ],
    ['HTML that starts with a PNG-like word', Buffer.from('PNG<script>alert(1)</script>')],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffMediaType(bytes)).toBeNull();
  });
});

describe('readUploadFacts', () => {
  it('reads image dimensions from the headers', () => {
    expect(readUploadFacts(png(1080, 1350), 'h')).toMatchObject({
      width: 1080,
      height: 1350,
      mimeType: 'image/png',
      sizeBytes: png(1080, 1350).length,
    });
    expect(readUploadFacts(jpeg(1200, 628), 'h')).toMatchObject({ width: 1200, height: 628 });
    expect(readUploadFacts(gif(320, 200), 'h')).toMatchObject({ width: 320, height: 200 });
    expect(readUploadFacts(webp(500, 400), 'h')).toMatchObject({ width: 500, height: 400 });
    // The generator and the library agree (the library is the reference for what a header says).
    expect(imageSize(webp(500, 400))).toMatchObject({ width: 500, height: 400 });
  });

  it('reads a video frame size and duration from its boxes', () => {
    expect(readUploadFacts(mp4(1920, 1080, 12_500), 'h')).toMatchObject({
      kind: 'video',
      width: 1920,
      height: 1080,
      durationMs: 12_500,
    });
  });

  it('calls a type it cannot place "type" and an image with a broken header "unreadable"', () => {
    expect(readUploadFacts(SVG, 'h')).toBe('type');
    expect(readUploadFacts(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'h')).toBe('unreadable');
  });
});

describe('readVideoInfo', () => {
  it('gives nulls, not an error, for a file whose boxes are cut off or lie about their size', () => {
    const whole = mp4(640, 360, 1000);
    expect(readVideoInfo(whole.subarray(0, 40))).toEqual({ width: null, height: null, durationMs: null });
    const lying = Buffer.from(whole);
    lying.writeUInt32BE(0xffffffff, whole.indexOf('moov') - 4);
    expect(readVideoInfo(lying)).toEqual({ width: null, height: null, durationMs: null });
  });
});
