import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './http-io';

export const DASHBOARD_PATH = '/dashboard/';

/** The dashboard's files by name under DASHBOARD_PATH (`''` is the page itself). */
export type DashboardAssets = ReadonlyMap<string, { readonly contentType: string; readonly body: Uint8Array }>;

/**
 * Where a page may fetch from: its own server (scripts, styles, the local doorbell's photos and WebSocket), and,
 * for a deployed stack, any ws(s) URL, presigned snapshot links and the reachability check (see the dashboard's
 * DeviceConnection). Nothing is loaded from elsewhere: no inline script, no third-party script or style.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data: blob:",
  "connect-src 'self' ws: wss: https:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True for the paths these routes answer: `/` (which leads to the dashboard) and everything under it. */
export function isDashboardPath(path: string): boolean {
  const pathname = path.split('?')[0] ?? '';
  return pathname === '/' || pathname === '/dashboard' || pathname.startsWith(DASHBOARD_PATH);
}

/** Serves the homeowner dashboard (built on first use by `assets`) and sends `/` there. */
export function dashboardRoutes(options: { readonly assets: () => Promise<DashboardAssets> }) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (!isDashboardPath(pathname)) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendError(response, 405, 'method-not-allowed', 'the dashboard is read with GET');
      return true;
    }
    if (pathname === '/' || pathname === '/dashboard') {
      response.writeHead(302, { location: DASHBOARD_PATH }).end();
      return true;
    }
    const asset = (await options.assets()).get(pathname.slice(DASHBOARD_PATH.length));
    if (!asset) {
      sendError(response, 404, 'not-found', 'no such dashboard file');
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
