import type { PackSource } from './pack-source';

/**
 * The files of one pack folder, read and parsed: what the loader produces and the compiler
 * consumes. It lives apart from both so that neither imports the other.
 */
export interface PackFiles {
  readonly folder: string;
  /** pack.yaml path relative to the packs directory, used in every error message. */
  readonly file: string;
  readonly source: PackSource;
  readonly locales: ReadonlyMap<string, { file: string; messages: Record<string, unknown> }>;
  /** Hash of the pack's own files (pack.yaml and locales); the version adds the parent's. */
  readonly contentHash: string;
}
