interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

export interface MicroBatcherOptions {
  /** Most items in one batch. */
  maxBatch: number;
  /** Batches written at the same time. */
  maxConcurrent: number;
}

/**
 * Group commit for database work. Items submitted in the same tick, or while the previous
 * batches are being written, go out together in the next batch: under load one transaction
 * carries many items (and takes the workspace's audit lock once), at rest an item is written
 * on the next tick with no timer and no added latency. A batch that fails is retried item by
 * item, so one bad item fails alone.
 */
export class MicroBatcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly idle: (() => void)[] = [];

  constructor(
    private readonly handle: (items: I[]) => Promise<O[]>,
    private readonly options: MicroBatcherOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Resolves once nothing is waiting or being written. */
  drained(): Promise<void> {
    if (this.inFlight === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.options.maxConcurrent && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.waiting.length === 0) this.idle.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async write(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.handle(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const w of batch) {
        try {
          const [result] = await this.handle([w.item]);
          w.resolve(result);
        } catch (itemError) {
          w.reject(itemError);
        }
      }
    }
  }
}
