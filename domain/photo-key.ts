import { ID_PATTERN, type DeviceId, type HouseholdId, type RingId } from './ids';
import type { Instant } from './time';

/**
 * Where a ring's photo lives: `rings/{householdId}/{doorbellId}/{pressedAt}-{ringId}.jpg`, `pressedAt` in epoch
 * milliseconds. The key is minted by the server when the doorbell asks for an upload URL, so everything in it is
 * trusted: the ring's id, household, doorbell and press time all come from the key, which makes processing the
 * same object twice land on the same ring.
 */
export interface PhotoKey {
  readonly householdId: HouseholdId;
  readonly doorbellId: DeviceId;
  readonly pressedAt: Instant;
  readonly ringId: RingId;
}

export const PHOTO_KEY_PREFIX = 'rings/';

export function formatPhotoKey(key: PhotoKey): string {
  return `${PHOTO_KEY_PREFIX}${key.householdId}/${key.doorbellId}/${key.pressedAt}-${key.ringId}.jpg`;
}

// The time is canonical (no leading zeros) so that one ring has exactly one key.
const PHOTO_KEY = /^rings\/([^/]+)\/([^/]+)\/(0|[1-9]\d{0,15})-([^/]+)\.jpg$/;

/** The parsed key, or undefined for any object that is not a ring photo. */
export function parsePhotoKey(text: string): PhotoKey | undefined {
  const parts = PHOTO_KEY.exec(text);
  if (!parts) return undefined;
  const [, household, doorbell, pressedAt, ring] = parts as unknown as [string, string, string, string, string];
  if (![household, doorbell, ring].every((id) => ID_PATTERN.test(id))) return undefined;
  const at = Number(pressedAt);
  if (!Number.isSafeInteger(at)) return undefined;
  return {
    householdId: household as HouseholdId,
    doorbellId: doorbell as DeviceId,
    pressedAt: at,
    ringId: ring as RingId,
  };
}
