import type { IncomingMessage, ServerResponse } from 'node:http';
import { PAGE_CONFIG_FILE, type PageConfig } from '../../domain/page-config';
import { sendError } from './http-io';

/** Where `/` leads: the homeowner's dashboard. */
export const DASHBOARD_PATH = '/dashboard/';

/** A page's files by name under its path (`''` is the page itself). */
export type PageAssets = ReadonlyMap<string, { readonly contentType: string; readonly body: Uint8Array }>;

/** What a page may reach beyond its own origin: WebSockets and fetches (`connect-src`), and images (`img-src`). */
export interface PageReach {
  readonly connect: readonly string[];
  readonly images: readonly string[];
}

/**
 * The pages' Content-Security-Policy: scripts and styles from the page's own origin only (no inline script, nothing
 * third-party), images also from `data:`/`blob:` (photos the page resizes) and `reach`. The local doorbell and the
 * deployed stack differ only in `reach`.
 */
export function contentSecurityPolicy(reach: PageReach): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data: blob:", ...reach.images].join(' '),
    ["connect-src 'self'", ...reach.connect].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The local doorbell's policy: its own server (scripts, styles, photos, WebSocket) and, for a deployed stack, any
 * ws(s) URL, presigned snapshot and upload links and the reachability check (see the dashboard's DeviceConnection).
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ connect: ['ws:', 'wss:', 'https:'], images: ['https:'] });

/** The powerful browser features a Permissions-Policy names; a page may use only those it is listed for. */
export const POLICY_FEATURES = ['camera', 'microphone', 'geolocation', 'payment', 'usb'] as const;
export type PolicyFeature = (typeof POLICY_FEATURES)[number];

/** The features each page uses: the door page films the visitor; the dashboard uses none. */
export const PAGE_FEATURES: Readonly<Record<string, readonly PolicyFeature[]>> = { door: ['camera'] };

/** `camera=(self), microphone=(), …`: the page's own features for its own origin, every other one for nobody. */
export function permissionsPolicy(page: string): string {
  const used = Object.hasOwn(PAGE_FEATURES, page) ? (PAGE_FEATURES[page] ?? []) : [];
  return POLICY_FEATURES.map((feature) => `${feature}=${used.includes(feature) ? '(self)' : '()'}`).join(', ');
}

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

export interface PageRoutesOptions {
  /** The server speaks TLS: `config.json` names a `wss:` WebSocket URL. */
  readonly secure?: boolean;
}

/**
 * Serves the browser pages (each built on first use) and sends `/` to the dashboard. Each page's `config.json`
 * names the WebSocket of the very address the browser used (its `Host`), so a phone on the network and a browser on
 * this machine each get the URL they can reach.
 */
export function pageRoutes(pages: PageSources, options: PageRoutesOptions = {}) {
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
    const file = pathname.slice(page.length + 2);
    const asset = file === PAGE_CONFIG_FILE ? configOf(request, options) : (await pages[page]!()).get(file);
    if (!asset) {
      sendError(response, 404, 'not-found', `no such file in the ${page} page`);
      return true;
    }
    if (asset === 'bad-host') {
      sendError(response, 400, 'bad-request', 'the Host header is not a host name or address');
      return true;
    }
    response.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': asset.body.byteLength,
      // Rebuilt at every start: always revalidate, so a restarted doorbell never serves a stale page.
      'cache-control': 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'permissions-policy': permissionsPolicy(page),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    response.end(request.method === 'HEAD' ? undefined : asset.body);
    return true;
  };
}

/** The page's config for the address the browser used, or 'bad-host' for a Host that names none. */
function configOf(request: IncomingMessage, options: PageRoutesOptions): { contentType: string; body: Uint8Array } | 'bad-host' {
  const host = request.headers.host ?? '';
  const scheme = options.secure ? 'wss' : 'ws';
  let url: URL;
  try {
    url = new URL(`${scheme}://${host}`);
  } catch {
    return 'bad-host';
  }
  // Only a host and port: anything else (a path, credentials) means the header was not a Host.
  if (host === '' || url.host !== host.toLowerCase() || url.username !== '' || url.pathname !== '/') return 'bad-host';
  const config: PageConfig = { webSocketUrl: `${scheme}://${url.host}` };
  return { contentType: 'application/json', body: new TextEncoder().encode(JSON.stringify(config)) };
}
