import { PAGE_CONFIG_FILE, type PageConfig } from '../../../domain/page-config';
import { checkWebSocketUrl, sameServer, type PageLocation } from './websocket-url';

/** Long enough for a phone on a slow network; the page waits for it before it connects. */
const CONFIG_TIMEOUT_MS = 5_000;

/**
 * Where the page connects unless told otherwise: the `webSocketUrl` of the `config.json` beside the page (the
 * deployed stack writes its API's URL there; the local doorbell answers with its own), else the server that
 * served the page. Shared by every browser page (the door page imports it too).
 */
export async function defaultWebSocketUrl(
  location: PageLocation & { readonly href: string },
  fetchConfig: typeof fetch = fetch,
): Promise<string> {
  try {
    const response = await fetchConfig(new URL(PAGE_CONFIG_FILE, location.href), { signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS) });
    const config = response.ok ? readPageConfig(await response.json()) : undefined;
    if (config) return config.webSocketUrl;
  } catch {
    // No config (a copy of the page served elsewhere), or unreachable: the page's own server is the best guess.
  }
  return sameServer(location);
}

/** The config, if `value` is one with a usable WebSocket URL. */
export function readPageConfig(value: unknown): PageConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { webSocketUrl } = value as Record<string, unknown>;
  if (typeof webSocketUrl !== 'string') return undefined;
  const checked = checkWebSocketUrl(webSocketUrl);
  return checked.ok ? { webSocketUrl: checked.url } : undefined;
}
