import type { Identification } from './identification';
import type { DeviceId, HouseholdId, RingId } from './ids';
import type { PhotoType } from './photo-type';
import type { Instant } from './time';

/**
 * A doorbell ringing: the photo identified and who was on it. Presses within the debounce window share one ring
 * (see debounce.ts); the ring holds the photo that was processed first.
 */
export interface Ring {
  readonly id: RingId;
  readonly householdId: HouseholdId;
  readonly doorbellId: DeviceId;
  /** The S3 key of the photo (see photo-key.ts). */
  readonly photoKey: string;
  /**
   * What the photo's bytes are, found when it was identified: snapshot links serve it as that type, and bytes that
   * are not an image as a download. Absent when the photo could not be read, and on rings recorded before.
   */
  readonly photoType?: PhotoType;
  readonly at: Instant;
  readonly identification: Identification;
  /** Retention: after this instant the ring is gone (storage filters it on read; TTL deletes it later). */
  readonly expiresAt: Instant;
}

/** A position in a household's history: the ring to continue after. */
export interface RingCursor {
  readonly at: Instant;
  readonly ringId: RingId;
}

export function cursorOf(ring: Ring): RingCursor {
  return { at: ring.at, ringId: ring.id };
}

/** History order: newest first, ties by ring id descending. Negative when `a` comes first. */
export function historyOrder(a: RingCursor, b: RingCursor): number {
  return b.at - a.at || (a.ringId < b.ringId ? 1 : a.ringId > b.ringId ? -1 : 0);
}

export function isRetained(ring: Ring, now: Instant): boolean {
  return now < ring.expiresAt;
}
