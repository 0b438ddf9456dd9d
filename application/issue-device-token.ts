import type { Device, DeviceRole } from '../domain/device';
import { DEFAULT_TOKEN_LIFETIME } from '../domain/device-token';
import type { DeviceId, HouseholdId } from '../domain/ids';
import type { Clock } from '../domain/ports/clock';
import type { TokenSigner } from '../domain/ports/token-signer';
import type { Duration, Instant } from '../domain/time';
import type { RegisterDevice } from './register-device';

export interface IssueDeviceTokenCommand {
  readonly householdId: HouseholdId;
  readonly role: DeviceRole;
  readonly name: string;
  /** A doorbell only: the door it rings at, when its name is not that (see RegisterDeviceCommand). */
  readonly door?: string;
  /** Issue for an existing device (a new token for the same phone); omitted → a new device. */
  readonly deviceId?: DeviceId;
  readonly lifetime?: Duration;
}

export type IssueDeviceTokenResult =
  | { readonly kind: 'issued'; readonly device: Device; readonly token: string; readonly expiresAt: Instant }
  | { readonly kind: 'rejected'; readonly reason: string };

/** Registers a device (or re-registers it, lifting a revocation) and signs a token it connects with. */
export class IssueDeviceToken {
  constructor(
    private readonly registerDevice: RegisterDevice,
    private readonly signer: TokenSigner,
    private readonly clock: Clock,
  ) {}

  async execute(command: IssueDeviceTokenCommand): Promise<IssueDeviceTokenResult> {
    const lifetime = command.lifetime ?? DEFAULT_TOKEN_LIFETIME;
    if (!Number.isFinite(lifetime) || lifetime <= 0) return { kind: 'rejected', reason: 'a token lifetime is positive' };
    const registered = await this.registerDevice.execute({
      householdId: command.householdId,
      role: command.role,
      name: command.name,
      ...(command.door === undefined ? {} : { door: command.door }),
      ...(command.deviceId === undefined ? {} : { deviceId: command.deviceId }),
    });
    if (registered.kind !== 'registered') return registered;
    const { device } = registered;
    // Strictly after any revocation cut-off, even within the same millisecond.
    const issuedAt = Math.max(this.clock.now(), (device.tokensNotBefore ?? Number.NEGATIVE_INFINITY) + 1);
    const expiresAt = issuedAt + lifetime;
    const token = await this.signer.sign({ householdId: device.householdId, deviceId: device.id, role: device.role, issuedAt, expiresAt });
    return { kind: 'issued', device, token, expiresAt };
  }
}
