import type { DeviceTokenClaims } from '../device-token';

/** Signs device tokens and checks signatures (HMAC-SHA256 with a per-deployment secret in AWS and locally). */
export interface TokenSigner {
  /** An opaque, URL-safe token carrying the claims, unforgeable without the secret. */
  sign(claims: DeviceTokenClaims): Promise<string>;
  /**
   * The claims of a token this signer (same secret) issued, or undefined for anything else: malformed, tampered,
   * signed with another secret. Never throws on bad input. Does not judge time: callers apply `checkTokenTime`.
   */
  verify(token: string): Promise<DeviceTokenClaims | undefined>;
}
