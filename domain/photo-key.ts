import { ID_PATTERN, type DeviceId, type HouseholdId, type RingId } from './ids';
import type { Instant } from './time';

/**
 * Where a ring's photo lives: `rings/{householdId}/{doorbellId}/{pressedAt}-{ringId}.jpg`, `pressedAt` in epoch
 * milliseconds, or `rings/{householdId}/{doorbellId}/no-camera/{pressedAt}-{ringId}.jpg` when the doorbell said it
 * rang without a camera. The key is minted by the server when the doorbell asks for an upload URL, so everything in
 * it is trusted: the ring's id, household, doorbell, press time and whether a camera took the photo all come from the
 * key, which makes processing the same object twice land on the same ring, and carries the press's facts through
 * the S3 event and the workflow without another store.
 */
export interface PhotoKey {
  readonly householdId: HouseholdId;
  readonly doorbellId: DeviceId;
  readonly pressedAt: Instant;
  readonly ringId: RingId;
  /**
   * False when the doorbell rang without a camera (none, refused, in use): its upload is a card that says so, not
   * the door, and is never given to face recognition. Absent: a camera photo.
   */
  readonly camera?: false;
}

/** The folder a camera-less press's photo goes in, under its doorbell's (ids never contain `/`, so no id is it). */
const NO_CAMERA_FOLDER = 'no-camera/';

export const PHOTO_KEY_PREFIX = 'rings/';

export function formatPhotoKey(key: PhotoKey): string {
  const folder = key.camera === false ? NO_CAMERA_FOLDER : '';
  return `${PHOTO_KEY_PREFIX}${key.householdId}/${key.doorbellId}/${folder}${key.pressedAt}-${key.ringId}.jpg`;
}

// The time is canonical (no leading zeros) so that one ring has exactly one key.
const PHOTO_KEY = /^rings\/([^/]+)\/([^/]+)\/(no-camera\/)?(0|[1-9]\d{0,15})-([^/]+)\.jpg$/;

/** The parsed key, or undefined for any object that is not a ring photo. */
export function parsePhotoKey(text: string): PhotoKey | undefined {
  const parts = PHOTO_KEY.exec(text);
  if (!parts) return undefined;
  const [, household, doorbell, noCamera, pressedAt, ring] = parts as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
    string,
  ];
  if (![household, doorbell, ring].every((id) => ID_PATTERN.test(id))) return undefined;
  const at = Number(pressedAt);
  if (!Number.isSafeInteger(at)) return undefined;
  return {
    householdId: household as HouseholdId,
    doorbellId: doorbell as DeviceId,
    pressedAt: at,
    ringId: ring as RingId,
    ...(noCamera === undefined ? {} : { camera: false as const }),
  };
}
