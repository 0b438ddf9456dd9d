import type { Instant } from '../time';

/** The current time; the only way the core learns it. */
export interface Clock {
  now(): Instant;
}
