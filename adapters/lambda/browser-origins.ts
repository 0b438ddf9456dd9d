/**
 * Which web pages may open a device connection. A browser sends the page's `Origin` with every WebSocket
 * handshake and lets any page connect anywhere, so a page on another site that got hold of a token could
 * connect with it; other clients (the CLI, a doorbell's firmware) send no Origin and are not concerned.
 */
export type OriginVerdict = 'no-origin' | 'allowed' | 'refused';

/**
 * The allowed origins, normalised (`https://Example.com:443/` → `https://example.com`); a bad entry throws.
 * @throws RangeError naming the first entry that is not an origin.
 */
export function allowedOrigins(origins: readonly string[]): ReadonlySet<string> {
  return new Set(
    origins.map((origin) => {
      const normalised = normaliseOrigin(origin);
      if (normalised === undefined) throw new RangeError(`not an origin: ${JSON.stringify(origin)} (like https://doorbell.example.com)`);
      return normalised;
    }),
  );
}

/**
 * The handshake's verdict, from its headers (names in any case): no Origin → 'no-origin'; one Origin in the set →
 * 'allowed'; anything else (another site, `null`, several Origin headers) → 'refused'.
 */
export function judgeOrigin(
  headers: Readonly<Record<string, string>> | null | undefined,
  multiValueHeaders: Readonly<Record<string, readonly string[]>> | null | undefined,
  allowed: ReadonlySet<string>,
): OriginVerdict {
  const values = [
    ...Object.entries(multiValueHeaders ?? {})
      .filter(([name]) => name.toLowerCase() === 'origin')
      .flatMap(([, list]) => list),
  ];
  const single = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
  if (values.length === 0 && single !== undefined) values.push(single);
  if (values.length === 0) return 'no-origin';
  if (values.length > 1) return 'refused';
  const origin = normaliseOrigin(values[0] ?? '');
  return origin !== undefined && allowed.has(origin) ? 'allowed' : 'refused';
}

function normaliseOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    return /^(https?):$/.test(url.protocol) && url.host !== '' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
