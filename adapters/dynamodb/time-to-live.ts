import type { Instant } from '../../domain/time';

/**
 * The `ttl` attribute DynamoDB's TTL deletes by: epoch seconds. Rounded up so an item is never deleted before its
 * domain expiry (deletion is lazy anyway, up to days late, which is why adapters also filter on read).
 */
export function ttlSeconds(expiresAt: Instant): number {
  return Math.ceil(expiresAt / 1_000);
}
