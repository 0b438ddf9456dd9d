/**
 * Time as plain numbers so policies stay pure and fast-check can drive them:
 * an Instant is milliseconds since the Unix epoch (UTC), a Duration is milliseconds.
 * "Now" only ever arrives as a value or through the Clock port.
 */
export type Instant = number;
export type Duration = number;

export const seconds = (n: number): Duration => n * 1_000;
export const minutes = (n: number): Duration => n * 60_000;
export const hours = (n: number): Duration => n * 3_600_000;
export const days = (n: number): Duration => n * 86_400_000;

/** ISO 8601 text of an instant, as messages carry it. */
export function isoTime(at: Instant): string {
  return new Date(at).toISOString();
}
