/**
 * Preloaded into the publish bench's worker (`-r`, with BENCH_STATEMENTS=1): counts every SQL
 * statement the worker sends (BEGIN and COMMIT included) by its text, with runs of `$n`
 * placeholders folded so that batches of different sizes count as one statement. The bench
 * asks for the counts over IPC (`{ statements: 'take' }`) and gets them back, reset.
 */
import { Client } from 'pg';

const counts = new Map<string, number>();
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with apply(), on the client
const original = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;

function shape(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\$\d+(\s*,\s*\$\d+)*/g, '$n')
    .trim()
    .slice(0, 140);
}

Client.prototype.query = function (this: Client, ...args: unknown[]): unknown {
  const first = args[0];
  const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
  if (text) counts.set(shape(text), (counts.get(shape(text)) ?? 0) + 1);
  if (text && process.env.BENCH_STATEMENT_BYTES === '1') {
    const key = `bytes: ${shape(text)}`;
    counts.set(key, (counts.get(key) ?? 0) + JSON.stringify(args[1] ?? null).length);
  }
  return original.apply(this, args);
} as typeof Client.prototype.query;

process.on('message', (message: unknown) => {
  if ((message as { statements?: string } | null)?.statements !== 'take') return;
  process.send?.({ statements: Object.fromEntries(counts) });
  counts.clear();
});
