import { canonicalJson, sha256Hex } from '../common/domain/canonical-json';

export const GENESIS_HASH = 'sha256:' + '0'.repeat(64);

export interface ChainedFields {
  chain: string;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  data: Record<string, unknown>;
  prevHash: string;
}

/** SHA-256 over the canonical JSON of everything in the entry but its own hash. */
export function entryHash(entry: ChainedFields): string {
  return `sha256:${sha256Hex(
    canonicalJson({
      chain: entry.chain,
      seq: entry.seq,
      at: entry.at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      data: entry.data,
      prevHash: entry.prevHash,
    }),
  )}`;
}

/**
 * Walks consecutive entries in `seq` order, starting after the link `prevHash` (at `firstSeq`),
 * and returns the seq of the first entry that does not hold, or null.
 */
export function findFirstBroken(
  entries: (ChainedFields & { hash: string })[],
  prevHash = GENESIS_HASH,
  firstSeq = 1,
): number | null {
  let prev = prevHash;
  let expectedSeq = firstSeq;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq || entry.prevHash !== prev || entryHash(entry) !== entry.hash) return entry.seq;
    prev = entry.hash;
    expectedSeq++;
  }
  return null;
}
