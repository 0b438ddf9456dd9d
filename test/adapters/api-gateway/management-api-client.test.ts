import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { describe, expect, it } from 'vitest';
import { createManagementApiClient } from '../../../adapters/api-gateway/management-api-client';

describe('createManagementApiClient', () => {
  it('turns the SDK retries off, whatever it is given, since the notifier retries itself', async () => {
    // Act
    const client = createManagementApiClient({
      endpoint: 'https://example.execute-api.eu-west-1.amazonaws.com/prod',
      region: 'eu-west-1',
      maxAttempts: 3,
    });

    // Assess
    expect(await client.config.maxAttempts()).toBe(1);
  });

  it('opens as many sockets as it is allowed, beyond the SDK default of 50, so that concurrent pushes never queue for one', async () => {
    // Arrange: a @connections stand-in that holds every post until all of them arrived (or, were some queued in the
    // client, until a fallback releases them), and counts the sockets they came on.
    const posts = 60;
    const sockets = new Set<Socket>();
    const held: ServerResponse[] = [];
    const releaseAll = () => held.splice(0).forEach((response) => response.writeHead(200).end());
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      sockets.add(request.socket);
      held.push(response);
      if (held.length === posts) releaseAll();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fallback = setInterval(releaseAll, 2_000);
    const client = createManagementApiClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxSockets: posts,
    });

    try {
      // Act
      await Promise.all(
        Array.from({ length: posts }, (_, index) => client.send(new PostToConnectionCommand({ ConnectionId: `c${index}`, Data: '{}' }))),
      );

      // Assess
      expect(sockets.size).toBe(posts);
    } finally {
      clearInterval(fallback);
      client.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
