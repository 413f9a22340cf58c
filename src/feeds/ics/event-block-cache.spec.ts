import { EventBlockCache } from './event-block-cache';

const block = (text: string) => ({ text, zone: null });

describe(EventBlockCache.name, () => {
  it('evicts the least recently used entries beyond maxEntries', () => {
    const cache = new EventBlockCache({ maxEntries: 4 });
    for (const key of ['a', 'b', 'c', 'd']) {
      cache.set(key, block(key));
    }
    // 'a' is in the older half, so this hit makes it recent again.
    expect(cache.get('a')?.text).toBe('a');
    cache.set('e', block('e'));
    cache.set('f', block('f'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBeUndefined();
    expect(['a', 'd', 'e', 'f'].map((key) => cache.get(key)?.text)).toEqual(['a', 'd', 'e', 'f']);
    expect(cache.stats()).toMatchObject({ entries: 4, hits: 5, misses: 2 });
  });

  it('keeps the total text within maxChars', () => {
    const cache = new EventBlockCache({ maxChars: 10 });
    cache.set('a', block('1234'));
    cache.set('b', block('5678'));
    cache.set('c', block('90ab'));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 2, chars: 8 });
    cache.set('huge', block('x'.repeat(11)));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.stats().chars).toBe(8);
  });

  it('replaces an entry under the same key and accounts for its size', () => {
    const cache = new EventBlockCache();
    cache.set('a', block('short'));
    cache.set('a', block('a longer text'));
    expect(cache.get('a')?.text).toBe('a longer text');
    expect(cache.stats()).toMatchObject({ entries: 1, chars: 13 });
    cache.clear();
    expect(cache.stats()).toMatchObject({ entries: 0, chars: 0 });
  });

  it('rejects limits below 1', () => {
    expect(() => new EventBlockCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
