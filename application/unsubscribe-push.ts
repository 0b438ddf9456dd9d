import type { DeviceId, HouseholdId } from '../domain/ids';
import type { PushSubscriptionRepository } from '../domain/ports/push-subscription-repository';
import type { PushSubscription } from '../domain/push-subscription';

/**
 * Removes one of the device's own push subscriptions (idempotent). Another device's endpoint is left alone: a
 * device manages only what it subscribed. Resolves with the device's remaining subscriptions.
 */
export class UnsubscribePush {
  constructor(private readonly subscriptions: PushSubscriptionRepository) {}

  async execute(command: {
    readonly householdId: HouseholdId;
    readonly deviceId: DeviceId;
    readonly endpoint: string;
  }): Promise<readonly PushSubscription[]> {
    const mine = await this.subscriptions.listByDevice(command.householdId, command.deviceId);
    if (!mine.some((subscription) => subscription.endpoint === command.endpoint)) return mine;
    await this.subscriptions.remove(command.householdId, command.endpoint);
    return mine.filter((subscription) => subscription.endpoint !== command.endpoint);
  }
}
