import type { DeviceId, HouseholdId } from './ids';
import type { Instant } from './time';

/**
 * A browser's Web Push subscription (what `PushSubscription.toJSON()` gives), held for one device of one household:
 * the push service's URL for that browser and the keys a payload is encrypted to (RFC 8291). The endpoint names
 * the subscription: a browser that subscribes again with the same endpoint replaces it.
 */
export interface PushSubscription {
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly endpoint: string;
  /** When the push service will end the subscription (ms since the epoch), if it said. */
  readonly expirationTime?: Instant;
  /** The browser's P-256 public key and auth secret, base64url, as the browser gave them. */
  readonly keys: PushSubscriptionKeys;
  readonly createdAt: Instant;
}

export interface PushSubscriptionKeys {
  readonly p256dh: string;
  readonly auth: string;
}

/** Generous bounds: real endpoints are 100–500 characters; a key of another size is not a P-256 key or a 16-byte secret. */
export const MAX_PUSH_ENDPOINT_CHARS = 2_048;
/** An uncompressed P-256 point is 65 bytes: 87 base64url characters (88 padded). */
export const P256DH_CHARS = { min: 86, max: 88 } as const;
/** The auth secret is 16 bytes: 22 base64url characters (24 padded). */
export const AUTH_SECRET_CHARS = { min: 22, max: 24 } as const;
export const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Where a push may be sent: `https:` (every browser's push service), or `http:` only to a loopback host, so that a
 * push service run on this machine for tests works while nobody can point the server at a plain-HTTP host elsewhere.
 * Undefined when acceptable, else the reason.
 */
export function endpointProblem(endpoint: string): string | undefined {
  if (endpoint.length > MAX_PUSH_ENDPOINT_CHARS) return `must be at most ${MAX_PUSH_ENDPOINT_CHARS} characters`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'must be a URL';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return 'must be an https: URL (http: only on a loopback host)';
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
