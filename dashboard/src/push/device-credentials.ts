import { createStore, del, get, set } from 'idb-keyval';

/**
 * What the service worker needs to answer a ring as this device: the WebSocket URL and the device token. Service
 * workers have no localStorage, so the page copies them into IndexedDB while notifications are on, and deletes them
 * when they are switched off. Same origin, same reach as localStorage: whoever can run script on this origin could
 * read either (docs/security.md).
 */
export interface DeviceCredentials {
  readonly url: string;
  readonly token: string;
}

const KEY = 'device';

// Opened lazily: a page without IndexedDB (some private modes) fails only when notifications are switched on.
let store: ReturnType<typeof createStore> | undefined;
const doorbellStore = () => {
  store ??= createStore('doorbell', 'service-worker');
  return store;
};

export function saveDeviceCredentials(credentials: DeviceCredentials): Promise<void> {
  return set(KEY, { url: credentials.url, token: credentials.token }, doorbellStore());
}

export async function deviceCredentials(): Promise<DeviceCredentials | undefined> {
  const value: unknown = await get(KEY, doorbellStore());
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, token } = value as Record<string, unknown>;
  return typeof url === 'string' && typeof token === 'string' ? { url, token } : undefined;
}

export function forgetDeviceCredentials(): Promise<void> {
  return del(KEY, doorbellStore());
}
