import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const samplePath = (name: string) => join(REPO, 'samples', 'manifest', name);

/** `node bin/doorbell.js ARGS` in `cwd` (which holds the `.doorbell/` state the CLI reads); rejects on a non-zero exit. */
export function doorbellCli(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(REPO, 'bin', 'doorbell.js'), ...args],
      { cwd, timeout: 45_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`doorbell ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}
