import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, verifyDoorbellWebhook } from '../../support/webhook-receiver';

/**
 * `doorbell webhook add|list|remove|enable` end to end, as people run them: `node bin/doorbell.js …` subprocesses
 * against a real `doorbell start --data DIR` on loopback, and a ring delivered to a receiver that verifies the
 * signature with the secret `add` printed.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(REPO, 'bin', 'doorbell.js');
const sample = (name: string) => join(REPO, 'samples', 'manifest', name);

function run(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 45_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

let home: string;
let server: ChildProcess;
let serverOutput = '';
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'doorbell-webhooks-'));
  receiver = await startReceiver();
  server = spawn(process.execPath, [BIN, 'start', '--port', '0', '--recognizer', 'manifest', '--data', join(home, 'data')], {
    cwd: home,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.setEncoding('utf8').on('data', (chunk: string) => (serverOutput += chunk));
  server.stderr!.setEncoding('utf8').on('data', (chunk: string) => (serverOutput += chunk));
  const deadline = Date.now() + 30_000;
  while (!serverOutput.includes('Press Ctrl-C to stop.')) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the doorbell did not start:\n${serverOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 40_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGINT');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  await receiver?.close();
  await rm(home, { recursive: true, force: true });
}, 30_000);

describe('doorbell webhook', () => {
  it('adds, lists, delivers a ring signed with the secret shown once, removes, and refuses what it must', async () => {
    const added = await run(['webhook', 'add', receiver.url, '--events', 'ring,answer'], home);
    expect(added.code, added.stderr).toBe(0);
    const addedLines = added.stdout.trim().split('\n');
    const secret = addedLines.at(-1)!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const id = /Webhook (wh_\S+) added/.exec(added.stdout)![1]!;

    const listed = await run(['webhook', 'list', '--json'], home);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id, url: receiver.url, events: ['ring', 'answer'], consecutiveFailures: 0 }),
    ]);
    expect(listed.stdout).not.toContain(secret);
    const text = await run(['webhook', 'list'], home);
    expect(text.stdout).toContain(`${id}  ${receiver.url}  [ring,answer]  active, 0 consecutive failures; no delivery yet`);

    const ring = await run(['ring', sample('alice-2.jpg')], home);
    expect(ring.code, ring.stderr).toBe(0);
    const deadline = Date.now() + 15_000;
    while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const [delivery] = receiver.received;
    expect(delivery, serverOutput).toBeDefined();
    expect(verifyDoorbellWebhook(secret, delivery!.headers, delivery!.body)).toBe(true);
    expect(JSON.parse(delivery!.body)).toMatchObject({ event: 'ring', text: 'Alice is at the front door', visitors: [{ name: 'Alice' }] });
    expect(JSON.parse(delivery!.body).snapshotUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/photos\//);

    const afterDelivery = await run(['webhook', 'list'], home);
    expect(afterDelivery.stdout).toMatch(/last delivery \S+: delivered/);

    expect((await run(['webhook', 'enable', id], home)).stdout).toContain(`Webhook ${id} enabled.`);
    expect((await run(['webhook', 'remove', id], home)).stdout).toContain(`Webhook ${id} removed.`);
    const again = await run(['webhook', 'remove', id], home);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No webhook ${id}`);

    const ftp = await run(['webhook', 'add', 'ftp://127.0.0.1/hook'], home);
    expect(ftp.code).toBe(1);
    expect(ftp.stderr).toContain('only http: and https: URLs');
    const badEvent = await run(['webhook', 'add', receiver.url, '--events', 'ring,doorknock'], home);
    expect(badEvent.code).toBe(1);
    expect(badEvent.stderr).toContain('unknown event "doorknock"');
  }, 90_000);
});
