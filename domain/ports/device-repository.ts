import type { Device } from '../device';
import type { DeviceId, HouseholdId } from '../ids';

/** The registered devices of every household. */
export interface DeviceRepository {
  /** Stores the device, replacing one with the same household and id (revoking is saving with `revokedAt`). */
  save(device: Device): Promise<void>;
  get(householdId: HouseholdId, id: DeviceId): Promise<Device | undefined>;
  /** Every device of the household, revoked ones included, in no particular order. */
  listByHousehold(householdId: HouseholdId): Promise<readonly Device[]>;
}
