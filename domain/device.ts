import type { DeviceId, HouseholdId } from './ids';
import type { Instant } from './time';

/**
 * A household's device. Residents (phones, the dashboard) receive rings and answer them;
 * doorbells (camera + keypad) upload photos, receive answers and verify access codes.
 */
export type DeviceRole = 'resident' | 'doorbell';
export const DEVICE_ROLES: readonly DeviceRole[] = ['resident', 'doorbell'];

export interface Device {
  readonly id: DeviceId;
  readonly householdId: HouseholdId;
  readonly role: DeviceRole;
  /**
   * Human name ("Door page", "Sam's phone"). For a doorbell without a `door`, it is also where it hangs ("front
   * door"), used in "Alice is at the front door".
   */
  readonly name: string;
  /**
   * A doorbell only: the door it rings at, as announcements read it ("front door" → "Alice is at the front door"),
   * when the device's name says something else (the door page's device is "Door page"). Absent: the name is the door.
   */
  readonly door?: string;
  readonly registeredAt: Instant;
  /** Set once the device's tokens must no longer be accepted. */
  readonly revokedAt?: Instant;
  /** Tokens issued at or before this instant are void: set when a revoked device is registered again. */
  readonly tokensNotBefore?: Instant;
}

export const MAX_DEVICE_NAME_LENGTH = 64;

export function isDeviceRole(value: unknown): value is DeviceRole {
  return value === 'resident' || value === 'doorbell';
}

export function isRevoked(device: Device): boolean {
  return device.revokedAt !== undefined;
}

/** Whether a token issued at `issuedAt` may still open connections for the device. */
export function acceptsTokenIssuedAt(device: Device, issuedAt: Instant): boolean {
  return !isRevoked(device) && (device.tokensNotBefore === undefined || issuedAt > device.tokensNotBefore);
}

export function revoke(device: Device, at: Instant): Device {
  return device.revokedAt === undefined ? { ...device, revokedAt: at } : device;
}
