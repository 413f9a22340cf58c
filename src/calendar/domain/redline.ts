import { canonicalJson } from '../../common/domain/canonical-json';
import { CONTENT_FIELDS, contentField, type PostContent } from './post-content';

export type RedlineOp = 'equal' | 'insert' | 'delete';
export interface RedlineSegment {
  op: RedlineOp;
  text: string;
}
export interface FieldChange {
  field: keyof PostContent;
  from: unknown;
  to: unknown;
}
export interface Redline {
  body: RedlineSegment[];
  fields: FieldChange[];
}

/** Words and the whitespace/punctuation between them, so the redline re-joins to the exact text. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}_'’%€$£.,:-]+|\s+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/**
 * Word-level diff (Myers' O(ND) algorithm) of two texts. Adjacent segments of the same kind
 * are merged, so the redline reads as a reviewer expects: "<del>3,9 %</del><ins>4,9 %</ins>".
 */
export function diffWords(before: string, after: string): RedlineSegment[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Strip the common prefix and suffix first: most edits touch a small part of the text.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const segments: RedlineSegment[] = [];
  const push = (op: RedlineOp, text: string): void => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.op === op) last.text += text;
    else segments.push({ op, text });
  };
  push('equal', a.slice(0, start).join(''));
  for (const [op, token] of myers(a.slice(start, endA), b.slice(start, endB))) push(op, token);
  push('equal', a.slice(endA).join(''));
  return segments;
}

function myers(a: string[], b: string[]): [RedlineOp, string][] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk the trace backwards to recover the edit script.
  const ops: [RedlineOp, string][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(['equal', a[--x]]);
      y--;
    }
    if (x === prevX) ops.push(['insert', b[--y]]);
    else ops.push(['delete', a[--x]]);
  }
  while (x > 0 && y > 0) {
    ops.push(['equal', a[--x]]);
    y--;
  }
  return ops.reverse();
}

/** The redline between two revisions: body word by word, other fields as before/after pairs. */
export function redline(before: PostContent, after: PostContent): Redline {
  const fields: FieldChange[] = [];
  for (const field of CONTENT_FIELDS) {
    if (field === 'body') continue;
    if (canonicalJson(contentField(before, field)) !== canonicalJson(contentField(after, field))) {
      fields.push({ field, from: before[field] ?? null, to: after[field] ?? null });
    }
  }
  return { body: diffWords(before.body, after.body), fields };
}
