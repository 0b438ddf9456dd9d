import { DEVICE_ROLES, type Device } from '../../domain/device';
import { deviceId, householdId, type DeviceId, type HouseholdId } from '../../domain/ids';
import type { DeviceRepository } from '../../domain/ports/device-repository';
import { DynamoDbTable } from './dynamodb-table';
import { ItemFields } from './item-fields';
import { queryAll, type Item } from './pages';
import { DEVICES_TABLE } from './table-definitions';

/** Devices keyed by household and device id. Reads are strongly consistent: a revocation takes effect at once. */
export class DynamoDbDeviceRepository extends DynamoDbTable implements DeviceRepository {
  async save(device: Device): Promise<void> {
    await this.putItem(deviceToItem(device));
  }

  async get(household: HouseholdId, id: DeviceId): Promise<Device | undefined> {
    const item = await this.getItem({ householdId: household, deviceId: id });
    return item && this.deviceFrom(item);
  }

  async listByHousehold(household: HouseholdId): Promise<readonly Device[]> {
    const items = await queryAll(this.client, this.householdPartition(household));
    return items.map((item) => this.deviceFrom(item));
  }

  private deviceFrom(item: Item): Device {
    const fields = ItemFields.of(item, DEVICES_TABLE, this.tableName);
    const revokedAt = fields.optionalNumber('revokedAt');
    const tokensNotBefore = fields.optionalNumber('tokensNotBefore');
    const door = fields.optionalString('door');
    return {
      id: fields.id('deviceId', deviceId),
      householdId: fields.id('householdId', householdId),
      role: fields.oneOf('role', DEVICE_ROLES),
      name: fields.string('name'),
      ...(door !== undefined && { door }),
      registeredAt: fields.number('registeredAt'),
      ...(revokedAt !== undefined && { revokedAt }),
      ...(tokensNotBefore !== undefined && { tokensNotBefore }),
    };
  }
}

function deviceToItem(device: Device): Item {
  return {
    householdId: device.householdId,
    deviceId: device.id,
    role: device.role,
    name: device.name,
    ...(device.door !== undefined && { door: device.door }),
    registeredAt: device.registeredAt,
    ...(device.revokedAt !== undefined && { revokedAt: device.revokedAt }),
    ...(device.tokensNotBefore !== undefined && { tokensNotBefore: device.tokensNotBefore }),
  };
}
