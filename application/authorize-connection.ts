import { acceptsTokenIssuedAt, type DeviceRole } from '../domain/device';
import { checkTokenTime } from '../domain/device-token';
import type { DeviceId, HouseholdId } from '../domain/ids';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { TokenSigner } from '../domain/ports/token-signer';

export type DenialReason = 'missing' | 'invalid' | 'expired' | 'not-yet-valid' | 'unknown-device' | 'revoked';

export type Authorization =
  | { readonly kind: 'allowed'; readonly householdId: HouseholdId; readonly deviceId: DeviceId; readonly role: DeviceRole }
  | { readonly kind: 'denied'; readonly reason: DenialReason };

/**
 * The $connect check: a device may open a connection with a valid, unexpired token of a registered device that is
 * not revoked and still has the token's role. Nothing is stored for a denied device.
 */
export class AuthorizeConnection {
  constructor(
    private readonly signer: TokenSigner,
    private readonly devices: DeviceRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: { readonly token: string | undefined }): Promise<Authorization> {
    if (!command.token) return { kind: 'denied', reason: 'missing' };
    const claims = await this.signer.verify(command.token);
    if (!claims) return { kind: 'denied', reason: 'invalid' };
    const time = checkTokenTime(claims, this.clock.now());
    if (time !== 'valid') return { kind: 'denied', reason: time };
    const device = await this.devices.get(claims.householdId, claims.deviceId);
    if (!device || device.role !== claims.role) return { kind: 'denied', reason: 'unknown-device' };
    if (!acceptsTokenIssuedAt(device, claims.issuedAt)) return { kind: 'denied', reason: 'revoked' };
    return { kind: 'allowed', householdId: device.householdId, deviceId: device.id, role: device.role };
  }
}
