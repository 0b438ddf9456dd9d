import type { DeviceId, HouseholdId } from '../domain/ids';
import type { PushSubscriptionRepository } from '../domain/ports/push-subscription-repository';
import type { PushSubscription } from '../domain/push-subscription';

/** The push subscriptions of the asking device (never another device's). */
export class ListPushSubscriptions {
  constructor(private readonly subscriptions: PushSubscriptionRepository) {}

  execute(command: { readonly householdId: HouseholdId; readonly deviceId: DeviceId }): Promise<readonly PushSubscription[]> {
    return this.subscriptions.listByDevice(command.householdId, command.deviceId);
  }
}
