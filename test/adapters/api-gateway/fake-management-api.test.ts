import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeManagementApi } from '../../support/fake-management-api';

/** The fake must read as API Gateway does to the real SDK: these run the SDK's own deserializers against it. */
let api: FakeManagementApi;
let client: ApiGatewayManagementApiClient;
beforeAll(async () => {
  api = await FakeManagementApi.start();
  // A stage in the path, as in a real callback URL.
  client = new ApiGatewayManagementApiClient({
    endpoint: `${api.endpoint}/local`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});
afterAll(() => api.close());

const post = (id: string, text: string) =>
  client.send(new PostToConnectionCommand({ ConnectionId: id, Data: new TextEncoder().encode(text) }));

describe('FakeManagementApi', () => {
  it("mints ids shaped like API Gateway's", () => {
    expect(api.connect()).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });

  it('describes a connection as GetConnection does, in its camelCase JSON', async () => {
    // Arrange
    const id = api.connect();
    const before = Date.now();
    await post(id, '{"type":"pong"}');

    // Act
    const connection = await client.send(new GetConnectionCommand({ ConnectionId: id }));

    // Assess
    expect(connection.ConnectedAt).toBeInstanceOf(Date);
    expect(connection.LastActiveAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(connection.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'doorbell-test-device' });
  });

  it('disconnects on DeleteConnection (204), after which the connection is gone', async () => {
    // Arrange
    const id = api.connect();

    // Act
    const deleted = await client.send(new DeleteConnectionCommand({ ConnectionId: id }));

    // Assess
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(post(id, '{}')).rejects.toBeInstanceOf(GoneException);
    await expect(client.send(new GetConnectionCommand({ ConnectionId: id }))).rejects.toBeInstanceOf(GoneException);
    await expect(client.send(new DeleteConnectionCommand({ ConnectionId: id }))).rejects.toMatchObject({
      name: 'GoneException',
      $metadata: { httpStatusCode: 410 },
    });
  });

  it('answers GoneException (410) for an unknown connection', async () => {
    await expect(post('nobody', '{}')).rejects.toMatchObject({ name: 'GoneException', $metadata: { httpStatusCode: 410 } });
  });

  it('answers PayloadTooLargeException (413) over 128 KiB and accepts exactly 128 KiB', async () => {
    // Arrange
    const id = api.connect();
    const fits = `"${'x'.repeat(128 * 1024 - 2)}"`;

    // Act
    const accepted = await post(id, fits);
    const refused = post(id, `"${'x'.repeat(128 * 1024 - 1)}"`);

    // Assess
    expect(accepted.$metadata.httpStatusCode).toBe(200);
    await expect(refused).rejects.toMatchObject({ name: 'PayloadTooLargeException', $metadata: { httpStatusCode: 413 } });
    expect(api.received(id)).toHaveLength(1);
  });

  it('scripts faults: the next posts to a connection fail, then it recovers', async () => {
    // Arrange
    const id = api.connect();
    api.failNext(id, 2);

    // Act
    const outcomes = await Promise.allSettled([post(id, '1'), post(id, '2'), post(id, '3')]);

    // Assess
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as Error).name : 'ok'))).toEqual([
      'LimitExceededException',
      'LimitExceededException',
      'ok',
    ]);
    expect(api.received(id)).toEqual([3]);
  });

  it('refuses an unsigned request with ForbiddenException (403)', async () => {
    // Arrange
    const id = api.connect();

    // Act
    const response = await fetch(`${api.endpoint}/@connections/${encodeURIComponent(id)}`, { method: 'POST', body: '{}' });

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(api.received(id)).toEqual([]);
  });
});
