import { spawn } from 'node:child_process';

const elapsedSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

export interface Run {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** Milliseconds from spawning `run` to its exit, as a shell user sees it; rejects on a non-zero exit. */
export function timeToExit(run: Run): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(run.command, [...run.args], {
      cwd: run.cwd,
      env: { ...process.env, ...run.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = elapsedSince(started);
      if (code === 0) resolve(ms);
      else reject(new Error(`${run.command} ${run.args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

export interface Started {
  /** Milliseconds from spawning to the first line of stdout matching the pattern. */
  readonly ms: number;
  readonly match: string;
  /** Ctrl-C, then waits for the exit. */
  stop(): Promise<void>;
}

/** Spawns a long-running `run` and times it up to the first stdout match of `pattern` (e.g. the printed ws:// URL). */
export function timeToOutput(run: Run, pattern: RegExp, timeoutMs = 60_000): Promise<Started> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // Its own process group, so that Ctrl-C reaches what `npm start` spawns too, as it would from a terminal.
    const child = spawn(run.command, [...run.args], {
      cwd: run.cwd,
      env: { ...process.env, ...run.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise<void>((settle) => child.once('exit', () => settle()));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGINT');
      await exited;
    };
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${run.command} ${run.args.join(' ')} printed no ${pattern} within ${timeoutMs} ms: ${stderr.trim()}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = pattern.exec(stdout);
      if (!match) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      clearTimeout(timer);
      resolve({ ms: elapsedSince(started), match: match[0], stop });
    });
    child.on('error', reject);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${run.command} ${run.args.join(' ')} exited before printing ${pattern}: ${stderr.trim()}`));
    });
  });
}
