import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPagePath, pageRoutes, permissionsPolicy } from '../../../adapters/local-http/page-routes';
import { BROWSER_PAGES, pageAssets } from '../../../infrastructure/local/page-bundle';

const PAGES = Object.fromEntries(BROWSER_PAGES.map((page) => [page, () => pageAssets(page)]));

/** The pages' routes over real HTTP, serving the real bundles (built by esbuild, as `npm start` does). */
describe('the page routes', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const routes = pageRoutes(PAGES);
    server = createServer((request, response) => {
      void routes(request, response).then((handled) => {
        if (!handled) response.writeHead(418).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A GET with exactly this Host header (fetch would set its own). */
  function rawGet(path: string, host: string): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const outgoing = request(`${base}${path}`, { headers: { host } }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: incoming.statusCode ?? 0, body: incoming.statusCode === 200 ? JSON.parse(text) : text });
        });
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  it('sends / and /dashboard to the page', async () => {
    for (const path of ['/', '/dashboard']) {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/dashboard/');
    }
  });

  it('serves the door page at /door/ like the dashboard: its bundle, a strict CSP, and the camera for itself only', async () => {
    const redirect = await fetch(`${base}/door`, { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe('/door/');

    const page = await fetch(`${base}/door/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('permissions-policy')).toContain('camera=(self)');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="app.js"></script>');
    expect(html).not.toMatch(/(src|href)="https?:/);
    const script = await fetch(`${base}/door/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('requestUpload');
    expect((await fetch(`${base}/dashboard/`)).headers.get('permissions-policy')).toContain('camera=()');
  });

  it('serves the page, its script and its stylesheet with their types, a strict CSP and no caching surprise', async () => {
    const page = await fetch(`${base}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="app.js"></script>');
    // Nothing from the internet: every script and stylesheet is relative to the page.
    expect(html).not.toMatch(/(src|href)="https?:/);

    const script = await fetch(`${base}/dashboard/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await script.text();
    expect(code).toContain('data-connection');
    expect(code).not.toMatch(/\bfrom\s*"(?!\.)/); // bundled: no bare import left for the browser to resolve

    const styles = await fetch(`${base}/dashboard/app.css`);
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await styles.text()).toContain(':focus-visible');
  });

  it("answers each page's config.json with the WebSocket of the address the browser used", async () => {
    const config = await fetch(`${base}/dashboard/config.json`);
    expect(config.headers.get('content-type')).toBe('application/json');
    expect(config.headers.get('cache-control')).toBe('no-cache');
    expect(await config.json()).toEqual({ webSocketUrl: base.replace(/^http/, 'ws') });
    const viaName = await rawGet('/dashboard/config.json', 'doorbell.local:8443');
    expect(viaName).toMatchObject({ status: 200, body: { webSocketUrl: 'ws://doorbell.local:8443' } });
    for (const host of ['a.example/path', 'user@a.example', 'a b', 'a.example:99999']) {
      expect((await rawGet('/dashboard/config.json', host)).status, host).toBe(400);
    }
  });

  it('lets a page use no powerful feature but those it is listed for (Permissions-Policy)', async () => {
    const page = await fetch(`${base}/dashboard/`);
    expect(page.headers.get('permissions-policy')).toBe(permissionsPolicy('dashboard'));
    expect(permissionsPolicy('dashboard')).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    expect(permissionsPolicy('door')).toBe('camera=(self), microphone=(), geolocation=(), payment=(), usb=()');
    expect(permissionsPolicy('hasOwnProperty')).not.toContain('(self)');
  });

  it('answers 404 for another file and 405 for anything but GET and HEAD', async () => {
    expect((await fetch(`${base}/dashboard/secrets.json`)).status).toBe(404);
    const post = await fetch(`${base}/dashboard/`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('leaves every other path to the other routes', async () => {
    expect((await fetch(`${base}/photos/x.jpg`)).status).toBe(418);
    expect(isPagePath(PAGES, '/admin/visitors')).toBe(false);
    expect(isPagePath(PAGES, '/dashboardx')).toBe(false);
    expect(isPagePath(PAGES, '/dashboard/app.js?v=1')).toBe(true);
    expect(isPagePath(PAGES, '/hasOwnProperty/x')).toBe(false);
  });
});
