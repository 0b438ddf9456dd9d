import type { DeviceId, HouseholdId } from '../ids';
import type { PushSubscription } from '../push-subscription';

/** The households' Web Push subscriptions, each held for one device. */
export interface PushSubscriptionRepository {
  /**
   * Stores the subscription. Idempotent on the household and endpoint: saving one with a stored endpoint replaces it
   * (new keys, another device of the same household), keeping the first `createdAt`.
   */
  save(subscription: PushSubscription): Promise<void>;
  /** Every subscription of the household (all pages), in no particular order; never another household's. */
  listByHousehold(householdId: HouseholdId): Promise<readonly PushSubscription[]>;
  /** The subscriptions of one device of the household; never another device's or household's. */
  listByDevice(householdId: HouseholdId, deviceId: DeviceId): Promise<readonly PushSubscription[]>;
  /** Idempotent: removing an unknown endpoint resolves. Touches the household's subscription only. */
  remove(householdId: HouseholdId, endpoint: string): Promise<void>;
  /** Removes every subscription of the device (revoked or forgotten); idempotent. Resolves with how many went. */
  removeByDevice(householdId: HouseholdId, deviceId: DeviceId): Promise<number>;
}
