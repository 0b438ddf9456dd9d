import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { SECURITY_HEADERS } from '../../adapters/local-http/http-io';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { startHarness, type Harness } from '../adapters/local-gateway/gateway-harness';

/**
 * Every HTTP request to the local doorbell gets an answer at once, over real HTTP with the path kept exactly as
 * sent (no client-side normalisation): dot segments and broken percent-encodings are 400, unknown paths 404, each
 * with the security headers; and idle or slow clients are cut off by the server's timeouts.
 */
interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** One request with the path as given, byte for byte. */
function send(base: string, method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, method, path, headers, agent: false }, (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    outgoing.once('error', reject);
    outgoing.end();
  });
}

let doorbell: RunningLocalDoorbell;
beforeAll(async () => {
  doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY });
});
afterAll(() => doorbell?.stop());

describe('requests whose path is kept as sent', () => {
  it.each([
    ['GET', '/dashboard/../package.json'],
    ['GET', '/dashboard/%2e%2e/x'],
    ['GET', '/dashboard/%2E%2e/package.json'],
    ['GET', '/admin/../dashboard/'],
    ['GET', '/photos/./x'],
    ['GET', '/dashboard/..\\package.json'],
  ])('%s %s → 400 with the security headers', async (method, path) => {
    const answer = await send(doorbell.httpUrl, method, path);

    expect(answer.status).toBe(400);
    expect(answer.headers).toMatchObject(SECURITY_HEADERS);
  });

  it.each([
    ['GET', '/photos/%ZZ'],
    ['PUT', '/photos/%ZZ?expires=1&signature=00'],
    ['DELETE', '/admin/visitors/%ZZ'],
    ['GET', '/dashboard/%E0%A4%A'],
  ])('%s %s (broken percent-encoding) → 400, not 500', async (method, path) => {
    const answer = await send(doorbell.httpUrl, method, path, { authorization: `Bearer ${doorbell.adminKey}` });

    expect(answer.status).toBe(400);
  });

  it('answers a path nothing serves with 404 and the security headers', async () => {
    for (const path of ['/nothing', '/photos', '/admin', '/dashboard/no-such-file.js']) {
      const answer = await send(doorbell.httpUrl, 'GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.headers).toMatchObject(SECURITY_HEADERS);
    }
  });

  it('answers a thousand traversal attempts at once, every one', async () => {
    const paths = Array.from({ length: 1_000 }, (_, i) => (i % 2 === 0 ? `/dashboard/../package.json?${i}` : `/admin/../dashboard/?${i}`));

    const answers = await Promise.all(paths.map((path) => send(doorbell.httpUrl, 'GET', path)));

    expect(answers.map((answer) => answer.status)).toEqual(paths.map(() => 400));
  });
});

describe('the server timeouts', () => {
  let harness: Harness | undefined;
  afterEach(() => harness?.stop());

  /** A raw TCP client: what it sent is up to the test; resolves with everything the server wrote, once it closed. */
  function rawClient(url: string, text: string): Promise<string> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write(text));
      let received = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
      socket.once('close', () => resolve(received));
      socket.once('error', reject);
    });
  }

  it('cuts off a client that never finishes its headers (408) and an idle keep-alive socket', async () => {
    const httpLimits = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300, checkIntervalMs: 50 };
    harness = await startHarness({ httpLimits });
    const url = harness.address.managementEndpoint;

    const slow = await rawClient(url, 'GET /nothing HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const idle = await rawClient(url, 'GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n');

    expect(slow).toMatch(/^HTTP\/1\.1 408/);
    expect(idle).toMatch(/^HTTP\/1\.1 403/);
  });
});
