import { chmodSync, lstatSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local doorbell's data is private to the user running it: photos, face data, tables and secrets are files
 * only the owner may read or write, in folders only the owner may enter. Modes are set explicitly, not left to
 * the umask, and set again on every rewrite (a mode given at creation does not apply to a file that exists).
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/** Creates the folder (and missing parents) owner-only, or makes an existing one so. */
export function makePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  chmodSync(folder, PRIVATE_FOLDER_MODE);
}

/** The suffix of the temporary file `writePrivateFile` renames into place (a crash can leave one behind). */
export const PARTIAL_SUFFIX = '.partial';

/** Writes the file owner-only through a temporary file renamed into place, so a crash never leaves half of it. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  const partial = `${file}${PARTIAL_SUFFIX}`;
  writeFileSync(partial, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(partial, PRIVATE_FILE_MODE);
  renameSync(partial, file);
}

/**
 * Makes everything under `path` owner-only: files 0600, folders 0700 (symbolic links are left alone). For files
 * another program writes (dynalite's tables), and for data kept by an earlier version with laxer modes.
 */
export function makePrivate(path: string): void {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (!stats || stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    chmodSync(path, PRIVATE_FOLDER_MODE);
    for (const entry of readdirSync(path)) makePrivate(join(path, entry));
  } else {
    chmodSync(path, PRIVATE_FILE_MODE);
  }
}
