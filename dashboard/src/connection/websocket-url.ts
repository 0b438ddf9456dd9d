/** What these functions read of the page's `location` (a plain object in tests, which run without a DOM). */
export interface PageLocation {
  readonly protocol: string;
  readonly host: string;
}

/** The WebSocket of the server that served the page (the local doorbell's). */
export function sameServer(location: PageLocation): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
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
