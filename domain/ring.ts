import type { Identification } from './identification';
import type { DeviceId, HouseholdId, RingId } from './ids';
import type { Instant } from './time';

/**
 * One press of a doorbell, with the photo taken and who was identified on it.
 * A press that came within the debounce window of the doorbell's previous ring is recorded too (so processing it
 * again is idempotent) but is `foldedInto` that ring: it is neither announced nor listed in the history.
 */
export interface Ring {
  readonly id: RingId;
  readonly householdId: HouseholdId;
  readonly doorbellId: DeviceId;
  /** The S3 key of the photo (see photo-key.ts). */
  readonly photoKey: string;
  readonly at: Instant;
  readonly identification: Identification;
  /** Retention: after this instant the ring is gone (storage filters it on read; TTL deletes it later). */
  readonly expiresAt: Instant;
  readonly foldedInto?: RingId;
}

export function isFolded(ring: Ring): boolean {
  return ring.foldedInto !== undefined;
}

export function isRetained(ring: Ring, now: Instant): boolean {
  return now < ring.expiresAt;
}
