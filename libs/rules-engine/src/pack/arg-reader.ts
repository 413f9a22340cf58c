import { ArgError } from '../errors';

/**
 * Typed, path-aware access to untrusted YAML data. Every accessor either returns a value of
 * the promised type or throws an ArgError naming the exact path ("check.args.elements.de[2]"),
 * so validation code stays declarative and errors stay precise.
 */
export class ArgReader {
  private constructor(
    private readonly data: Record<string, unknown>,
    readonly path: string,
  ) {}

  static of(value: unknown, path: string): ArgReader {
    if (!isPlainObject(value)) throw new ArgError(path, `must be a mapping, got ${describe(value)}`);
    return new ArgReader(value, path);
  }

  at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  keys(): string[] {
    return Object.keys(this.data);
  }

  has(key: string): boolean {
    return this.data[key] !== undefined && this.data[key] !== null;
  }

  raw(key: string): unknown {
    return this.data[key];
  }

  /** Rejects keys the reader does not know, so a typo in a pack never silently disables a rule. */
  allowOnly(allowed: readonly string[]): this {
    for (const key of Object.keys(this.data)) {
      if (!allowed.includes(key)) {
        throw new ArgError(this.at(key), `unknown key (allowed: ${allowed.join(', ')})`);
      }
    }
    return this;
  }

  string(key: string): string {
    const value = this.data[key];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ArgError(this.at(key), `must be a non-empty string, got ${describe(value)}`);
    }
    return value;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  boolean(key: string, fallback?: boolean): boolean {
    const value = this.data[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'boolean') throw new ArgError(this.at(key), `must be true or false, got ${describe(value)}`);
    return value;
  }

  optionalBoolean(key: string): boolean | undefined {
    return this.has(key) ? this.boolean(key) : undefined;
  }

  number(key: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number {
    const value = this.data[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ArgError(this.at(key), `must be a number, got ${describe(value)}`);
    }
    if (opts.integer && !Number.isInteger(value)) {
      throw new ArgError(this.at(key), `must be a whole number, got ${value}`);
    }
    if (opts.min !== undefined && value < opts.min) {
      throw new ArgError(this.at(key), `must be at least ${opts.min}, got ${value}`);
    }
    if (opts.max !== undefined && value > opts.max) {
      throw new ArgError(this.at(key), `must be at most ${opts.max}, got ${value}`);
    }
    return value;
  }

  optionalNumber(key: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    return this.has(key) ? this.number(key, opts) : undefined;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const value = this.data[key];
    if (typeof value !== 'string' || !values.includes(value as T)) {
      throw new ArgError(this.at(key), `must be one of ${values.join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  }

  optionalOneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    return this.has(key) ? this.oneOf(key, values) : undefined;
  }

  list(key: string, opts: { nonEmpty?: boolean } = {}): unknown[] {
    const value = this.data[key];
    if (!Array.isArray(value)) throw new ArgError(this.at(key), `must be a list, got ${describe(value)}`);
    if (opts.nonEmpty && value.length === 0) throw new ArgError(this.at(key), 'must not be empty');
    return value;
  }

  stringList(key: string, opts: { nonEmpty?: boolean } = {}): string[] {
    return this.list(key, opts).map((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') {
        throw new ArgError(`${this.at(key)}[${i}]`, `must be a non-empty string, got ${describe(item)}`);
      }
      return item;
    });
  }

  enumList<T extends string>(key: string, values: readonly T[], opts: { nonEmpty?: boolean } = {}): T[] {
    return this.stringList(key, opts).map((item, i) => {
      if (!values.includes(item as T)) {
        throw new ArgError(`${this.at(key)}[${i}]`, `unknown value '${item}' (expected one of ${values.join(', ')})`);
      }
      return item as T;
    });
  }

  child(key: string): ArgReader {
    return ArgReader.of(this.data[key], this.at(key));
  }

  optionalChild(key: string): ArgReader | undefined {
    return this.has(key) ? this.child(key) : undefined;
  }

  children(key: string, opts: { nonEmpty?: boolean } = {}): ArgReader[] {
    return this.list(key, opts).map((item, i) => ArgReader.of(item, `${this.at(key)}[${i}]`));
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return `a date (${value.toISOString()}) - quote it`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
