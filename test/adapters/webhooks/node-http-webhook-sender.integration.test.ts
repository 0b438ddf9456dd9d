import { afterEach, describe, expect, it } from 'vitest';
import { NodeHttpWebhookSender } from '../../../adapters/webhooks/node-http-webhook-sender';
import type { WebhookRequest } from '../../../domain/ports/webhook-sender';
import { testCertificate } from '../../support/test-certificate';
import { startReceiver, verifyDoorbellWebhook } from '../../support/webhook-receiver';

const SECRET = 'f'.repeat(64);
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function request(url: string, overrides: Partial<WebhookRequest> = {}): WebhookRequest {
  return {
    url,
    secret: SECRET,
    deliveryId: 'ring.r1.wh_1',
    event: 'ring',
    body: JSON.stringify({ event: 'ring', text: 'Alice is at the front door' }),
    timestamp: Math.floor(Date.now() / 1000),
    ...overrides,
  };
}

async function receiver(...args: Parameters<typeof startReceiver>) {
  const started = await startReceiver(...args);
  closers.push(started.close);
  return started;
}

describe('NodeHttpWebhookSender against a local receiver', () => {
  it('delivers a JSON body the receiver verifies with the documented headers', async () => {
    const hook = await receiver();
    const outcome = await new NodeHttpWebhookSender().send(request(hook.url));
    expect(outcome).toEqual({ kind: 'delivered', status: 200 });
    const [got] = hook.received;
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['doorbell-webhook-id']).toBe('ring.r1.wh_1');
    expect(got?.headers['doorbell-event']).toBe('ring');
    expect(got?.headers['user-agent']).toMatch(/^Doorbell-Webhooks\//);
    expect(verifyDoorbellWebhook(SECRET, got!.headers, got!.body)).toBe(true);
    expect(verifyDoorbellWebhook('another secret', got!.headers, got!.body)).toBe(false);
    expect(verifyDoorbellWebhook(SECRET, got!.headers, `${got!.body} `)).toBe(false);
  });

  it('reports a 500 as failed with its status', async () => {
    const hook = await receiver((_request, response) => {
      response.statusCode = 500;
      response.end('x'.repeat(100_000));
    });
    expect(await new NodeHttpWebhookSender().send(request(hook.url))).toEqual({ kind: 'failed', failure: { kind: 'status', status: 500 } });
  });

  it('follows no redirect: a 302 is a failure and the target is never called', async () => {
    const target = await receiver();
    const hook = await receiver((_request, response) => {
      response.writeHead(302, { location: target.url }).end();
    });
    expect(await new NodeHttpWebhookSender().send(request(hook.url))).toEqual({ kind: 'failed', failure: { kind: 'status', status: 302 } });
    expect(target.received).toHaveLength(0);
  });

  it('gives up on a slow receiver at the attempt timeout', async () => {
    const hook = await receiver(() => undefined);
    const started = Date.now();
    expect(await new NodeHttpWebhookSender({ timeout: 300 }).send(request(hook.url))).toEqual({
      kind: 'failed',
      failure: { kind: 'timeout' },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a receiver that is down as unreachable', async () => {
    const hook = await receiver();
    await hook.close();
    const outcome = await new NodeHttpWebhookSender().send(request(hook.url));
    expect(outcome).toMatchObject({ kind: 'failed', failure: { kind: 'unreachable', detail: 'ECONNREFUSED' } });
  });

  it('verifies TLS: an untrusted certificate fails, the same one trusted delivers', async () => {
    // Made with Node only: a clean machine need not have openssl.
    const tls = await testCertificate();
    const hook = await receiver(undefined, tls);
    expect(await new NodeHttpWebhookSender().send(request(hook.url))).toMatchObject({ kind: 'failed', failure: { kind: 'tls' } });
    expect(hook.received).toHaveLength(0);
    expect(await new NodeHttpWebhookSender({ ca: tls.cert }).send(request(hook.url))).toEqual({ kind: 'delivered', status: 200 });
    expect(verifyDoorbellWebhook(SECRET, hook.received[0]!.headers, hook.received[0]!.body)).toBe(true);
  });

  it('sends to http: and https: URLs only', async () => {
    expect(await new NodeHttpWebhookSender().send(request('ftp://127.0.0.1/hook'))).toMatchObject({
      kind: 'failed',
      failure: { kind: 'refused-url' },
    });
  });
});
