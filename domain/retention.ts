import { parsePhotoKey } from './photo-key';
import { days, type Instant } from './time';

/**
 * Retention: how long a ring and its photo are kept. The ring row expires exactly `retentionDays` after the press;
 * the photo is removed by an S3 lifecycle rule, which counts whole days and acts at the following midnight UTC, so
 * the photo is gone by the first midnight UTC on or after the ring's expiry.
 */
export const DEFAULT_RETENTION_DAYS = 30;

export function ringExpiresAt(pressedAt: Instant, retentionDays: number): Instant {
  return pressedAt + days(retentionDays);
}

export function photoGoneBy(pressedAt: Instant, retentionDays: number): Instant {
  const expiry = ringExpiresAt(pressedAt, retentionDays);
  const day = days(1);
  return Math.ceil(expiry / day) * day;
}

/**
 * Whether the photo stored under `key` is past its retention at `now`: a ring photo is from `photoGoneBy` of the press
 * time in its key on, so never while its ring is retained (`photoGoneBy` is at or after `ringExpiresAt`) and never
 * later than the bucket's lifecycle rule would remove it. Anything that is not a ring photo's key never expires here.
 */
export function isPhotoExpired(key: string, retentionDays: number, now: Instant): boolean {
  const photo = parsePhotoKey(key);
  return photo !== undefined && now >= photoGoneBy(photo.pressedAt, retentionDays);
}

export function isValidRetentionDays(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 3650;
}
