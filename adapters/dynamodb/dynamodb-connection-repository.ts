import { isLive, type Connection } from '../../domain/connection';
import { DEVICE_ROLES } from '../../domain/device';
import { connectionId, deviceId, householdId, type ConnectionId, type HouseholdId } from '../../domain/ids';
import type { ConnectionRepository } from '../../domain/ports/connection-repository';
import type { Instant } from '../../domain/time';
import { DynamoDbTable } from './dynamodb-table';
import { ItemFields } from './item-fields';
import { queryAll, type Item } from './pages';
import { CONNECTIONS_BY_HOUSEHOLD_INDEX, CONNECTIONS_TABLE } from './table-definitions';
import { ttlSeconds } from './time-to-live';

/**
 * Connections keyed by connection id, listed per household through the `byHousehold` index. Expired rows are
 * filtered on read: TTL deletes them lazily. Listing goes through a global index, so it is eventually consistent:
 * a connection opened a moment ago may be missed, one just removed may still be listed (its push then gets a 410).
 */
export class DynamoDbConnectionRepository extends DynamoDbTable implements ConnectionRepository {
  async save(connection: Connection): Promise<void> {
    await this.putItem(connectionToItem(connection));
  }

  async remove(id: ConnectionId): Promise<void> {
    await this.deleteItem({ connectionId: id });
  }

  async get(id: ConnectionId, now: Instant): Promise<Connection | undefined> {
    const item = await this.getItem({ connectionId: id });
    const connection = item && this.connectionFrom(item);
    return connection && isLive(connection, now) ? connection : undefined;
  }

  async listByHousehold(household: HouseholdId, now: Instant): Promise<readonly Connection[]> {
    // Not `householdPartition`: this table's partition is the connection id, and a global index allows no ConsistentRead.
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: CONNECTIONS_BY_HOUSEHOLD_INDEX,
      KeyConditionExpression: '#householdId = :householdId',
      FilterExpression: '#expiresAt > :now',
      ExpressionAttributeNames: { '#householdId': 'householdId', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: { ':householdId': household, ':now': now },
      Limit: this.pageSize,
    });
    return items.map((item) => this.connectionFrom(item));
  }

  private connectionFrom(item: Item): Connection {
    const fields = ItemFields.of(item, CONNECTIONS_TABLE, this.tableName);
    return {
      id: fields.id('connectionId', connectionId),
      householdId: fields.id('householdId', householdId),
      deviceId: fields.id('deviceId', deviceId),
      role: fields.oneOf('role', DEVICE_ROLES),
      connectedAt: fields.number('connectedAt'),
      expiresAt: fields.number('expiresAt'),
    };
  }
}

function connectionToItem(connection: Connection): Item {
  return {
    connectionId: connection.id,
    householdId: connection.householdId,
    deviceId: connection.deviceId,
    role: connection.role,
    connectedAt: connection.connectedAt,
    expiresAt: connection.expiresAt,
    ttl: ttlSeconds(connection.expiresAt),
  };
}
