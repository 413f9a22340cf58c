import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { assertObjectName, type MediaStore } from './media-store';

/**
 * Media in a local directory (MEDIA_DIR): `<dir>/<first two hex digits>/<sha256>`, so no
 * directory grows past a few thousand entries. A file is written under a temporary name and
 * renamed into place, so a reader never sees half a file and two instances uploading the
 * same bytes at once both end with the one complete file.
 */
export class LocalMediaStore implements MediaStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  private pathOf(sha256: string): string {
    assertObjectName(sha256);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, bytes: Buffer, _mimeType?: string): Promise<void> {
    const path = this.pathOf(sha256);
    if (await exists(path)) return;
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx', mode: 0o640 });
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
