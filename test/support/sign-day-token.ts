import { HmacTokenSigner } from '../../adapters/crypto/hmac-token-signer';
import type { DeviceTokenClaims } from '../../domain/device-token';
import { days } from '../../domain/time';

/** A device token signed with `secret`, valid for one day from `issuedAt`: enough for any test that presents it once. */
export function signDayToken(secret: string, claims: Omit<DeviceTokenClaims, 'expiresAt'>): Promise<string> {
  return new HmacTokenSigner(secret).sign({ ...claims, expiresAt: claims.issuedAt + days(1) });
}
