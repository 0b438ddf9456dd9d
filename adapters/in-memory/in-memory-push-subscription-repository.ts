import type { DeviceId, HouseholdId } from '../../domain/ids';
import type { PushSubscriptionRepository } from '../../domain/ports/push-subscription-repository';
import type { PushSubscription } from '../../domain/push-subscription';
import { copy } from './copy';

export class InMemoryPushSubscriptionRepository implements PushSubscriptionRepository {
  /** By household, then endpoint. */
  private readonly households = new Map<HouseholdId, Map<string, PushSubscription>>();

  async save(subscription: PushSubscription): Promise<void> {
    const household = this.households.get(subscription.householdId) ?? new Map<string, PushSubscription>();
    this.households.set(subscription.householdId, household);
    const stored = household.get(subscription.endpoint);
    household.set(subscription.endpoint, copy(stored ? { ...subscription, createdAt: stored.createdAt } : subscription));
  }

  async listByHousehold(householdId: HouseholdId): Promise<readonly PushSubscription[]> {
    return [...(this.households.get(householdId)?.values() ?? [])].map(copy);
  }

  async listByDevice(householdId: HouseholdId, deviceId: DeviceId): Promise<readonly PushSubscription[]> {
    return (await this.listByHousehold(householdId)).filter((subscription) => subscription.deviceId === deviceId);
  }

  async remove(householdId: HouseholdId, endpoint: string): Promise<void> {
    this.households.get(householdId)?.delete(endpoint);
  }

  async removeByDevice(householdId: HouseholdId, deviceId: DeviceId): Promise<number> {
    const mine = await this.listByDevice(householdId, deviceId);
    for (const subscription of mine) await this.remove(householdId, subscription.endpoint);
    return mine.length;
  }
}
