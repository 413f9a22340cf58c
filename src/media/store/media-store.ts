/**
 * Where the bytes of uploaded media live, addressed by the SHA-256 of those bytes. Writing the
 * same bytes twice stores them once; a stored object never changes (its name is its content).
 */
export interface MediaStore {
  /** Stores the bytes under their hash unless they are there already. */
  put(sha256: string, bytes: Buffer, mimeType: string): Promise<void>;
  /** The bytes, or null when the store has nothing under that hash. */
  get(sha256: string): Promise<Buffer | null>;
}

export const MEDIA_STORE = Symbol('MEDIA_STORE');

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Refuses anything but a hash as an object name, so no caller can reach outside the store. */
export function assertObjectName(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error('a media object name is a SHA-256 in lowercase hex');
}
