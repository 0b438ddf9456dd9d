import { setTimeout as delay } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import type { AuthorizerEvent } from '../../../adapters/local-gateway/gateway-events';
import { allowPolicy, GOOD_TOKEN, handshakeStatus, openSocket, harnessPerTest, type Harness } from './gateway-harness';

const start = harnessPerTest();

const urlOf = (h: Harness, query: Record<string, string> = {}, path = '') =>
  `${h.address.url}${path}?${new URLSearchParams(query).toString()}`;

describe('LocalWebSocketGateway handshake', () => {
  it('refuses a handshake without a token with 401 when the authorizer throws Unauthorized', async () => {
    // Arrange
    const h = await start();

    // Act
    const answer = await handshakeStatus(urlOf(h));

    // Assess
    expect(answer).toEqual({ status: 401, body: '{"message":"Unauthorized"}' });
    expect(h.authorizations.all).toHaveLength(1);
    expect(h.connects.all).toHaveLength(0);
  });

  it('refuses a denied token with 403 and never calls $connect', async () => {
    // Arrange
    const h = await start();

    // Act
    const answer = await handshakeStatus(urlOf(h, { token: 'stolen' }));

    // Assess
    expect(answer).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect(h.connects.all).toHaveLength(0);
  });

  it('opens the connection for a good token, after $connect ran', async () => {
    // Arrange
    const h = await start();

    // Act
    const client = await h.connect();

    // Assess
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    expect(h.gateway.connections().map((c) => c.connectionId)).toEqual([client.connectionId]);
  });

  it('refuses with the status $connect returned, and never calls $disconnect for it', async () => {
    // Arrange
    const h = await start();

    // Act
    const answer = await handshakeStatus(urlOf(h, { token: GOOD_TOKEN, refuse: '500' }));
    await delay(100);

    // Assess
    expect(answer.status).toBe(500);
    expect(h.connects.all).toHaveLength(1);
    expect(h.disconnects.all).toHaveLength(0);
    expect(h.gateway.connections()).toEqual([]);
  });

  it.each([
    ['throws something other than Unauthorized', async () => Promise.reject(new Error('database down'))],
    ['returns no principalId', async (event: AuthorizerEvent) => ({ ...allowPolicy('x', event.methodArn), principalId: '' })],
    [
      'returns a context holding an object',
      async (event: AuthorizerEvent) => ({ ...allowPolicy('x', event.methodArn), context: { nested: { a: 1 } } }),
    ],
    ['returns nothing', async () => undefined],
  ])('refuses with 500 when the authorizer %s', async (_name, authorizer) => {
    // Arrange
    const h = await start({ routes: { authorizer } });

    // Act
    const answer = await handshakeStatus(urlOf(h, { token: GOOD_TOKEN }));

    // Assess
    expect(answer.status).toBe(500);
    expect(h.connects.all).toHaveLength(0);
    expect(h.logger.entries.some((entry) => entry.level === 'error')).toBe(true);
  });

  it('refuses with 403 when the policy allows only another resource', async () => {
    // Arrange
    const h = await start({
      routes: { authorizer: async () => allowPolicy('x', 'arn:aws:execute-api:local:000000000000:other/prod/$connect') },
    });

    // Act
    const answer = await handshakeStatus(urlOf(h, { token: GOOD_TOKEN }));

    // Assess
    expect(answer.status).toBe(403);
  });

  it('admits with a wildcard policy over the stage, as authorizers often return', async () => {
    // Arrange
    const authorizer = async (event: AuthorizerEvent) => allowPolicy('x', `${event.methodArn.split('/').slice(0, 2).join('/')}/*`);
    const h = await start({ routes: { authorizer } });

    // Act
    const answer = await handshakeStatus(urlOf(h, { token: GOOD_TOKEN }));

    // Assess
    expect(answer.status).toBe(101);
  });

  it('refuses a handshake lacking an identity source with 401 without calling the authorizer', async () => {
    // Arrange
    const h = await start({ identitySource: ['route.request.querystring.token'] });

    // Act
    const missing = await handshakeStatus(urlOf(h));
    const present = await handshakeStatus(urlOf(h, { token: GOOD_TOKEN }));

    // Assess
    expect(missing.status).toBe(401);
    expect(present.status).toBe(101);
    expect(h.authorizations.all).toHaveLength(1);
  });

  it('refuses with 500 when $connect throws, and with 504 when it outlives the integration timeout', async () => {
    // Arrange
    let call = 0;
    const h = await start({
      integrationTimeoutMs: 100,
      routes: { $connect: () => (++call === 1 ? Promise.reject(new Error('boom')) : new Promise(() => undefined)) },
    });

    // Act
    const thrown = await handshakeStatus(urlOf(h, { token: GOOD_TOKEN }));
    const hung = await handshakeStatus(urlOf(h, { token: GOOD_TOKEN }));

    // Assess
    expect(thrown.status).toBe(500);
    expect(hung.status).toBe(504);
  });

  it('accepts the stage path and refuses other paths with 403', async () => {
    // Arrange
    const h = await start();

    // Act
    const staged = await handshakeStatus(urlOf(h, { token: GOOD_TOKEN }, '/prod'));
    const other = await handshakeStatus(urlOf(h, { token: GOOD_TOKEN }, '/dev'));

    // Assess
    expect(staged.status).toBe(101);
    expect(other.status).toBe(403);
    expect(h.authorizations.all).toHaveLength(1);
  });

  it('answers a subprotocol only when $connect returns it, as API Gateway does', async () => {
    // Arrange
    const h = await start({
      routes: { $connect: async () => ({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'doorbell.v1' } }) },
    });

    // Act
    const socket = await openSocket(urlOf(h, { token: GOOD_TOKEN }), { protocols: ['doorbell.v2', 'doorbell.v1'] });

    // Assess
    expect(socket.protocol).toBe('doorbell.v1');
    socket.close();
  });

  it('lets a $connect that posts to its own connection see 410: it is not connected yet', async () => {
    // Arrange
    const outcomes: unknown[] = [];
    let h!: Harness;
    h = await start({
      routes: {
        $connect: async (event) => {
          outcomes.push(await h.notifier.push(event.requestContext.connectionId as never, { type: 'pong', version: 1 }));
          return { statusCode: 200 };
        },
      },
    });

    // Act
    const socket = await openSocket(urlOf(h, { token: GOOD_TOKEN }));

    // Assess
    expect(outcomes).toEqual(['gone']);
    socket.close();
  });

  it('calls $disconnect (1006) when the client left while $connect was running, as the connection was admitted', async () => {
    // Arrange
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = await start({
      routes: {
        $connect: async (event) => {
          h.connects.add(event);
          await gate;
          return { statusCode: 200 };
        },
      },
    });
    const socket = new WebSocket(urlOf(h, { token: GOOD_TOKEN }));
    socket.on('error', () => undefined);
    const connect = await h.connects.waitFor(() => true);

    // Act
    socket.terminate();
    await delay(50);
    release();
    const disconnect = await h.disconnectOf(connect.requestContext.connectionId);

    // Assess
    expect(disconnect.requestContext.disconnectStatusCode).toBe(1006);
    expect(h.gateway.connections()).toEqual([]);
  });
});
