import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ConnectionId } from '../../../domain/ids';
import { pongMessage } from '../../../domain/protocol/server-messages';
import { handshakeStatus, harnessPerTest } from './gateway-harness';

/** How connections end: limits, timeouts, vanished clients, and the gateway stopping. */
const start = harnessPerTest();

describe('LocalWebSocketGateway message size', () => {
  it('closes a connection that sends more than 128 KB with 1009, and keeps serving the others', async () => {
    // Arrange
    const h = await start();
    const [big, other] = [await h.connect(), await h.connect()];

    // Act
    big.send('x'.repeat(129 * 1024));
    const closed = await big.closed;
    const disconnect = await h.disconnectOf(big.connectionId);
    other.send('{"action":"ping"}');

    // Assess
    expect(closed.code).toBe(1009);
    expect(disconnect.requestContext).toMatchObject({ disconnectStatusCode: 1009, disconnectReason: 'Message Too Big' });
    expect(h.messages.all.some((e) => e.requestContext.connectionId === big.connectionId)).toBe(false);
    expect(await other.receivedJson(1)).toEqual([pongMessage()]);
  });

  it('delivers a message of exactly 128 KB', async () => {
    // Arrange
    const h = await start({ routes: { $default: async (event) => void h.messages.add(event) } });
    const client = await h.connect();

    // Act
    client.send('y'.repeat(128 * 1024));
    const event = await h.messages.waitFor((e) => e.requestContext.connectionId === client.connectionId);

    // Assess
    expect(event.body).toHaveLength(128 * 1024);
  });

  it('counts a fragmented message as a whole', async () => {
    // Arrange
    const h = await start();
    const client = await h.connect();

    // Act
    client.socket.send('a'.repeat(70 * 1024), { fin: false });
    client.socket.send('b'.repeat(70 * 1024), { fin: true });

    // Assess
    expect((await client.closed).code).toBe(1009);
  });
});

describe('LocalWebSocketGateway timeouts', () => {
  it("closes a connection idle for idleTimeoutMs with 1001 and reports API Gateway's 'Going away'", async () => {
    // Arrange
    const h = await start({ idleTimeoutMs: 150 });
    const client = await h.connect();

    // Act
    const closed = await client.closed;
    const disconnect = await h.disconnectOf(client.connectionId);

    // Assess
    expect(closed.code).toBe(1001);
    expect(disconnect.requestContext).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: 'Going away' });
  });

  it('keeps a connection whose client keeps talking, but not one that only receives', async () => {
    // Arrange
    const h = await start({ idleTimeoutMs: 400 });
    const [talking, listening] = [await h.connect(), await h.connect()];

    // Act: well past the idle timeout, the one talking every 60 ms, the other only posted to.
    for (let i = 0; i < 12; i++) {
      talking.send('{"action":"ping"}');
      await h.notifier.push(listening.connectionId as ConnectionId, pongMessage());
      await delay(60);
    }

    // Assess
    expect(talking.socket.readyState).toBe(talking.socket.OPEN);
    expect((await listening.closed).code).toBe(1001);
  });

  it('closes every connection after maxConnectionDurationMs, however busy, with 1001', async () => {
    // Arrange
    const h = await start({ maxConnectionDurationMs: 250 });
    const client = await h.connect();
    const chatter = setInterval(() => client.socket.readyState === client.socket.OPEN && client.send('{"action":"ping"}'), 40);

    // Act
    const closed = await client.closed;
    clearInterval(chatter);
    const disconnect = await h.disconnectOf(client.connectionId);

    // Assess
    expect(closed.code).toBe(1001);
    expect(disconnect.requestContext).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: 'Going away' });
    expect(disconnect.requestContext.requestTimeEpoch - disconnect.requestContext.connectedAt).toBeGreaterThanOrEqual(240);
  });
});

describe('LocalWebSocketGateway vanished clients', () => {
  it('calls $disconnect with 1006 for a client that drops without a close frame; posting to it is then gone', async () => {
    // Arrange
    const h = await start();
    const client = await h.connect();

    // Act
    client.vanish();
    const disconnect = await h.disconnectOf(client.connectionId);
    const push = await h.notifier.push(client.connectionId as ConnectionId, pongMessage());

    // Assess
    expect(disconnect.requestContext).toMatchObject({ disconnectStatusCode: 1006, disconnectReason: 'Connection Closed Abnormally' });
    expect(push).toBe('gone');
  });

  it('drops a half-open client that stops answering pings, with 1006', async () => {
    // Arrange
    const h = await start({ heartbeatIntervalMs: 50 });
    const client = await h.connect();

    // Act: the client stops reading, as a peer that silently went away would (no TCP close ever arrives).
    (client.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const disconnect = await h.disconnectOf(client.connectionId, 2_000);

    // Assess
    expect(disconnect.requestContext.disconnectStatusCode).toBe(1006);
    expect(h.gateway.connections()).toEqual([]);
  });

  it('keeps clients that answer pings', async () => {
    // Arrange
    const h = await start({ heartbeatIntervalMs: 100 });
    const client = await h.connect();

    // Act
    await delay(450);

    // Assess
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    expect(h.disconnects.all).toHaveLength(0);
  });
});

describe('LocalWebSocketGateway stop', () => {
  it('closes every connection with 1001, runs their $disconnects, and refuses new handshakes', async () => {
    // Arrange
    const h = await start();
    const clients = [await h.connect(), await h.connect()];

    // Act
    await h.gateway.stop();

    // Assess
    expect((await Promise.all(clients.map((c) => c.closed))).map((c) => c.code)).toEqual([1001, 1001]);
    expect(h.disconnects.all.map((e) => e.requestContext.disconnectStatusCode)).toEqual([1001, 1001]);
    await expect(handshakeStatus(h.address.url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('runs a pending $disconnect before stop resolves', async () => {
    // Arrange
    let finished = false;
    const h = await start({
      routes: {
        $disconnect: async () => {
          await delay(100);
          finished = true;
        },
      },
    });
    const client = await h.connect();
    client.socket.close();
    await client.closed;

    // Act
    await h.gateway.stop();

    // Assess
    expect(finished).toBe(true);
  });
});
