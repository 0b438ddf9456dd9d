import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateFolder, PARTIAL_SUFFIX, writePrivateFile } from './private-files';

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

  /**
   * The keys of the files in the folder, including a write a crash left unfinished (its temporary file holds photo
   * bytes too, so it must expire with its key). Names that are no encoded key are not listed.
   */
  keys(): string[] {
    const keys = new Set<string>();
    for (const name of readdirSync(this.folder)) {
      const key = decodedName(name.endsWith(PARTIAL_SUFFIX) ? name.slice(0, -PARTIAL_SUFFIX.length) : name);
      if (key !== undefined) keys.add(key);
    }
    return [...keys];
  }

  /** Deletes the key's file and any unfinished write of it; false when neither was there, throws when one stays. */
  delete(key: string): boolean {
    const file = this.file(key);
    return [file, `${file}${PARTIAL_SUFFIX}`].map(removed).some(Boolean);
  }

  private file(key: string): string {
    return join(this.folder, encodeURIComponent(key));
  }
}

/** Removes the file: false when it was not there (ENOENT); any other failure (permissions, a folder) throws. */
function removed(file: string): boolean {
  try {
    rmSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function decodedName(name: string): string | undefined {
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}
