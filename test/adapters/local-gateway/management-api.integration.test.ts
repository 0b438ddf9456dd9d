import {
  DeleteConnectionCommand,
  ForbiddenException,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManagementApiClient } from '../../../adapters/api-gateway/management-api-client';
import { startHarness, type Harness } from './gateway-harness';

/** The @connections API through the real SDK client, as the Lambda handlers and ApiGatewayDeviceNotifier use it. */
let h: Harness;
let dashboardHits = 0;
beforeAll(async () => {
  h = await startHarness({
    httpRoutes: (request, response) => {
      if (request.url !== '/dashboard') return false;
      dashboardHits++;
      response.writeHead(200, { 'content-type': 'text/plain' }).end('dashboard');
      return true;
    },
  });
});
afterAll(() => h.stop());

const post = (connectionId: string, data: string | Uint8Array, client = h.client) =>
  client.send(
    new PostToConnectionCommand({ ConnectionId: connectionId, Data: typeof data === 'string' ? new TextEncoder().encode(data) : data }),
  );

const clientFor = (endpoint: string) =>
  createManagementApiClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

describe('LocalWebSocketGateway management API', () => {
  it('PostToConnection delivers the body, unchanged, as one text frame', async () => {
    // Arrange
    const client = await h.connect();
    const text = '{"type":"ring","text":"Ålice is at the door ✓"}';

    // Act
    const answer = await post(client.connectionId, text);

    // Assess
    expect(answer.$metadata.httpStatusCode).toBe(200);
    expect(await client.received(1)).toEqual([text]);
    expect(client.frames[0]?.isBinary).toBe(false);
  });

  it('sends bytes that are not UTF-8 as a binary frame, since a text frame could not carry them', async () => {
    // Arrange
    const client = await h.connect();

    // Act
    await post(client.connectionId, new Uint8Array([0xff, 0xfe, 0x00]));
    await client.received(1);

    // Assess
    expect(client.frames[0]?.isBinary).toBe(true);
  });

  it('GetConnection describes the connection in the shape the SDK reads', async () => {
    // Arrange
    const before = Date.now();
    const client = await h.connect();
    await post(client.connectionId, '{}');

    // Act
    const connection = await h.client.send(new GetConnectionCommand({ ConnectionId: client.connectionId }));

    // Assess
    expect(connection.ConnectedAt).toBeInstanceOf(Date);
    expect(connection.ConnectedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(connection.LastActiveAt!.getTime()).toBeGreaterThanOrEqual(connection.ConnectedAt!.getTime());
    expect(connection.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'doorbell-test' });
  });

  it('DeleteConnection answers 204, closes the client socket, runs $disconnect; the connection is then gone', async () => {
    // Arrange
    const client = await h.connect();

    // Act
    const deleted = await h.client.send(new DeleteConnectionCommand({ ConnectionId: client.connectionId }));

    // Assess
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(post(client.connectionId, '{}')).rejects.toBeInstanceOf(GoneException);
    expect((await client.closed).code).toBe(1000);
    expect((await h.disconnectOf(client.connectionId)).requestContext).toMatchObject({
      disconnectStatusCode: 1000,
      disconnectReason: 'Connection Closed Normally',
    });
    await expect(h.client.send(new GetConnectionCommand({ ConnectionId: client.connectionId }))).rejects.toBeInstanceOf(GoneException);
    await expect(h.client.send(new DeleteConnectionCommand({ ConnectionId: client.connectionId }))).rejects.toMatchObject({
      name: 'GoneException',
      $metadata: { httpStatusCode: 410 },
    });
  });

  it('answers GoneException (410) for an id that never connected, including ids with + and /', async () => {
    await expect(post('nobody', '{}')).rejects.toMatchObject({ name: 'GoneException', $metadata: { httpStatusCode: 410 } });
    await expect(post('a+b/c==', '{}')).rejects.toBeInstanceOf(GoneException);
  });

  it('answers PayloadTooLargeException (413) over 128 KB and accepts exactly 128 KB', async () => {
    // Arrange
    const client = await h.connect();

    // Act
    const fits = await post(client.connectionId, 'x'.repeat(128 * 1024));
    const tooLarge = post(client.connectionId, 'x'.repeat(128 * 1024 + 1));

    // Assess
    expect(fits.$metadata.httpStatusCode).toBe(200);
    await expect(tooLarge).rejects.toBeInstanceOf(PayloadTooLargeException);
    await expect(tooLarge).rejects.toMatchObject({ $metadata: { httpStatusCode: 413 } });
  });

  it('accepts the stage in the endpoint, as in a real callback URL, and refuses another stage with 403', async () => {
    // Arrange
    const client = await h.connect();
    const staged = clientFor(`${h.address.managementEndpoint}/prod`);
    const otherStage = clientFor(`${h.address.managementEndpoint}/dev`);

    // Act
    const answer = await post(client.connectionId, '{"via":"stage"}', staged);
    const refused = post(client.connectionId, '{}', otherStage);

    // Assess
    expect(answer.$metadata.httpStatusCode).toBe(200);
    expect(await client.received(1)).toEqual(['{"via":"stage"}']);
    await expect(refused).rejects.toBeInstanceOf(ForbiddenException);
    staged.destroy();
    otherStage.destroy();
  });

  it('refuses an unsigned request with 403, as API Gateway does', async () => {
    // Arrange
    const client = await h.connect();

    // Act
    const response = await fetch(`${h.address.managementEndpoint}/@connections/${encodeURIComponent(client.connectionId)}`, {
      method: 'POST',
      body: '{}',
    });

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('answers other paths 403 Forbidden, unless httpRoutes serves them', async () => {
    // Act
    const unknown = await fetch(`${h.address.managementEndpoint}/somewhere`);
    const dashboard = await fetch(`${h.address.managementEndpoint}/dashboard`);

    // Assess
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toEqual({ message: 'Forbidden' });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toBe('dashboard');
    expect(dashboardHits).toBe(1);
  });
});
