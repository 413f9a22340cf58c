import { entryHash, findFirstBroken, GENESIS_HASH, type ChainedFields } from './audit-chain';

function chain(n: number): (ChainedFields & { hash: string })[] {
  const out: (ChainedFields & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = {
      chain: 'ws',
      seq,
      at: new Date(Date.UTC(2026, 10, 1, 0, seq)),
      actor: 'user:1',
      action: 'post.created',
      subject: `post:${seq}`,
      data: { n: seq },
      prevHash: prev,
    };
    const hash = entryHash(entry);
    out.push({ ...entry, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    expect(findFirstBroken(chain(5))).toBeNull();
  });

  it('names the first entry whose content was altered', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], data: { n: 99 } };
    expect(findFirstBroken(entries)).toBe(3);
  });

  it('names the entry after a deleted one, and a re-hashed forgery breaks its successor', () => {
    const deleted = chain(5).filter((e) => e.seq !== 2);
    expect(findFirstBroken(deleted)).toBe(3);
    const forged = chain(5);
    const altered = { ...forged[1], actor: 'user:mallory' };
    forged[1] = { ...altered, hash: entryHash(altered) };
    expect(findFirstBroken(forged)).toBe(3);
  });

  it('hashes canonically: key order of data does not matter', () => {
    const base = chain(1)[0];
    expect(entryHash({ ...base, data: { b: 1, a: 2 } })).toBe(entryHash({ ...base, data: { a: 2, b: 1 } }));
  });
});
