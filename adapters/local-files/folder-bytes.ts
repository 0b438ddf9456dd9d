import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bytes by key in a folder, one file per key (the key URL-encoded into a file name), with the part of Map's
 * interface the in-memory photo store uses: so the local doorbell's photos survive a restart. Writes go to a
 * temporary file first and are renamed into place, so a crash never leaves half a photo.
 */
export class FolderBytes {
  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
  }

  get(key: string): Uint8Array | undefined {
    const file = this.file(key);
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
  }

  has(key: string): boolean {
    return existsSync(this.file(key));
  }

  set(key: string, bytes: Uint8Array): this {
    const file = this.file(key);
    writeFileSync(`${file}.partial`, bytes);
    renameSync(`${file}.partial`, file);
    return this;
  }

  private file(key: string): string {
    return join(this.folder, encodeURIComponent(key));
  }
}
