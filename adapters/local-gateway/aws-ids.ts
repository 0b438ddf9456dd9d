import { randomBytes } from 'node:crypto';

/**
 * Identifiers and times formatted as API Gateway's WebSocket API formats them, so code that logs, stores or parses
 * them meets the real shapes locally.
 */

/**
 * A connection id like API Gateway's (`L0SM9cOFvHcCIhw=`): 11 random bytes in base64, 16 characters ending in `=`.
 * It may hold `+` and `/`, which is why the management API's clients percent-encode it in the path.
 */
export function newConnectionId(): string {
  return randomBytes(11).toString('base64');
}

/** Request ids and message ids have the same shape as connection ids in API Gateway's events. */
export const newRequestId = newConnectionId;
export const newMessageId = newConnectionId;

/** An X-Ray-style trace header value, as API Gateway adds to every request it forwards. */
export function newTraceId(now: number): string {
  return `Root=1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const two = (n: number): string => String(n).padStart(2, '0');

/** `requestContext.requestTime`: Common Log Format in UTC, `13/Dec/2020:10:17:47 +0000`. */
export function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${time} +0000`;
}
