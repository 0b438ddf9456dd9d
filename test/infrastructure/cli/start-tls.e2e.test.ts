import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCertificate, type TestCertificate } from '../../support/test-certificate';

/** `doorbell start` with TLS through the real CLI, in subprocesses: its flags, its errors, what it prints. */
const BIN = fileURLToPath(new URL('../../../bin/doorbell.js', import.meta.url));

let cwd: string;
let certificate: TestCertificate;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'doorbell-tls-cli-'));
  certificate = await testCertificate();
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

describe('doorbell start --tls-cert FILE --tls-key FILE --host ADDRESS', () => {
  it('wants both certificate flags or neither', async () => {
    for (const args of [
      ['--tls-cert', certificate.certFile],
      ['--tls-key', certificate.keyFile],
    ]) {
      const result = await run(['start', '--port', '0', ...args]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'doorbell: --tls-cert and --tls-key go together: give both (the certificate and its private key, PEM files) or neither.\n',
      );
    }
  });

  it('says which file cannot be read or used, and starts nothing', async () => {
    const notPem = join(cwd, 'not-pem.txt');
    await writeFile(notPem, 'hello');
    const missing = await run(['start', '--port', '0', '--tls-cert', join(cwd, 'missing.pem'), '--tls-key', certificate.keyFile]);
    expect(missing).toMatchObject({ code: 1, stderr: `doorbell: Cannot read the TLS certificate ${join(cwd, 'missing.pem')} (ENOENT).\n` });
    const garbled = await run(['start', '--port', '0', '--tls-cert', notPem, '--tls-key', certificate.keyFile]);
    expect(garbled).toMatchObject({ code: 1, stderr: `doorbell: ${notPem} is not a PEM certificate (-----BEGIN CERTIFICATE-----).\n` });
    const wrongKey = await run(['start', '--port', '0', '--tls-cert', certificate.certFile, '--tls-key', notPem]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain(`doorbell: ${notPem} is not the private key of ${certificate.certFile}, or not a PEM key`);
  });

  it('refuses an address that is not this machine’s, and ends (the face model, loaded by then, is closed)', async () => {
    // The default recognizer on purpose: its worker thread would keep a failed start alive if it were left open.
    const result = await run(['start', '--port', '0', '--host', '192.0.2.123']);
    expect(result).toMatchObject({
      code: 1,
      stderr:
        'Loading the face model…\n' +
        'doorbell: 192.0.2.123 is not an address of this machine: give one of its own with --host, or 0.0.0.0 for all of them.\n',
    });
  });

  it('prints https and wss links for the given host, and serves the dashboard over HTTPS', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'start',
        '--port',
        '0',
        '--recognizer',
        'manifest',
        '--empty',
        '--host',
        '127.0.0.1',
        '--tls-cert',
        certificate.certFile,
        '--tls-key',
        certificate.keyFile,
      ],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    try {
      const deadline = Date.now() + 30_000;
      while (!stdout.includes('Press Ctrl-C to stop.') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const webSocketUrl = /^ {2}WebSocket URL {4}(\S+)$/m.exec(stdout)?.[1] ?? '';
      const dashboard = /^ {2}Dashboard {8}(\S+)$/m.exec(stdout)?.[1] ?? '';
      expect(webSocketUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
      expect(dashboard.startsWith(`${webSocketUrl.replace('wss:', 'https:')}/dashboard/#token=`)).toBe(true);
      expect(stdout).toContain('On a phone, open it once the certificate\'s authority is trusted there (README: "Open it on your phone").');
      expect(stdout).toContain("  export NODE_EXTRA_CA_CERTS=<the PEM file of the certificate's authority>   # so the commands trust it");
      const status = await new Promise<number>((resolve, reject) =>
        request(dashboard, { ca: certificate.cert }, (response) => resolve(response.statusCode ?? 0))
          .on('error', reject)
          .end(),
      );
      expect(status).toBe(200);
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 60_000);
});
