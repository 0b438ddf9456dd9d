import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSocket, startHarness, type Harness } from './gateway-harness';

/** Route selection and the events the handlers receive, field by field, as API Gateway shapes them. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const CONNECTION_ID = /^[A-Za-z0-9+/]{15}=$/;
const REQUEST_TIME = /^\d{2}\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;

describe('LocalWebSocketGateway route selection ($request.body.action)', () => {
  it('routes an action that names a route to that route', async () => {
    // Arrange
    const client = await h.connect();

    // Act
    client.send(JSON.stringify({ action: 'ping' }));

    // Assess
    expect(await client.receivedJson(1)).toEqual([{ type: 'pong', version: 1 }]);
    const event = await h.messages.waitFor((e) => e.requestContext.connectionId === client.connectionId);
    expect(event.requestContext.routeKey).toBe('ping');
  });

  it.each([
    ['an unknown action', '{"action":"dance"}'],
    ['a numeric action', '{"action":5}'],
    ['no action', '{"type":"ping"}'],
    ['text that is not JSON', 'hello there'],
    ['a JSON array', '[{"action":"ping"}]'],
    ['a lifecycle route key as action', '{"action":"$connect"}'],
    ['the authorizer slot as action', '{"action":"authorizer"}'],
  ])('routes %s to $default, with the body as sent', async (_name, body) => {
    // Arrange
    const client = await h.connect();

    // Act
    client.send(body);

    // Assess
    expect(await client.receivedJson(1)).toEqual([{ echo: body, routeKey: '$default' }]);
  });

  it('routes a binary frame to $default, base64-encoded and flagged', async () => {
    // Arrange
    const client = await h.connect();
    const bytes = Buffer.from([0x7b, 0x00, 0xff, 0x10]);

    // Act
    client.send(bytes);

    // Assess
    const event = await h.messages.waitFor((e) => e.requestContext.connectionId === client.connectionId);
    expect(event).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true, requestContext: { routeKey: '$default' } });
  });
});

describe('LocalWebSocketGateway events', () => {
  it('gives the authorizer a REQUEST event for the $connect methodArn, with headers and query', async () => {
    // Arrange, Act
    const client = await h.connect({ query: { extra: 'a' }, headers: { 'X-Device-Model': 'porch-cam' } });
    const connect = await h.connects.waitFor((e) => e.requestContext.connectionId === client.connectionId);
    const tag = connect.queryStringParameters?.['tag'];
    const event = await h.authorizations.waitFor((e) => e.queryStringParameters['tag'] === tag);

    // Assess
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:local:000000000000:local/prod/$connect',
      headers: { 'X-Device-Model': 'porch-cam' },
      multiValueHeaders: { 'X-Device-Model': ['porch-cam'] },
      queryStringParameters: { token: 'good', extra: 'a' },
      multiValueQueryStringParameters: { token: ['good'], extra: ['a'] },
      stageVariables: {},
      requestContext: { routeKey: '$connect', eventType: 'CONNECT', connectionId: client.connectionId, stage: 'prod', apiId: 'local' },
    });
  });

  it('gives $connect a CONNECT event with the authorizer context as strings, its principalId and latency', async () => {
    // Arrange
    const before = Date.now();

    // Act
    const client = await h.connect({ headers: { 'X-Device-Model': 'porch-cam' } });
    const event = await h.connects.waitFor((e) => e.requestContext.connectionId === client.connectionId);

    // Assess
    const { requestContext } = event;
    expect(client.connectionId).toMatch(CONNECTION_ID);
    expect(requestContext).toMatchObject({
      routeKey: '$connect',
      eventType: 'CONNECT',
      messageDirection: 'IN',
      stage: 'prod',
      apiId: 'local',
      domainName: new URL(h.address.url).host,
      identity: { sourceIp: '127.0.0.1', userAgent: 'doorbell-test' },
      authorizer: {
        principalId: 'device-1',
        householdId: 'home-1',
        deviceId: 'device-1',
        role: 'resident',
        answer: '42',
        trusted: 'true',
      },
    });
    expect(requestContext.authorizer?.integrationLatency).toEqual(expect.any(Number));
    expect(requestContext.connectedAt).toBeGreaterThanOrEqual(before);
    expect(requestContext.requestTimeEpoch).toBeGreaterThanOrEqual(requestContext.connectedAt);
    expect(requestContext.requestTime).toMatch(REQUEST_TIME);
    expect(requestContext.requestId).toBe(requestContext.extendedRequestId);
    expect(requestContext).not.toHaveProperty('messageId');
    expect(event.headers).toMatchObject({ 'X-Device-Model': 'porch-cam', 'User-Agent': 'doorbell-test', 'X-Forwarded-For': '127.0.0.1' });
    expect(event.headers['Sec-WebSocket-Key']).toEqual(expect.any(String));
    expect(event.queryStringParameters).toMatchObject({ token: 'good' });
    expect(event.isBase64Encoded).toBe(false);
  });

  it('leaves the query maps out of CONNECT when the URL has no query string, as API Gateway does', async () => {
    // Arrange
    const withoutQuery = await startHarness({ routes: { authorizer: undefined } });
    try {
      // Act
      const socket = await openSocket(withoutQuery.address.url);
      const event = await withoutQuery.connects.waitFor(() => true);
      socket.close();

      // Assess
      expect(event).not.toHaveProperty('queryStringParameters');
      expect(event).not.toHaveProperty('multiValueQueryStringParameters');
      expect(event.requestContext).not.toHaveProperty('authorizer');
    } finally {
      await withoutQuery.stop();
    }
  });

  it('gives every MESSAGE its own messageId, the raw body, and the connection authorizer context', async () => {
    // Arrange
    const client = await h.connect();
    const connect = await h.connects.waitFor((e) => e.requestContext.connectionId === client.connectionId);
    const bodies = ['{"action":"ping"}', 'plain text', '{"action":"history","limit":5}'];

    // Act
    bodies.forEach((body) => client.send(body));
    await client.received(3);

    // Assess
    const events = h.messages.all.filter((e) => e.requestContext.connectionId === client.connectionId);
    expect(events.map((e) => e.body)).toEqual(bodies);
    expect(events.map((e) => e.isBase64Encoded)).toEqual([false, false, false]);
    expect(new Set(events.map((e) => e.requestContext.messageId)).size).toBe(3);
    for (const { requestContext } of events) {
      expect(requestContext).toMatchObject({
        eventType: 'MESSAGE',
        messageDirection: 'IN',
        connectionId: client.connectionId,
        connectedAt: connect.requestContext.connectedAt,
        identity: { sourceIp: '127.0.0.1', userAgent: 'doorbell-test' },
        stage: 'prod',
        apiId: 'local',
      });
      expect(requestContext.authorizer).toEqual(connect.requestContext.authorizer);
      expect(requestContext.messageId).toMatch(CONNECTION_ID);
      expect(requestContext.requestTime).toMatch(REQUEST_TIME);
    }
  });

  it('gives $disconnect the client close code, API Gateway reason and the authorizer context', async () => {
    // Arrange
    const client = await h.connect();
    const connect = await h.connects.waitFor((e) => e.requestContext.connectionId === client.connectionId);

    // Act
    client.socket.close(1000, 'bye');
    const event = await h.disconnectOf(client.connectionId);

    // Assess
    expect(event).toMatchObject({
      headers: { Host: new URL(h.address.url).host, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' },
      multiValueHeaders: { Host: [new URL(h.address.url).host] },
      isBase64Encoded: false,
      requestContext: {
        routeKey: '$disconnect',
        eventType: 'DISCONNECT',
        messageDirection: 'IN',
        disconnectStatusCode: 1000,
        disconnectReason: 'Client-side close frame status code',
        connectionId: client.connectionId,
        connectedAt: connect.requestContext.connectedAt,
        authorizer: connect.requestContext.authorizer,
      },
    });
  });

  it('reports 1005 when the client closes without a status code', async () => {
    // Arrange
    const client = await h.connect();

    // Act
    client.socket.close();
    const event = await h.disconnectOf(client.connectionId);

    // Assess
    expect(event.requestContext).toMatchObject({ disconnectStatusCode: 1005, disconnectReason: 'Client-side close frame status not set' });
  });
});
