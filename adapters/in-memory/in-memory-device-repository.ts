import type { Device } from '../../domain/device';
import type { DeviceId, HouseholdId } from '../../domain/ids';
import type { DeviceRepository } from '../../domain/ports/device-repository';
import { copy } from './copy';

export class InMemoryDeviceRepository implements DeviceRepository {
  private readonly devices = new Map<string, Device>();

  async save(device: Device): Promise<void> {
    this.devices.set(`${device.householdId}/${device.id}`, copy(device));
  }

  async get(householdId: HouseholdId, id: DeviceId): Promise<Device | undefined> {
    const device = this.devices.get(`${householdId}/${id}`);
    return device && copy(device);
  }

  async listByHousehold(householdId: HouseholdId): Promise<readonly Device[]> {
    return [...this.devices.values()].filter((device) => device.householdId === householdId).map(copy);
  }
}
