import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './http-io';

/** Where `/` leads: the homeowner's dashboard. */
export const DASHBOARD_PATH = '/dashboard/';

/** A page's files by name under its path (`''` is the page itself). */
export type PageAssets = ReadonlyMap<string, { readonly contentType: string; readonly body: Uint8Array }>;

/**
 * Where a page may fetch from: its own server (scripts, styles, the local doorbell's photos and WebSocket), and,
 * for a deployed stack, any ws(s) URL, presigned snapshot and upload links and the reachability check (see the
 * dashboard's DeviceConnection). Nothing is loaded from elsewhere: no inline script, no third-party script or style.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data: blob:",
  "connect-src 'self' ws: wss: https:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The browser pages by name (`dashboard` answers `/dashboard/…`), each built on first use. */
export type PageSources = Readonly<Record<string, () => Promise<PageAssets>>>;

/** The page whose path this is (`/`, `/door`, `/door/app.js?v=1`…), or undefined when no page answers it. */
function pageOf(pages: PageSources, pathname: string): string | undefined {
  if (pathname === '/') return '';
  const name = pathname.slice(1).split('/')[0]!;
  return Object.hasOwn(pages, name) ? name : undefined;
}

/** True for the paths these routes answer: `/` (which leads to the dashboard) and everything under each page. */
export function isPagePath(pages: PageSources, path: string): boolean {
  return pageOf(pages, path.split('?')[0] ?? '') !== undefined;
}

/** Serves the browser pages (each built on first use) and sends `/` to the dashboard. */
export function pageRoutes(pages: PageSources) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const page = pageOf(pages, pathname);
    if (page === undefined) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendError(response, 405, 'method-not-allowed', 'pages are read with GET');
      return true;
    }
    if (pathname === '/' || pathname === `/${page}`) {
      response.writeHead(302, { location: page === '' ? DASHBOARD_PATH : `/${page}/` }).end();
      return true;
    }
    const asset = (await pages[page]!()).get(pathname.slice(page.length + 2));
    if (!asset) {
      sendError(response, 404, 'not-found', `no such file in the ${page} page`);
      return true;
    }
    response.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': asset.body.byteLength,
      // Rebuilt at every start: always revalidate, so a restarted doorbell never serves a stale page.
      'cache-control': 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    response.end(request.method === 'HEAD' ? undefined : asset.body);
    return true;
  };
}
