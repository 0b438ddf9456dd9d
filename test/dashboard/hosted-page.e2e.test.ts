import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { CONTENT_SECURITY_POLICY } from '../../adapters/local-http/page-routes';
import { PAGE_CONFIG_FILE } from '../../domain/page-config';
import { pageIndexFunction } from '../../infrastructure/cdk/constructs/page-hosting';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { BROWSER_PAGES, writePageFiles } from '../../infrastructure/local/page-bundle';
import { deviceToken } from '../support/local-doorbell-moves';
import { launchChromium, SKIP_BROWSER_TESTS } from './chromium';

/**
 * The dashboard as the deployed stack hosts it, in Chromium: the files the stack uploads (`writePageFiles`) served
 * as static files by a server of another origin, paths mapped by the stack's own CloudFront function, and a
 * `config.json` naming a WebSocket elsewhere (here a local doorbell, standing in for API Gateway). The static
 * server has no WebSocket: the page connects only if it read the URL from `config.json`.
 */
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

describe.skipIf(SKIP_BROWSER_TESTS)('the dashboard hosted apart from its WebSocket', () => {
  let doorbell: RunningLocalDoorbell;
  let bucket: Server;
  let browser: Browser;
  let folder: string;
  let origin: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'doorbell-hosted-'));
    for (const page of BROWSER_PAGES) writePageFiles(page, join(folder, page));
    const edge = new Function(`${pageIndexFunction(BROWSER_PAGES)}; return handler;`)() as (event: unknown) => {
      statusCode?: number;
      headers?: { location: { value: string } };
      uri?: string;
    };
    let config = '';
    bucket = createServer((request, response) => {
      const answer = edge({ request: { uri: new URL(request.url ?? '/', 'http://bucket').pathname } });
      if (answer.statusCode) return void response.writeHead(answer.statusCode, { location: answer.headers!.location.value }).end();
      const uri = answer.uri!;
      try {
        const body = uri.endsWith(`/${PAGE_CONFIG_FILE}`) ? config : readFileSync(join(folder, uri));
        response.writeHead(200, {
          'content-type': TYPES[extname(uri)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
        });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => bucket.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(bucket.address() as AddressInfo).port}`;
    // The hosted origin is allowed by the WebSocket's authorizer, as the stack allows its distribution's.
    doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY, allowedOrigins: [origin] });
    config = JSON.stringify({ webSocketUrl: doorbell.webSocketUrl });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await doorbell?.stop();
    await new Promise<void>((resolve) => (bucket ? bucket.close(() => resolve()) : resolve()));
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads the WebSocket URL from config.json and connects, from / through the index function', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/#token=${await deviceToken(doorbell, 'resident', 'Hosted dashboard')}`);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    await page.getByRole('button', { name: 'Connection settings' }).click();
    await expect(page.locator('#ws-url').inputValue()).resolves.toBe(doorbell.webSocketUrl);
    expect(errors).toEqual([]);
  }, 60_000);
});
