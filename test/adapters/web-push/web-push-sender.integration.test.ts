import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryVapidKeyStore } from '../../../adapters/in-memory/in-memory-vapid-key-store';
import { generateVapidKeyPair } from '../../../adapters/web-push/vapid-keys';
import { pushTopic, WebPushSender, type WebPushSenderOptions } from '../../../adapters/web-push/web-push-sender';
import type { PushOptions } from '../../../domain/ports/push-sender';
import { aPushSubscription } from '../../support/builders';
import { freePort, startPushService } from '../../support/push-service';

/**
 * The sender's answers to what a push service says, against a scripted HTTP server on loopback (statuses, headers,
 * silence); the keys are a real browser's (from web-push-testing), so every request is really encrypted and signed.
 */
type Script = { status: number; headers?: Record<string, string> } | 'hang';

let server: Server;
let origin: string;
let script: Script[] = [];
const received: { path: string; headers: IncomingHttpHeaders; bytes: number }[] = [];
let browserKeys: { p256dh: string; auth: string };

beforeAll(async () => {
  const pushService = await startPushService();
  try {
    browserKeys = (await pushService.subscribe(generateVapidKeyPair().publicKey)).keys;
  } finally {
    await pushService.close();
  }
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, bytes: Buffer.concat(chunks).length });
      const next = script.shift() ?? { status: 201 };
      if (next === 'hang') return;
      response.writeHead(next.status, next.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const OPTIONS: PushOptions = { ttlSeconds: 900, urgency: 'high', replaceKey: 'ring:home:ring-1' };

function sender(options: Partial<WebPushSenderOptions> = {}) {
  const waits: number[] = [];
  const made = new WebPushSender({
    keys: new InMemoryVapidKeyStore(generateVapidKeyPair),
    subject: 'mailto:test@example.com',
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { sender: made, waits };
}

async function push(given: Script[], options: Partial<WebPushSenderOptions> = {}, endpoint = `${origin}/push/${received.length}`) {
  script = [...given];
  received.length = 0;
  const { sender: made, waits } = sender(options);
  try {
    const delivery = await made.send(aPushSubscription({ endpoint, keys: browserKeys }), '{"type":"ring"}', OPTIONS);
    return { delivery, waits, requests: [...received] };
  } finally {
    made.close();
  }
}

describe('WebPushSender', () => {
  it('sends an aes128gcm body with VAPID, TTL, Urgency high and a 32-character topic: 201 is delivered', async () => {
    const { delivery, requests } = await push([{ status: 201 }]);
    expect(delivery).toEqual({ kind: 'delivered' });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers).toMatchObject({
      'content-encoding': 'aes128gcm',
      ttl: '900',
      urgency: 'high',
      topic: pushTopic(OPTIONS.replaceKey),
      authorization: expect.stringMatching(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]{87}$/),
    });
    expect(pushTopic(OPTIONS.replaceKey)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Header (86) + the 15-byte payload + padding delimiter + tag (16): encrypted, not the plain text.
    expect(requests[0]!.bytes).toBe(86 + 15 + 1 + 16);
  });

  it.each([404, 410])('answers gone for %i, without retrying', async (status) => {
    const { delivery, requests } = await push([{ status }]);
    expect(delivery).toEqual({ kind: 'gone', status });
    expect(requests).toHaveLength(1);
  });

  it('retries a 5xx with backoff and delivers', async () => {
    const { delivery, requests, waits } = await push([{ status: 503 }, { status: 502 }, { status: 201 }]);
    expect(delivery).toEqual({ kind: 'delivered' });
    expect(requests).toHaveLength(3);
    // Full jitter at 0.5: half of 200 ms, then half of 400 ms.
    expect(waits).toEqual([100, 200]);
  });

  it('waits as long as Retry-After says (seconds or a date) before trying a 429 again', async () => {
    const seconds = await push([{ status: 429, headers: { 'retry-after': '2' } }, { status: 201 }]);
    expect(seconds.delivery).toEqual({ kind: 'delivered' });
    expect(seconds.waits).toEqual([2_000]);
    const now = Date.parse('2026-12-02T12:00:00Z');
    const date = await push([{ status: 429, headers: { 'retry-after': 'Wed, 02 Dec 2026 12:00:03 GMT' } }, { status: 201 }], {
      now: () => now,
    });
    expect(date.waits).toEqual([3_000]);
  });

  it('fails at once when Retry-After is longer than it may wait, and after its attempts when throttled throughout', async () => {
    const tooLong = await push([{ status: 429, headers: { 'retry-after': '120' } }]);
    expect(tooLong.delivery).toMatchObject({ kind: 'failed', reason: expect.stringContaining('Retry-After 120000 ms') });
    expect(tooLong.requests).toHaveLength(1);
    const throttled = await push([{ status: 429 }, { status: 429 }, { status: 429 }, { status: 201 }]);
    expect(throttled.delivery).toEqual({ kind: 'failed', reason: 'the push service answered 429, after 3 attempts' });
    expect(throttled.requests).toHaveLength(3);
  });

  it('fails without retrying on what retrying cannot fix (400, 403, 413)', async () => {
    for (const status of [400, 403, 413]) {
      const { delivery, requests } = await push([{ status }]);
      expect(delivery).toEqual({ kind: 'failed', reason: `the push service answered ${status}` });
      expect(requests).toHaveLength(1);
    }
  });

  it('gives up on a push service that does not answer in time, or is not there, and never rejects', async () => {
    const silent = await push(['hang', 'hang'], { timeoutMs: 100, maxAttempts: 2 });
    expect(silent.delivery).toMatchObject({ kind: 'failed', reason: expect.stringContaining('did not answer within 100 ms') });
    expect(silent.requests).toHaveLength(2);
    const nobody = await push([], { maxAttempts: 2 }, `http://127.0.0.1:${await freePort()}/push/1`);
    expect(nobody.delivery).toMatchObject({ kind: 'failed', reason: expect.stringContaining('ECONNREFUSED') });
  });

  it('signs the VAPID token once per push service and reuses it, signing again an hour before its 12 hours run out', async () => {
    script = [];
    received.length = 0;
    let now = Date.parse('2026-12-02T12:00:00Z');
    const { sender: made } = sender({ now: () => now });
    const send = (endpoint: string) => made.send(aPushSubscription({ endpoint, keys: browserKeys }), '{}', OPTIONS);
    await send(`${origin}/push/a`);
    await send(`${origin}/push/b`);
    await send(`${origin.replace('127.0.0.1', 'localhost')}/push/c`);
    now += 10 * 3_600_000;
    await send(`${origin}/push/d`);
    now += 1 * 3_600_000 + 1;
    await send(`${origin}/push/e`);
    made.close();
    const [a, b, c, d, e] = received.map((request) => String(request.headers.authorization));
    const claims = (authorization: string) =>
      JSON.parse(Buffer.from(authorization.split(' ')[1]!.split('.')[1]!, 'base64url').toString()) as { aud: string; exp: number };
    expect([b, d]).toEqual([a, a]);
    expect(c).not.toBe(a);
    expect(claims(c!).aud).toBe(origin.replace('127.0.0.1', 'localhost'));
    expect(e).not.toBe(a);
    expect(claims(a!)).toMatchObject({ aud: origin, exp: Date.parse('2026-12-03T00:00:00Z') / 1000 });
  });

  it('fails, without a request, for keys no browser would give', async () => {
    script = [];
    received.length = 0;
    const { sender: made } = sender();
    const delivery = await made.send(aPushSubscription({ endpoint: `${origin}/push/x` }), '{}', OPTIONS);
    made.close();
    expect(delivery).toMatchObject({ kind: 'failed', reason: expect.stringContaining('could not build the push') });
    expect(received).toEqual([]);
  });
});
