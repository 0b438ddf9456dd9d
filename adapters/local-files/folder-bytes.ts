import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateFolder, writePrivateFile } from './private-files';

/**
 * Bytes by key in a folder, one file per key (the key URL-encoded into a file name), with the part of Map's
 * interface the in-memory photo store uses: so the local doorbell's photos survive a restart. Writes go to a
 * temporary file first and are renamed into place, so a crash never leaves half a photo; files and folder are
 * owner-only.
 */
export class FolderBytes {
  constructor(private readonly folder: string) {
    makePrivateFolder(folder);
  }

  get(key: string): Uint8Array | undefined {
    const file = this.file(key);
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
  }

  has(key: string): boolean {
    return existsSync(this.file(key));
  }

  set(key: string, bytes: Uint8Array): this {
    writePrivateFile(this.file(key), bytes);
    return this;
  }

  private file(key: string): string {
    return join(this.folder, encodeURIComponent(key));
  }
}
