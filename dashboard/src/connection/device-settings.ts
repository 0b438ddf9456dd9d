/** Where the page connects and as which device; kept in localStorage so a reload reconnects. */
export interface DeviceSettings {
  readonly url: string;
  readonly token: string;
}

/** Each page keeps its own device (the dashboard a resident, the door page a doorbell) under its own key. */
export const DASHBOARD_STORAGE_KEY = 'doorbell.dashboard';

/**
 * The settings to start with: a `#token=…` fragment (what `npm start` prints; fragments never reach a server) wins
 * and is then removed from the address bar; otherwise what was remembered. The URL defaults to the server that
 * served the page, which is the local doorbell's WebSocket too.
 */
export function initialSettings(location: Location, storage: Storage, key = DASHBOARD_STORAGE_KEY): DeviceSettings | undefined {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token) {
    const settings = { url: fragment.get('url') ?? sameServer(location), token };
    remember(storage, settings, key);
    history.replaceState(null, '', location.pathname + location.search);
    return settings;
  }
  return remembered(storage, key);
}

export function sameServer(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

export function remember(storage: Storage, settings: DeviceSettings, key = DASHBOARD_STORAGE_KEY): void {
  try {
    storage.setItem(key, JSON.stringify(settings));
  } catch {
    // Private mode or a full quota: the page still works, it just won't remember.
  }
}

function remembered(storage: Storage, key: string): DeviceSettings | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { url, token } = value as Record<string, unknown>;
    return typeof url === 'string' && typeof token === 'string' ? { url, token } : undefined;
  } catch {
    return undefined;
  }
}

/** A WebSocket URL the page can use, or why not. */
export function checkWebSocketUrl(
  raw: string,
): { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'enter a full URL such as wss://abc123.execute-api.eu-west-1.amazonaws.com/prod' };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return { ok: false, reason: 'the URL starts with wss:// (or ws:// locally)' };
  url.search = '';
  url.hash = '';
  return { ok: true, url: url.toString().replace(/\/$/, '') };
}
