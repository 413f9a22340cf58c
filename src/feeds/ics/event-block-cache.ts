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

export class EventBlockCache {
  // A Map iterates in insertion order; re-inserting on every hit keeps the least recently
  // used entry first, which is the one evicted.
  private readonly blocks = new Map<string, CachedEventBlock>();
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
    const block = this.blocks.get(key);
    if (block === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.blocks.delete(key);
    this.blocks.set(key, block);
    return block;
  }

  set(key: string, block: CachedEventBlock): void {
    const previous = this.blocks.get(key);
    if (previous !== undefined) {
      this.blocks.delete(key);
      this.chars -= previous.text.length;
    }
    if (block.text.length > this.maxChars) {
      return;
    }
    this.blocks.set(key, block);
    this.chars += block.text.length;
    for (const [oldestKey, oldest] of this.blocks) {
      if (this.blocks.size <= this.maxEntries && this.chars <= this.maxChars) {
        break;
      }
      this.blocks.delete(oldestKey);
      this.chars -= oldest.text.length;
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
