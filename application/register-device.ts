import { MAX_DEVICE_NAME_LENGTH, type Device, type DeviceRole } from '../domain/device';
import { deviceId as toDeviceId, type DeviceId, type HouseholdId } from '../domain/ids';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { IdGenerator } from '../domain/ports/id-generator';

export interface RegisterDeviceCommand {
  readonly householdId: HouseholdId;
  readonly role: DeviceRole;
  readonly name: string;
  /**
   * A doorbell only: the door it rings at, when its name is not that ("Door page" at the "front door"). Omitted: a
   * new device has none (its name is the door); a re-registered one keeps the door it had.
   */
  readonly door?: string;
  /**
   * Re-registering an existing id renames it and lifts a revocation — for new tokens only: those issued before
   * the revocation stay void. Omitted → a fresh id.
   */
  readonly deviceId?: DeviceId;
}

export type RegisterDeviceResult =
  | { readonly kind: 'registered'; readonly device: Device }
  | { readonly kind: 'rejected'; readonly reason: string };

/** Adds a phone, dashboard or doorbell to a household (a device token is issued for it elsewhere). */
export class RegisterDevice {
  constructor(
    private readonly devices: DeviceRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: RegisterDeviceCommand): Promise<RegisterDeviceResult> {
    const name = tidyName(command.name);
    if (name === undefined) return { kind: 'rejected', reason: `a device name is 1–${MAX_DEVICE_NAME_LENGTH} printable characters` };
    const door = command.door === undefined ? undefined : tidyName(command.door);
    if (command.door !== undefined && command.role !== 'doorbell') return { kind: 'rejected', reason: 'only a doorbell has a door' };
    if (command.door !== undefined && door === undefined) {
      return { kind: 'rejected', reason: `a door name is 1–${MAX_DEVICE_NAME_LENGTH} printable characters` };
    }
    const id = command.deviceId ?? toDeviceId(this.ids.next());
    const previous = await this.devices.get(command.householdId, id);
    if (previous && previous.role !== command.role) {
      return { kind: 'rejected', reason: `device ${id} is registered as a ${previous.role}` };
    }
    const tokensNotBefore = previous?.revokedAt ?? previous?.tokensNotBefore;
    const keptDoor = door ?? previous?.door;
    const device: Device = {
      id,
      householdId: command.householdId,
      role: command.role,
      name,
      ...(keptDoor === undefined ? {} : { door: keptDoor }),
      registeredAt: previous?.registeredAt ?? this.clock.now(),
      ...(tokensNotBefore === undefined ? {} : { tokensNotBefore }),
    };
    await this.devices.save(device);
    return { kind: 'registered', device };
  }
}

/** Spacing tidied; undefined when empty, too long or holding control characters. */
function tidyName(text: string): string | undefined {
  const name = text.replace(/\s+/gu, ' ').trim();
  return name.length === 0 || name.length > MAX_DEVICE_NAME_LENGTH || /\p{Cc}/u.test(name) ? undefined : name;
}
