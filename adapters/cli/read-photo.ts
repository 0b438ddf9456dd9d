import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error';

/**
 * A photo file's bytes, or a clear error naming the file.
 * @throws CliError when the file is missing, empty or cannot be read, naming it.
 */
export async function readPhoto(path: string): Promise<Uint8Array> {
  try {
    const bytes = new Uint8Array(await readFile(path));
    if (bytes.byteLength === 0) throw new CliError(`${path} is empty.`);
    return bytes;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? error);
    throw new CliError(`Cannot read the photo ${path}: ${why}.`);
  }
}
