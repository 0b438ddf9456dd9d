import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviceId, householdId, ringId } from '../../domain/ids';
import { formatPhotoKey } from '../../domain/photo-key';
import { isPhotoExpired, photoGoneBy, ringExpiresAt } from '../../domain/retention';
import { days } from '../../domain/time';
import { anyPhotoKey, anyRetentionDays } from '../support/arbitraries';

/** A photo key, with or without a camera, and an instant up to two days either side of its photo's deadline. */
const aPhotoAndAMoment = fc
  .record({
    key: anyPhotoKey,
    camera: fc.boolean(),
    retentionDays: anyRetentionDays,
    offset: fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -days(2), max: days(2) })),
  })
  .map(({ key, camera, retentionDays, offset }) => ({
    key: formatPhotoKey(camera ? key : { ...key, camera: false }),
    pressedAt: key.pressedAt,
    retentionDays,
    now: photoGoneBy(key.pressedAt, retentionDays) + offset,
  }));

describe('isPhotoExpired', () => {
  it('deletes nothing younger than its deadline and everything from it on', () => {
    fc.assert(
      fc.property(aPhotoAndAMoment, ({ key, pressedAt, retentionDays, now }) => {
        expect(isPhotoExpired(key, retentionDays, now)).toBe(now >= photoGoneBy(pressedAt, retentionDays));
      }),
    );
  });

  it('never expires the photo of a ring still retained', () => {
    fc.assert(
      fc.property(aPhotoAndAMoment, ({ key, pressedAt, retentionDays, now }) => {
        fc.pre(now < ringExpiresAt(pressedAt, retentionDays));
        expect(isPhotoExpired(key, retentionDays, now)).toBe(false);
      }),
    );
  });

  it('never keeps a photo past the day after its ring expired (the bucket’s lifecycle rule)', () => {
    fc.assert(
      fc.property(aPhotoAndAMoment, ({ key, pressedAt, retentionDays }) => {
        expect(isPhotoExpired(key, retentionDays, ringExpiresAt(pressedAt, retentionDays) + days(1))).toBe(true);
      }),
    );
  });

  it('never expires what is not a ring photo’s key', () => {
    fc.assert(
      fc.property(fc.string(), anyRetentionDays, (text, retentionDays) => {
        fc.pre(!/^rings\//u.test(text));
        expect(isPhotoExpired(text, retentionDays, Number.MAX_SAFE_INTEGER)).toBe(false);
      }),
    );
    expect(isPhotoExpired('rings/home/front/not-a-time.jpg', 1, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('example: a press at 2026-11-25T12:00Z kept 1 day is kept until 2026-11-27T00:00Z', () => {
    const pressedAt = Date.UTC(2026, 10, 25, 12);
    const key = formatPhotoKey({ householdId: householdId('home'), doorbellId: deviceId('front'), pressedAt, ringId: ringId('r1') });
    expect(isPhotoExpired(key, 1, Date.UTC(2026, 10, 26, 23, 59, 59, 999))).toBe(false);
    expect(isPhotoExpired(key, 1, Date.UTC(2026, 10, 27))).toBe(true);
  });
});
