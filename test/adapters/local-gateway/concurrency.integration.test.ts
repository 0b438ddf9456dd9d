import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../../adapters/local-gateway/gateway-events';
import { pongMessage } from '../../../domain/protocol/server-messages';
import { postTo, harnessPerTest } from './gateway-harness';

/** Many connections at once, slow and failing handlers: the gateway keeps each connection's order and keeps going. */
const start = harnessPerTest();

describe('LocalWebSocketGateway concurrency', () => {
  it('serves 200 concurrent connections, each receiving its own reply', async () => {
    // Arrange
    const h = await start();
    const clients = await Promise.all(Array.from({ length: 200 }, () => h.connect()));

    // Act
    clients.forEach((client, n) => client.send(`message ${n}`));
    const replies = await Promise.all(clients.map((client) => client.receivedJson(1, 15_000)));

    // Assess
    replies.forEach((reply, n) => expect(reply).toEqual([{ echo: `message ${n}`, routeKey: '$default' }]));
    expect(new Set(clients.map((client) => client.connectionId)).size).toBe(200);
  }, 30_000);

  it("does not let one connection's slow handler hold up another connection", async () => {
    // Arrange
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = await start({ routes: { slow: async (_event: MessageEvent) => gate } });
    const [blocked, free] = [await h.connect(), await h.connect()];

    // Act
    blocked.send('{"action":"slow"}');
    blocked.send('{"action":"ping"}');
    free.send('{"action":"ping"}');

    // Assess
    expect(await free.receivedJson(1)).toEqual([pongMessage()]);
    await delay(50);
    expect(blocked.frames).toEqual([]);
    release();
    expect(await blocked.receivedJson(1)).toEqual([pongMessage()]);
  });

  it("keeps one connection's messages in order, whatever each handler takes", async () => {
    // Arrange
    const h = await start({
      routes: {
        $default: async (event) => {
          await delay(Number(event.body) % 3 === 0 ? 20 : 1);
          await postTo(h.client, event.requestContext.connectionId, event.body);
        },
      },
    });
    const client = await h.connect();
    const bodies = Array.from({ length: 20 }, (_, n) => String(n));

    // Act
    bodies.forEach((body) => client.send(body));

    // Assess
    expect(await client.received(20)).toEqual(bodies);
  });
});

describe('LocalWebSocketGateway failing handlers', () => {
  it('logs a handler that throws, tells the client as API Gateway does, and serves the next message', async () => {
    // Arrange
    const h = await start({
      routes: {
        explode: async (_event: MessageEvent) => {
          throw new Error('kaboom');
        },
      },
    });
    const client = await h.connect();

    // Act
    client.send('{"action":"explode"}');
    client.send('{"action":"ping"}');

    // Assess
    const [failure, pong] = await client.receivedJson(2);
    expect(failure).toEqual({ message: 'Internal server error', connectionId: client.connectionId, requestId: expect.any(String) });
    expect(pong).toEqual(pongMessage());
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'explode handler failed',
        fields: expect.objectContaining({ connectionId: client.connectionId }),
      }),
    );
  });

  it('answers Forbidden when no route matches and there is no $default', async () => {
    // Arrange
    const h = await start({ routes: { $default: undefined } });
    const client = await h.connect();

    // Act
    client.send('{"action":"dance"}');

    // Assess
    expect(await client.receivedJson(1)).toEqual([
      { message: 'Forbidden', connectionId: client.connectionId, requestId: expect.any(String) },
    ]);
  });

  it('stops waiting for a handler after the integration timeout and keeps the connection', async () => {
    // Arrange
    const h = await start({ integrationTimeoutMs: 100, routes: { hang: (_event: MessageEvent) => new Promise(() => undefined) } });
    const client = await h.connect();

    // Act
    client.send('{"action":"hang"}');
    client.send('{"action":"ping"}');

    // Assess
    const [timedOut, pong] = await client.receivedJson(2);
    expect(timedOut).toMatchObject({ message: 'Endpoint request timed out', connectionId: client.connectionId });
    expect(pong).toEqual(pongMessage());
  });

  it('survives a $disconnect that throws', async () => {
    // Arrange
    const h = await start({
      routes: {
        $disconnect: async () => {
          throw new Error('table gone');
        },
      },
    });
    const first = await h.connect();

    // Act
    first.socket.close();
    await first.closed;
    await delay(50);
    const second = await h.connect();
    second.send('{"action":"ping"}');

    // Assess
    expect(await second.receivedJson(1)).toEqual([pongMessage()]);
    expect(h.logger.entries.some((entry) => entry.message === '$disconnect handler failed')).toBe(true);
  });
});
