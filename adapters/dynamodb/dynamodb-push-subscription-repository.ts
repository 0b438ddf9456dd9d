import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deviceId, householdId, type DeviceId, type HouseholdId } from '../../domain/ids';
import type { PushSubscriptionRepository } from '../../domain/ports/push-subscription-repository';
import type { PushSubscription } from '../../domain/push-subscription';
import { DynamoDbTable } from './dynamodb-table';
import { ItemFields } from './item-fields';
import { queryAll, type Item } from './pages';
import { PUSH_SUBSCRIPTIONS_TABLE } from './table-definitions';

/**
 * Push subscriptions keyed by household and the endpoint's hash (table-definitions.ts says why). Reads are strongly
 * consistent, so a device revoked a moment after subscribing loses that subscription too.
 */
export class DynamoDbPushSubscriptionRepository extends DynamoDbTable implements PushSubscriptionRepository {
  async save(subscription: PushSubscription): Promise<void> {
    // One update, not a put: replacing keeps the first createdAt (if_not_exists) without a read first.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { householdId: subscription.householdId, endpointKey: endpointKey(subscription.endpoint) },
        UpdateExpression:
          'SET #endpoint = :endpoint, #deviceId = :deviceId, #keys = :keys, #createdAt = if_not_exists(#createdAt, :createdAt)' +
          (subscription.expirationTime === undefined ? ' REMOVE #expirationTime' : ', #expirationTime = :expirationTime'),
        ExpressionAttributeNames: {
          '#endpoint': 'endpoint',
          '#deviceId': 'deviceId',
          '#keys': 'keys',
          '#createdAt': 'createdAt',
          '#expirationTime': 'expirationTime',
        },
        ExpressionAttributeValues: {
          ':endpoint': subscription.endpoint,
          ':deviceId': subscription.deviceId,
          ':keys': { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth },
          ':createdAt': subscription.createdAt,
          ...(subscription.expirationTime === undefined ? {} : { ':expirationTime': subscription.expirationTime }),
        },
      }),
    );
  }

  async listByHousehold(household: HouseholdId): Promise<readonly PushSubscription[]> {
    const items = await queryAll(this.client, this.householdPartition(household));
    return items.map((item) => this.subscriptionFrom(item));
  }

  async listByDevice(household: HouseholdId, device: DeviceId): Promise<readonly PushSubscription[]> {
    const partition = this.householdPartition(household);
    const items = await queryAll(this.client, {
      ...partition,
      FilterExpression: '#deviceId = :deviceId',
      ExpressionAttributeNames: { ...partition.ExpressionAttributeNames, '#deviceId': 'deviceId' },
      ExpressionAttributeValues: { ...partition.ExpressionAttributeValues, ':deviceId': device },
    });
    return items.map((item) => this.subscriptionFrom(item));
  }

  async remove(household: HouseholdId, endpoint: string): Promise<void> {
    await this.deleteItem({ householdId: household, endpointKey: endpointKey(endpoint) });
  }

  async removeByDevice(household: HouseholdId, device: DeviceId): Promise<number> {
    const mine = await this.listByDevice(household, device);
    await Promise.all(mine.map((subscription) => this.remove(household, subscription.endpoint)));
    return mine.length;
  }

  private subscriptionFrom(item: Item): PushSubscription {
    const fields = ItemFields.of(item, PUSH_SUBSCRIPTIONS_TABLE, this.tableName);
    const keys = fields.map('keys');
    const expirationTime = fields.optionalNumber('expirationTime');
    return {
      householdId: fields.id('householdId', householdId),
      deviceId: fields.id('deviceId', deviceId),
      endpoint: fields.string('endpoint'),
      keys: { p256dh: keys.string('p256dh'), auth: keys.string('auth') },
      createdAt: fields.number('createdAt'),
      ...(expirationTime !== undefined && { expirationTime }),
    };
  }
}

/** The endpoint as a sort key: SHA-256, base64url (43 characters). */
export function endpointKey(endpoint: string): string {
  return createHash('sha256').update(endpoint).digest('base64url');
}
