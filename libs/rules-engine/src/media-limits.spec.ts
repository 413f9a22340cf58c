import { mediaLimitProblems, type MediaFacts } from './media-limits';

const MB = 1024 * 1024;
const image = (overrides: Partial<MediaFacts> = {}): MediaFacts => ({
  kind: 'image',
  mimeType: 'image/jpeg',
  sizeBytes: MB,
  width: 1080,
  height: 1080,
  ...overrides,
});
const video = (overrides: Partial<MediaFacts> = {}): MediaFacts => ({
  kind: 'video',
  mimeType: 'video/mp4',
  sizeBytes: 20 * MB,
  width: 1920,
  height: 1080,
  ...overrides,
});

describe('mediaLimitProblems', () => {
  it('finds nothing for a square JPEG of 1 MB on every network', () => {
    expect(mediaLimitProblems([image()], ['x', 'instagram', 'linkedin', 'facebook', 'tiktok'])).toEqual([]);
  });

  it('X: images up to 5 MB (GIF 15 MB), at most 4, never with a video', () => {
    expect(mediaLimitProblems([image({ sizeBytes: 5 * MB })], ['x'])).toEqual([]);
    expect(mediaLimitProblems([image({ sizeBytes: 5 * MB + 1 })], ['x'])).toEqual([
      { index: 0, channel: 'x', code: 'mediaTooLargeForChannel', params: { size: 5 * MB + 1, limit: 5 * MB } },
    ]);
    expect(mediaLimitProblems([image({ mimeType: 'image/gif', sizeBytes: 12 * MB })], ['x'])).toEqual([]);
    expect(mediaLimitProblems([image(), image(), image(), image(), image()], ['x'])).toEqual([
      { index: null, channel: 'x', code: 'mediaCountForChannel', params: { count: 5, limit: 4, kind: 'image' } },
    ]);
    expect(mediaLimitProblems([image(), video()], ['x']).map((p) => p.params.kind)).toEqual(['mixed']);
  });

  it('Instagram: JPEG only, 8 MB, aspect 4:5 to 1.91:1, width 320 to 1440', () => {
    expect(mediaLimitProblems([image({ mimeType: 'image/png' })], ['instagram'])[0]).toMatchObject({
      code: 'mediaTypeForChannel',
      params: { type: 'image/png' },
    });
    expect(mediaLimitProblems([image({ sizeBytes: 8 * MB + 1 })], ['instagram'])[0]).toMatchObject({
      code: 'mediaTooLargeForChannel',
    });
    // 1080×1350 is exactly 4:5; 1080×1351 is taller than that.
    expect(mediaLimitProblems([image({ width: 1080, height: 1350 })], ['instagram'])).toEqual([]);
    expect(mediaLimitProblems([image({ width: 1080, height: 1360 })], ['instagram'])[0]).toMatchObject({
      code: 'mediaAspectForChannel',
    });
    // 1.91:1 (1200×628 is 1.9108, which rounds to 1.91) passes; 2:1 does not.
    expect(mediaLimitProblems([image({ width: 1200, height: 628 })], ['instagram'])).toEqual([]);
    expect(mediaLimitProblems([image({ width: 1200, height: 600 })], ['instagram'])[0]).toMatchObject({
      code: 'mediaAspectForChannel',
    });
    expect(mediaLimitProblems([image({ width: 300, height: 300 })], ['instagram'])[0]).toMatchObject({
      code: 'mediaWidthForChannel',
      params: { width: 300, min: 320, max: 1440 },
    });
    expect(mediaLimitProblems([image({ width: 2000, height: 2000 })], ['instagram'])[0]).toMatchObject({
      code: 'mediaWidthForChannel',
    });
  });

  it('LinkedIn: at most 36,152,320 pixels; no WebP', () => {
    expect(mediaLimitProblems([image({ width: 6012, height: 6013 })], ['linkedin'])).toEqual([]);
    expect(mediaLimitProblems([image({ width: 6013, height: 6013 })], ['linkedin'])[0]).toMatchObject({
      code: 'mediaPixelsForChannel',
      params: { pixels: 36_156_169, limit: 36_152_320 },
    });
    expect(mediaLimitProblems([image({ mimeType: 'image/webp' })], ['linkedin'])[0]).toMatchObject({
      code: 'mediaTypeForChannel',
    });
    expect(mediaLimitProblems([video({ sizeBytes: 1000 })], ['linkedin'])[0]).toMatchObject({
      code: 'mediaTooSmallForChannel',
    });
  });

  it('Facebook: photos under 4 MB', () => {
    expect(mediaLimitProblems([image({ sizeBytes: 4 * MB })], ['facebook'])).toEqual([]);
    expect(mediaLimitProblems([image({ sizeBytes: 4 * MB + 1 })], ['facebook'])[0]).toMatchObject({
      channel: 'facebook',
      code: 'mediaTooLargeForChannel',
    });
  });

  it('names every channel an item breaks, in the order of the channels', () => {
    const problems = mediaLimitProblems(
      [image({ mimeType: 'image/webp', sizeBytes: 9 * MB })],
      ['instagram', 'x', 'facebook'],
    );
    expect(problems.map((p) => `${p.channel}:${p.code}`)).toEqual([
      'instagram:mediaTypeForChannel',
      'x:mediaTooLargeForChannel',
      'facebook:mediaTooLargeForChannel',
    ]);
  });

  it('checks nothing on a network without a media adapter (TikTok, Pinterest, YouTube)', () => {
    expect(mediaLimitProblems([image({ sizeBytes: 900 * MB })], ['tiktok', 'pinterest', 'youtube'])).toEqual([]);
  });
});
