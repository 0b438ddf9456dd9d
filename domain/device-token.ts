import type { DeviceRole } from './device';
import type { DeviceId, HouseholdId } from './ids';
import { days, type Duration, type Instant } from './time';

/**
 * What a device token says: which device of which household it is, in which role, and until when. Tokens are
 * signed (see the TokenSigner port) and checked on every connect; revoking the device revokes its tokens.
 */
export interface DeviceTokenClaims {
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly role: DeviceRole;
  readonly issuedAt: Instant;
  readonly expiresAt: Instant;
}

/** Devices are set up once and then run unattended; a year, with revocation for the lost phone. */
export const DEFAULT_TOKEN_LIFETIME: Duration = days(365);

export type TokenCheck = 'valid' | 'expired' | 'not-yet-valid';

/** Whether claims hold at `now`. A token issued "in the future" (clock skew beyond a minute) is refused. */
export function checkTokenTime(claims: DeviceTokenClaims, now: Instant): TokenCheck {
  if (now >= claims.expiresAt) return 'expired';
  if (claims.issuedAt - now > 60_000) return 'not-yet-valid';
  return 'valid';
}
