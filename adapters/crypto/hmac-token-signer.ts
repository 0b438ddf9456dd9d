import { createHmac, timingSafeEqual } from 'node:crypto';
import { isDeviceRole } from '../../domain/device';
import type { DeviceTokenClaims } from '../../domain/device-token';
import { deviceId, householdId, isValidId } from '../../domain/ids';
import type { TokenSigner } from '../../domain/ports/token-signer';

const VERSION = 'v1';
/** A token travels in a query string and a log line would be a credential: keep it bounded. */
const MAX_TOKEN_LENGTH = 1024;
export const MIN_SECRET_BYTES = 32;

/**
 * Device tokens as `v1.<payload>.<signature>`: the payload is the claims as base64url JSON (`h`, `d`, `r`, `iat`,
 * `exp`), the signature HMAC-SHA256 over `v1.<payload>` with the deployment's secret, compared in constant time.
 * Short enough for a URL, readable for debugging, and any change to a byte of it voids it.
 */
export class HmacTokenSigner implements TokenSigner {
  private readonly secret: Buffer;

  /**
   * @throws Error when the secret is shorter than MIN_SECRET_BYTES.
   */
  constructor(secret: Uint8Array | string) {
    this.secret = Buffer.from(secret);
    if (this.secret.length < MIN_SECRET_BYTES) throw new Error(`the device-token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }

  async sign(claims: DeviceTokenClaims): Promise<string> {
    const payload = Buffer.from(
      JSON.stringify({ h: claims.householdId, d: claims.deviceId, r: claims.role, iat: claims.issuedAt, exp: claims.expiresAt }),
    ).toString('base64url');
    const signed = `${VERSION}.${payload}`;
    return `${signed}.${this.mac(signed)}`;
  }

  async verify(token: string): Promise<DeviceTokenClaims | undefined> {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
    const [version, payload, signature, ...rest] = token.split('.');
    if (version !== VERSION || payload === undefined || signature === undefined || rest.length > 0) return undefined;
    // Compared as text, not decoded: base64url decoding is lenient (the last character's unused bits, `+` for `-`),
    // so other spellings of the same bytes would verify too.
    const expected = Buffer.from(this.mac(`${version}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return claimsFrom(payload);
  }

  private mac(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }
}

function claimsFrom(payload: string): DeviceTokenClaims | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { h, d, r, iat, exp } = raw as Record<string, unknown>;
  if (!isValidId(h) || !isValidId(d) || !isDeviceRole(r) || !Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) {
    return undefined;
  }
  return { householdId: householdId(h), deviceId: deviceId(d), role: r, issuedAt: iat as number, expiresAt: exp as number };
}
