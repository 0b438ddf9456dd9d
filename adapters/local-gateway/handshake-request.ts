import type { IncomingMessage } from 'node:http';
import { newTraceId } from './aws-ids';
import type { EventIdentity, MultiValueMap, SingleValueMap } from './gateway-events';

/** What the CONNECT and authorizer events need from the HTTP upgrade request, read once. */
export interface HandshakeRequest {
  readonly headers: SingleValueMap;
  readonly multiValueHeaders: MultiValueMap;
  readonly queryStringParameters: SingleValueMap;
  readonly multiValueQueryStringParameters: MultiValueMap;
  readonly hasQueryString: boolean;
  readonly identity: EventIdentity;
  readonly domainName: string;
}

/**
 * Headers keep the client's spelling (`Sec-WebSocket-Key`, as API Gateway shows them), read from `rawHeaders`
 * since Node lowercases `headers`; the single-value maps keep the last value of a repeated name. API Gateway adds
 * the X-Forwarded-* and X-Amzn-Trace-Id headers of its front end; the gateway adds them too, so handlers that read
 * the client's address from X-Forwarded-For work locally.
 */
export function readHandshake(request: IncomingMessage, now: number): HandshakeRequest {
  const sourceIp = plainIp(request.socket.remoteAddress);
  const raw = [...pairs(request.rawHeaders)];
  const forwardedFor = raw.filter(([name]) => name.toLowerCase() === 'x-forwarded-for').map(([, value]) => value);
  const added: [string, string][] = [
    ['X-Amzn-Trace-Id', newTraceId(now)],
    ['X-Forwarded-For', [...forwardedFor, sourceIp].join(', ')],
    ['X-Forwarded-Port', String(request.socket.localPort ?? '')],
    ['X-Forwarded-Proto', 'http'],
  ];
  const replaced = new Set(added.map(([name]) => name.toLowerCase()));
  const headerPairs = [...raw.filter(([name]) => !replaced.has(name.toLowerCase())), ...added];

  const url = new URL(request.url ?? '/', 'http://gateway.local');
  const queryPairs = [...url.searchParams.entries()];
  const userAgent = request.headers['user-agent'];
  return {
    headers: lastValues(headerPairs),
    multiValueHeaders: allValues(headerPairs),
    queryStringParameters: lastValues(queryPairs),
    multiValueQueryStringParameters: allValues(queryPairs),
    hasQueryString: queryPairs.length > 0,
    identity: userAgent === undefined ? { sourceIp } : { sourceIp, userAgent },
    domainName: request.headers.host ?? `${request.socket.localAddress ?? '127.0.0.1'}:${request.socket.localPort ?? ''}`,
  };
}

/** `::ffff:127.0.0.1` → `127.0.0.1`: API Gateway reports IPv4 clients in plain dotted form. */
function plainIp(address: string | undefined): string {
  if (address === undefined) return '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

function* pairs(flat: readonly string[]): Generator<[string, string]> {
  for (let i = 0; i + 1 < flat.length; i += 2) yield [flat[i] as string, flat[i + 1] as string];
}

// A client-chosen name such as `__proto__` must not reach an object's prototype.
const ownName = (name: string): boolean => name !== '__proto__';

function lastValues(entries: readonly (readonly [string, string])[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of entries) if (ownName(name)) result[name] = value;
  return result;
}

function allValues(entries: readonly (readonly [string, string])[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of entries) {
    if (!ownName(name)) continue;
    const values = result[name] ?? [];
    values.push(value);
    result[name] = values;
  }
  return result;
}

/** What the WebSocket library checks before it upgrades; checked first so that no authorizer runs for a malformed request. */
export function isWebSocketHandshake(request: IncomingMessage): boolean {
  const key = request.headers['sec-websocket-key'];
  return (
    request.method === 'GET' &&
    request.headers.upgrade?.toLowerCase() === 'websocket' &&
    typeof key === 'string' &&
    /^[+/0-9A-Za-z]{22}==$/.test(key) &&
    ['8', '13'].includes(request.headers['sec-websocket-version'] ?? '')
  );
}
