import { MicroBatcher } from './micro-batcher';

describe(MicroBatcher.name, () => {
  it('writes items of the same tick in one batch, and the ones arriving meanwhile in the next', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items.map((n) => n * 10);
      },
      { maxBatch: 100, maxConcurrent: 1 },
    );
    const first = [1, 2, 3].map((n) => batcher.submit(n));
    await new Promise((resolve) => setImmediate(resolve));
    const second = [4, 5].map((n) => batcher.submit(n));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    await batcher.drained();
  });

  it('caps the batch size', async () => {
    const sizes: number[] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => (sizes.push(items.length), items), {
      maxBatch: 2,
      maxConcurrent: 1,
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('retries a failed batch item by item so only the bad item fails', async () => {
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        if (items.includes(2)) throw new Error(`bad batch ${items.join(',')}`);
        return items;
      },
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
