import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWebSocketUrl, readPageConfig } from '../../dashboard/src/connection/page-config';
import { pageRoutes } from '../../adapters/local-http/page-routes';
import { BROWSER_PAGES, pageAssets } from '../../infrastructure/local/page-bundle';

const PAGES = Object.fromEntries(BROWSER_PAGES.map((page) => [page, () => pageAssets(page)]));

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real HTTP server on loopback, and the `location` of its dashboard page as a browser would have it. */
async function serve(listener: RequestListener) {
  server = createServer(listener);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, location: { href: `http://${host}/dashboard/#token=abc`, protocol: 'http:', host } };
}

describe("the page's default WebSocket URL (config.json beside the page)", () => {
  it("is the deployed stack's API when the hosting wrote it there", async () => {
    const requested: string[] = [];
    const { location } = await serve((request, response) => {
      requested.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ webSocketUrl: 'wss://abc123.execute-api.eu-west-1.amazonaws.com/prod' }));
    });
    expect(await defaultWebSocketUrl(location)).toBe('wss://abc123.execute-api.eu-west-1.amazonaws.com/prod');
    expect(requested).toEqual(['/dashboard/config.json']);
  });

  it("is the local doorbell's own WebSocket, for the address the browser used, through the same code", async () => {
    const routes = pageRoutes(PAGES);
    const { host, location } = await serve((request, response) => void routes(request, response));
    expect(await defaultWebSocketUrl(location)).toBe(`ws://${host}`);
  });

  it('is the wss URL of a local doorbell serving TLS', async () => {
    const routes = pageRoutes(PAGES, { secure: true });
    const { host, location } = await serve((request, response) => void routes(request, response));
    expect(await defaultWebSocketUrl(location)).toBe(`wss://${host}`);
  });

  it('falls back to the server that served the page when there is no usable config', async () => {
    for (const answer of [
      { status: 404, body: '{}' },
      { status: 200, body: 'not json' },
      { status: 200, body: JSON.stringify({ webSocketUrl: 'https://not-a-websocket.example' }) },
    ]) {
      const { host, location } = await serve((_request, response) => response.writeHead(answer.status).end(answer.body));
      expect(await defaultWebSocketUrl(location), answer.body).toBe(`ws://${host}`);
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
    const nobody = { href: 'http://127.0.0.1:9/dashboard/', protocol: 'http:', host: '127.0.0.1:9' };
    expect(await defaultWebSocketUrl(nobody)).toBe('ws://127.0.0.1:9');
  });

  it('reads only a config with a ws(s) URL, without its query or fragment', () => {
    expect(readPageConfig({ webSocketUrl: 'wss://a.example/prod?token=x#y' })).toEqual({ webSocketUrl: 'wss://a.example/prod' });
    expect(readPageConfig({ webSocketUrl: 42 })).toBeUndefined();
    expect(readPageConfig(null)).toBeUndefined();
    expect(readPageConfig('wss://a.example')).toBeUndefined();
  });
});
