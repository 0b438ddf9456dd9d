import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `doorbell start` as a new user runs it, with its default recognizer, the face model: it says so and how long the
 * model took to load, enrols the real sample visitors, and `doorbell ring samples/…` names the right person.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(REPO, 'bin', 'doorbell.js');
const TIMEOUT = 90_000;

function run(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 60_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

let home: string;
let server: ReturnType<typeof spawn>;
let stdout = '';
let stderr = '';

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'doorbell-model-cli-'));
  server = spawn(process.execPath, [BIN, 'start', '--port', '0'], { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  server.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const deadline = Date.now() + TIMEOUT;
  while (!stdout.includes('Press Ctrl-C to stop.')) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`doorbell start did not start:\n${stdout}\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, TIMEOUT + 5_000);

afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
  await rm(home, { recursive: true, force: true });
}, 30_000);

describe('doorbell start with the face model', () => {
  it('prints the recognizer, its load time and the real sample visitors', () => {
    expect(stdout).toMatch(/Recognizer\s+face model \(face-api SSD MobileNet v1/);
    expect(stdout).toMatch(/Model loaded in\s+\d+ ms/);
    expect(stdout).toMatch(/Sample visitors\s+Eileen Collins \(trusted\), Grace Hopper/);
    expect(stdout).toContain('npx doorbell ring samples/eileen-collins-2.jpg');
  });

  it('names the person in the printed sample photo, and both people in the photo of two', { timeout: TIMEOUT }, async () => {
    const [one, two] = await Promise.all([
      run(['ring', join(REPO, 'samples', 'eileen-collins-2.jpg')], home),
      run(['ring', join(REPO, 'samples', 'collins-and-hopper.jpg'), '--doorbell', 'garden gate'], home),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('Eileen Collins is at the front door  [known]');
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toContain('Grace Hopper and Eileen Collins are at the garden gate  [known]');
  });

  it('enroll names each photo it could not use, and why', { timeout: TIMEOUT }, async () => {
    await writeFile(join(home, 'notes.jpg'), 'not a photo at all');
    const enroll = await run(['enroll', 'Carol', 'notes.jpg', join(REPO, 'samples', 'empty-porch.jpg')], home);
    expect(enroll.code, enroll.stderr).toBe(2);
    expect(enroll.stdout).toContain('No face found in any photo: Carol was not enrolled.');
    expect(enroll.stdout).toContain('notes.jpg: unreadable, not a complete image');
    expect(enroll.stdout).toMatch(/empty-porch\.jpg: no-face/);
  });
});
