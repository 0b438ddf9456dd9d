import type { RingWindow } from '../../domain/debounce';
import { deviceId, householdId, ringId, type DeviceId, type HouseholdId } from '../../domain/ids';
import type { RingWindowRepository } from '../../domain/ports/ring-window-repository';
import { days } from '../../domain/time';
import { writtenUnlessConditionFails } from './conditional-write';
import { DynamoDbTable } from './dynamodb-table';
import { ItemFields } from './item-fields';
import type { Item } from './pages';
import { RING_WINDOWS_TABLE } from './table-definitions';
import { ttlSeconds } from './time-to-live';

/** A window matters for seconds; a day later nobody needs it, so TTL clears doorbells that went quiet. */
const WINDOW_TIME_TO_LIVE = /* @__PURE__ */ days(1);

/** Each doorbell's current ring window, keyed by household and doorbell; `replace` is a conditional put. */
export class DynamoDbRingWindowRepository extends DynamoDbTable implements RingWindowRepository {
  async current(household: HouseholdId, doorbell: DeviceId): Promise<RingWindow | undefined> {
    // Strongly consistent: a stale read would only make the following compare-and-set fail and be retried.
    const item = await this.getItem({ householdId: household, doorbellId: doorbell });
    return item && this.windowFrom(item);
  }

  async replace(expected: RingWindow | undefined, next: RingWindow): Promise<boolean> {
    const condition =
      expected === undefined
        ? { ConditionExpression: 'attribute_not_exists(#doorbellId)', ExpressionAttributeNames: { '#doorbellId': 'doorbellId' } }
        : {
            ConditionExpression: '#ringId = :expectedRingId',
            ExpressionAttributeNames: { '#ringId': 'ringId' },
            ExpressionAttributeValues: { ':expectedRingId': expected.ringId },
          };
    return writtenUnlessConditionFails(this.putItem(windowToItem(next), condition));
  }

  private windowFrom(item: Item): RingWindow {
    const fields = ItemFields.of(item, RING_WINDOWS_TABLE, this.tableName);
    return {
      householdId: fields.id('householdId', householdId),
      doorbellId: fields.id('doorbellId', deviceId),
      ringId: fields.id('ringId', ringId),
      openedAt: fields.number('openedAt'),
    };
  }
}

function windowToItem(window: RingWindow): Item {
  return {
    householdId: window.householdId,
    doorbellId: window.doorbellId,
    ringId: window.ringId,
    openedAt: window.openedAt,
    ttl: ttlSeconds(window.openedAt + WINDOW_TIME_TO_LIVE),
  };
}
