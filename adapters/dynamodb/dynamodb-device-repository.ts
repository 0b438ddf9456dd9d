import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEVICE_ROLES, type Device } from '../../domain/device';
import { deviceId, householdId, type DeviceId, type HouseholdId } from '../../domain/ids';
import type { DeviceRepository } from '../../domain/ports/device-repository';
import type { DynamoDbTableOptions } from './dynamodb-table-options';
import { ItemFields } from './item-fields';
import { queryAll, type Item } from './pages';
import { DEVICES_TABLE } from './table-definitions';

/** Devices keyed by household and device id. Reads are strongly consistent: a revocation takes effect at once. */
export class DynamoDbDeviceRepository implements DeviceRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly pageSize: number | undefined;

  constructor({ client, tableName, pageSize }: DynamoDbTableOptions) {
    this.client = client;
    this.tableName = tableName;
    this.pageSize = pageSize;
  }

  async save(device: Device): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: deviceToItem(device) }));
  }

  async get(household: HouseholdId, id: DeviceId): Promise<Device | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { householdId: household, deviceId: id }, ConsistentRead: true }),
    );
    return Item && this.deviceFrom(Item);
  }

  async listByHousehold(household: HouseholdId): Promise<readonly Device[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#householdId = :householdId',
      ExpressionAttributeNames: { '#householdId': 'householdId' },
      ExpressionAttributeValues: { ':householdId': household },
      ConsistentRead: true,
      Limit: this.pageSize,
    });
    return items.map((item) => this.deviceFrom(item));
  }

  private deviceFrom(item: Item): Device {
    const fields = ItemFields.of(item, DEVICES_TABLE, this.tableName);
    const revokedAt = fields.optionalNumber('revokedAt');
    return {
      id: fields.id('deviceId', deviceId),
      householdId: fields.id('householdId', householdId),
      role: fields.oneOf('role', DEVICE_ROLES),
      name: fields.string('name'),
      registeredAt: fields.number('registeredAt'),
      ...(revokedAt !== undefined && { revokedAt }),
    };
  }
}

function deviceToItem(device: Device): Item {
  return {
    householdId: device.householdId,
    deviceId: device.id,
    role: device.role,
    name: device.name,
    registeredAt: device.registeredAt,
    ...(device.revokedAt !== undefined && { revokedAt: device.revokedAt }),
  };
}
