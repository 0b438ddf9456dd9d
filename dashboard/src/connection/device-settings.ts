/** Where the page connects and as which device; kept in localStorage so a reload reconnects. */
export interface DeviceSettings {
  readonly url: string;
  readonly token: string;
}

/** Each page keeps its own device (the dashboard a resident, the door page a doorbell) under its own key. */
export const DASHBOARD_STORAGE_KEY = 'doorbell.dashboard';

/**
 * The settings to start with: a `#token=…` fragment (what `npm start` prints; fragments never reach a server) wins
 * and is then removed from the address bar; otherwise what was remembered. The URL defaults to `defaultUrl`
 * (the page's `config.json`, see page-config.ts).
 */
export function initialSettings(
  location: Location,
  storage: Storage,
  defaultUrl: string,
  key = DASHBOARD_STORAGE_KEY,
): DeviceSettings | undefined {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token) {
    const settings = { url: fragment.get('url') ?? defaultUrl, token };
    remember(storage, settings, key);
    history.replaceState(null, '', location.pathname + location.search);
    return settings;
  }
  return remembered(storage, key);
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
