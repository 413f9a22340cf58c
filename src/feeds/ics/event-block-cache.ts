/**
 * A bounded, in-memory LRU of rendered VEVENT blocks (already folded, ending in CRLF).
 *
 * Keys are content keys (see `eventBlockKey` in feed-renderer.ts): a block is reused only for
 * an identical event, so one process-wide cache can serve every feed a post appears in and
 * never needs invalidating; stale entries simply age out. Each app instance keeps its own.
 */

export interface CachedEventBlock {
  /** The folded VEVENT text, `BEGIN:VEVENT\r\n … END:VEVENT\r\n`. */
  text: string;
  /** The TZID the block uses (its VTIMEZONE must be in the calendar), or null for UTC. */
  zone: string | null;
}

export interface EventBlockCacheOptions {
  /** Most blocks kept (default 50,000). */
  maxEntries?: number;
  /** Most UTF-16 code units kept over all blocks (default 32 Mi, about 32-64 MB of strings). */
  maxChars?: number;
}

export interface EventBlockCacheStats {
  entries: number;
  chars: number;
  hits: number;
  misses: number;
}

interface Entry {
  block: CachedEventBlock;
  /** Value of `insertions` when the entry was last (re)inserted; the Map is in this order. */
  stamp: number;
}

export class EventBlockCache {
  // A Map iterates in insertion order, so the first entry is the least recently (re)inserted
  // one and is evicted first. A hit re-inserts its entry only once the entry has drifted into
  // the older half of the cache: moving every hit would double the cost of a warm render,
  // and an entry used at least once per half-turnover of the cache is still never evicted.
  private readonly blocks = new Map<string, Entry>();
  private insertions = 0;
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private chars = 0;
  private hits = 0;
  private misses = 0;

  constructor(options: EventBlockCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.maxChars = options.maxChars ?? 32 * 1024 * 1024;
    if (!(this.maxEntries >= 1) || !(this.maxChars >= 1)) {
      throw new RangeError('EventBlockCache limits must be at least 1');
    }
  }

  get(key: string): CachedEventBlock | undefined {
    const entry = this.blocks.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (this.insertions - entry.stamp > this.blocks.size / 2) {
      this.blocks.delete(key);
      entry.stamp = this.insertions++;
      this.blocks.set(key, entry);
    }
    return entry.block;
  }

  set(key: string, block: CachedEventBlock): void {
    const previous = this.blocks.get(key);
    if (previous !== undefined) {
      this.blocks.delete(key);
      this.chars -= previous.block.text.length;
    }
    if (block.text.length > this.maxChars) {
      return;
    }
    this.blocks.set(key, { block, stamp: this.insertions++ });
    this.chars += block.text.length;
    for (const [oldestKey, oldest] of this.blocks) {
      if (this.blocks.size <= this.maxEntries && this.chars <= this.maxChars) {
        break;
      }
      this.blocks.delete(oldestKey);
      this.chars -= oldest.block.text.length;
    }
  }

  clear(): void {
    this.blocks.clear();
    this.chars = 0;
  }

  stats(): EventBlockCacheStats {
    return { entries: this.blocks.size, chars: this.chars, hits: this.hits, misses: this.misses };
  }
}
