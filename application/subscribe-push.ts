import { isRevoked } from '../domain/device';
import type { DeviceId, HouseholdId } from '../domain/ids';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { PushSubscriptionRepository } from '../domain/ports/push-subscription-repository';
import { endpointProblem, type PushSubscription, type PushSubscriptionKeys } from '../domain/push-subscription';

/** A browser rarely holds more than one; a device that somehow gathers more loses its oldest, so storage stays bounded. */
export const MAX_PUSH_SUBSCRIPTIONS_PER_DEVICE = 5;

export interface SubscribePushCommand {
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly subscription: {
    readonly endpoint: string;
    readonly expirationTime?: number;
    readonly keys: PushSubscriptionKeys;
  };
}

export type SubscribePushResult =
  | { readonly kind: 'subscribed'; readonly subscriptions: readonly PushSubscription[] }
  | { readonly kind: 'rejected'; readonly reason: 'bad-endpoint' | 'revoked'; readonly message: string };

/**
 * Keeps a resident browser's push subscription for its device, so that rings reach it while the page is closed.
 * Idempotent on the endpoint. A revoked device subscribes nothing: revoking deleted its subscriptions, and a
 * connection still open from before must not bring one back.
 */
export class SubscribePush {
  constructor(
    private readonly subscriptions: PushSubscriptionRepository,
    private readonly devices: DeviceRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: SubscribePushCommand): Promise<SubscribePushResult> {
    const problem = endpointProblem(command.subscription.endpoint);
    if (problem !== undefined) return { kind: 'rejected', reason: 'bad-endpoint', message: `endpoint ${problem}` };
    const device = await this.devices.get(command.householdId, command.deviceId);
    if (!device || isRevoked(device)) return { kind: 'rejected', reason: 'revoked', message: 'this device is revoked' };

    const { endpoint, expirationTime, keys } = command.subscription;
    await this.subscriptions.save({
      householdId: command.householdId,
      deviceId: command.deviceId,
      endpoint,
      keys: { p256dh: keys.p256dh, auth: keys.auth },
      createdAt: this.clock.now(),
      ...(expirationTime === undefined ? {} : { expirationTime }),
    });
    const mine = await this.subscriptions.listByDevice(command.householdId, command.deviceId);
    const oldestFirst = [...mine].sort((a, b) => a.createdAt - b.createdAt);
    const excess = oldestFirst
      .filter((subscription) => subscription.endpoint !== endpoint)
      .slice(0, Math.max(0, mine.length - MAX_PUSH_SUBSCRIPTIONS_PER_DEVICE));
    await Promise.all(excess.map((subscription) => this.subscriptions.remove(command.householdId, subscription.endpoint)));
    return { kind: 'subscribed', subscriptions: oldestFirst.filter((subscription) => !excess.includes(subscription)) };
  }
}
