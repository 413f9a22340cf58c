/**
 * Deeper than any body the API takes (a brand profile is 3 levels); deeper is refused before it can overflow a stack.
 */
export const MAX_BODY_DEPTH = 32;

/** Keys that reach an object's prototype when copied or merged: never legitimate in a body. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A UTF-16 surrogate without its partner: not encodable as UTF-8 (Postgres refuses it). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type HostileProblem = 'too_deep' | 'forbidden_key' | 'nul_character' | 'lone_surrogate';

export interface HostileFinding {
  problem: HostileProblem;
  /** Where, as `a.b[2].c` (the root is ``). */
  path: string;
}

const child = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function badText(text: string): HostileProblem | null {
  if (text.includes('\u0000')) return 'nul_character';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return null;
}

/**
 * Walks parsed input (a JSON body or a query) without recursion, so any depth is safe to
 * inspect, and returns the first thing no handler should ever see: nesting deeper than
 * `maxDepth`, a prototype key, or a string (value or key) Postgres cannot store.
 */
export function findHostileValue(root: unknown, maxDepth = MAX_BODY_DEPTH): HostileFinding | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = badText(value);
      if (problem) return { problem, path };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { problem: 'too_deep', path };
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: child(path, i), depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = child(path, key);
      if (FORBIDDEN_KEYS.has(key)) return { problem: 'forbidden_key', path: at };
      const problem = badText(key);
      if (problem) return { problem, path: at };
      stack.push({ value: (value as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return null;
}
