import { rollup } from './rollup';

describe('rollup', () => {
  it('publishes when every channel succeeded', () => {
    expect(
      rollup(
        [
          { channel: 'x', state: 'succeeded' },
          { channel: 'linkedin', state: 'succeeded' },
        ],
        1,
        5,
      ),
    ).toEqual({ kind: 'published' });
  });

  it('retries channels that may still go out while attempts remain', () => {
    const channels = [
      { channel: 'x', state: 'succeeded' as const },
      { channel: 'linkedin', state: 'retryable' as const },
      { channel: 'facebook', state: 'unknown' as const },
    ];
    expect(rollup(channels, 2, 5)).toEqual({ kind: 'retry', channels: ['linkedin', 'facebook'] });
  });

  it('fails with the channels that did not go out once attempts are used up', () => {
    const channels = [
      { channel: 'x', state: 'succeeded' as const },
      { channel: 'linkedin', state: 'retryable' as const },
    ];
    expect(rollup(channels, 5, 5)).toEqual({
      kind: 'failed',
      failed: [{ channel: 'linkedin', state: 'retryable' }],
      succeeded: ['x'],
    });
  });

  it('does not retry a permanent failure, even on the first attempt', () => {
    expect(rollup([{ channel: 'x', state: 'failed' }], 1, 5)).toEqual({
      kind: 'failed',
      failed: [{ channel: 'x', state: 'failed' }],
      succeeded: [],
    });
  });
});

describe('rollup with a channel that needs reconnecting', () => {
  it('holds the post rather than retrying or failing it', () => {
    expect(
      rollup(
        [
          { channel: 'x', state: 'reconnect' },
          { channel: 'linkedin', state: 'retryable' },
          { channel: 'facebook', state: 'succeeded' },
        ],
        5,
        5,
      ),
    ).toEqual({ kind: 'held', channels: ['x'] });
  });
});
