/**
 * The app shell the service worker keeps for offline use: the page, its script and stylesheet, the manifest and
 * the icons, relative to the worker (`/dashboard/sw.js`), so to the page's folder. Nothing else is ever cached:
 * not photos (sensitive, and short-lived links anyway), not `config.json`, not the WebSocket or any API.
 *
 * The cache is refreshed from the network on every online load (network first), so its name changes only when its
 * layout does; an older name is deleted when a new worker activates.
 */
export const SHELL_CACHE = 'doorbell-shell-v1';

export const SHELL_FILES = [
  './',
  'app.js',
  'app.css',
  'manifest.webmanifest',
  'favicon.svg',
  'icon-192.png',
  'icon-512.png',
  'icon-maskable-512.png',
  'apple-touch-icon.png',
  'badge-96.png',
] as const;

/** How long a load waits for the network before it takes the cached copy (a phone on a weak signal). */
export const NETWORK_TIMEOUT_MS = 4_000;

/**
 * The shell file `url` is, as its cache key (an absolute URL), or undefined for anything else. The query is
 * ignored (`./?source=pwa` is the page), the origin and folder must be the worker's.
 */
export function shellKey(url: string, scope: string): string | undefined {
  const requested = new URL(url);
  const base = new URL(scope);
  if (requested.origin !== base.origin) return undefined;
  for (const file of SHELL_FILES) {
    const key = new URL(file, base);
    if (key.pathname === requested.pathname) return key.href;
  }
  return undefined;
}

/** The message the worker posts to an open dashboard when a notification is clicked: show this ring. */
export interface ShowRingMessage {
  readonly type: 'showRing';
  readonly ringId: string;
}

export function isShowRingMessage(value: unknown): value is ShowRingMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return message['type'] === 'showRing' && typeof message['ringId'] === 'string';
}

/**
 * Where a notification click may go: `url` resolved against the dashboard's folder, kept only when it stays in
 * that folder on this origin (a push never sends the browser elsewhere).
 */
export function dashboardTarget(url: string, scope: string): string {
  try {
    const target = new URL(url, scope);
    const base = new URL(scope);
    return target.origin === base.origin && target.pathname.startsWith(base.pathname) ? target.href : base.href;
  } catch {
    return scope;
  }
}
