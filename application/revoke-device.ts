import { revoke, type Device } from '../domain/device';
import type { DeviceId, HouseholdId } from '../domain/ids';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { PushSubscriptionRepository } from '../domain/ports/push-subscription-repository';

export type RevokeDeviceResult = { readonly kind: 'revoked'; readonly device: Device } | { readonly kind: 'not-found' };

/**
 * A lost phone or a replaced doorbell: its tokens stop opening connections, and its browser's push subscriptions
 * are deleted, so a ring no longer reaches it while its page is closed either. Idempotent.
 */
export class RevokeDevice {
  constructor(
    private readonly devices: DeviceRepository,
    private readonly clock: Clock,
    private readonly pushSubscriptions: PushSubscriptionRepository,
  ) {}

  async execute(command: { readonly householdId: HouseholdId; readonly deviceId: DeviceId }): Promise<RevokeDeviceResult> {
    const device = await this.devices.get(command.householdId, command.deviceId);
    if (!device) return { kind: 'not-found' };
    const revoked = revoke(device, this.clock.now());
    if (revoked !== device) await this.devices.save(revoked);
    // Also when it was revoked before: a retry after a failed delete finishes the job.
    await this.pushSubscriptions.removeByDevice(command.householdId, command.deviceId);
    return { kind: 'revoked', device: revoked };
  }
}
