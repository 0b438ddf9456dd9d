/**
 * A `Retry-After` header (RFC 9110 §10.2.3) in milliseconds from `now`: delay-seconds or an HTTP date; undefined when
 * absent or unreadable (the caller's backoff applies then). A date in the past means "now".
 */
export function retryAfterMs(header: string | readonly string[] | undefined, now: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
