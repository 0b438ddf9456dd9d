import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface ProcessTiming {
  /** From spawn to exit, as seen by the parent. */
  readonly wallMs: number;
  /** Measured inside the child around the dynamic import (0 for the bare start). */
  readonly importMs: number;
  /**
   * CPU time (user + system, all threads) of the whole child, start included: less disturbed than wall time by other
   * work on a shared machine, so the steadier figure for comparing two builds.
   */
  readonly cpuMs: number;
}

/**
 * Starts a fresh `node` that imports `file` (running its module scope: reading the environment, building the
 * container and the handler, as Lambda's init does) and exits. Without `file`, the same command importing nothing:
 * the bare start subtracted from every figure.
 */
export function timeColdImport(file: string | undefined, environment: Readonly<Record<string, string>>): Promise<ProcessTiming> {
  const cpu = 'const c = process.cpuUsage(); process.stdout.write(" " + String((c.user + c.system) / 1000));';
  const script =
    file === undefined
      ? `process.stdout.write("0"); ${cpu}`
      : `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); ` +
        `if (typeof m.handler !== 'function') throw new Error('no handler'); process.stdout.write(String(performance.now() - t)); ${cpu}`;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`cold import of ${file ?? '(nothing)'} exited ${code}: ${stderr.trim()}`));
      else {
        const [importMs, cpuMs] = stdout.split(' ').map(Number);
        resolve({ wallMs, importMs: importMs!, cpuMs: cpuMs! });
      }
    });
  });
}
