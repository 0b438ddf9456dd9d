import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLive, MAX_CONNECTION_DURATION, openConnection } from '../../domain/connection';
import { DEFAULT_RETENTION_DAYS, isValidRetentionDays, photoGoneBy, ringExpiresAt } from '../../domain/retention';
import { isRetained } from '../../domain/ring';
import { days, hours } from '../../domain/time';
import { anyConnectionId, anyDeviceId, anyDeviceRole, anyHouseholdId, anyInstant, anyRetentionDays, anyRing } from '../support/arbitraries';

const DAY = 86_400_000;

describe('ringExpiresAt', () => {
  it('is strictly after the press, exactly the retention days later', () => {
    fc.assert(
      fc.property(anyInstant, anyRetentionDays, (pressedAt, retentionDays) => {
        // Act
        const expiresAt = ringExpiresAt(pressedAt, retentionDays);

        // Assess
        expect(expiresAt).toBeGreaterThan(pressedAt);
        expect(expiresAt - pressedAt).toBe(retentionDays * DAY);
      }),
    );
  });

  it('is monotonic in the press time', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, anyRetentionDays, (a, b, retentionDays) => {
        // Prepare
        const [earlier, later] = a <= b ? [a, b] : [b, a];

        // Act & Assess
        expect(ringExpiresAt(earlier, retentionDays)).toBeLessThanOrEqual(ringExpiresAt(later, retentionDays));
        if (earlier < later) expect(ringExpiresAt(earlier, retentionDays)).toBeLessThan(ringExpiresAt(later, retentionDays));
      }),
    );
  });

  it('is monotonic in the retention days', () => {
    fc.assert(
      fc.property(anyInstant, anyRetentionDays, anyRetentionDays, (pressedAt, a, b) => {
        // Prepare
        const [shorter, longer] = a <= b ? [a, b] : [b, a];

        // Act & Assess
        expect(ringExpiresAt(pressedAt, shorter)).toBeLessThanOrEqual(ringExpiresAt(pressedAt, longer));
        if (shorter < longer) expect(ringExpiresAt(pressedAt, shorter)).toBeLessThan(ringExpiresAt(pressedAt, longer));
      }),
    );
  });
});

describe('photoGoneBy', () => {
  it('is the first UTC midnight at or after the ring’s expiry', () => {
    fc.assert(
      fc.property(anyInstant, anyRetentionDays, (pressedAt, retentionDays) => {
        // Prepare
        const expiry = ringExpiresAt(pressedAt, retentionDays);

        // Act
        const goneBy = photoGoneBy(pressedAt, retentionDays);

        // Assess
        expect(goneBy).toBeGreaterThanOrEqual(expiry);
        expect(goneBy).toBeLessThan(expiry + DAY);
        expect(goneBy % DAY).toBe(0);
        expect(new Date(goneBy).toISOString()).toMatch(/T00:00:00\.000Z$/u);
      }),
    );
  });

  it('is the expiry itself when the ring expires exactly at midnight UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), anyRetentionDays, (day, retentionDays) => {
        expect(photoGoneBy(day * DAY, retentionDays)).toBe((day + retentionDays) * DAY);
      }),
    );
  });

  it('is monotonic in the press time', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, anyRetentionDays, (a, b, retentionDays) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(photoGoneBy(earlier, retentionDays)).toBeLessThanOrEqual(photoGoneBy(later, retentionDays));
      }),
    );
  });

  it('example: a press at 2026-11-25T12:00Z kept 30 days is gone by 2026-12-26T00:00Z', () => {
    expect(new Date(photoGoneBy(Date.UTC(2026, 10, 25, 12), DEFAULT_RETENTION_DAYS)).toISOString()).toBe('2026-12-26T00:00:00.000Z');
  });
});

describe('isRetained', () => {
  it('is true before the ring expires and false from its expiry on', () => {
    fc.assert(
      fc.property(anyRing(), fc.integer({ min: 1, max: 10 * DAY }), (ring, delta) => {
        expect(isRetained(ring, ring.expiresAt - delta)).toBe(true);
        expect(isRetained(ring, ring.expiresAt - 1)).toBe(true);
        expect(isRetained(ring, ring.expiresAt)).toBe(false);
        expect(isRetained(ring, ring.expiresAt + delta)).toBe(false);
      }),
    );
  });

  it('keeps a ring from its press until its expiry', () => {
    fc.assert(
      fc.property(anyRing(), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (ring, fraction) => {
        // Prepare
        const now = ring.at + Math.floor(fraction * (ring.expiresAt - ring.at));

        // Act & Assess
        expect(isRetained(ring, now)).toBe(true);
      }),
    );
  });
});

describe('isValidRetentionDays', () => {
  it.each([
    [1, true],
    [30, true],
    [3650, true],
    [0, false],
    [-1, false],
    [3651, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('%d → %s', (value, valid) => {
    expect(isValidRetentionDays(value)).toBe(valid);
  });

  it('accepts exactly the whole numbers from 1 to 3650', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -10, max: 4000 }), fc.double()), (value) => {
        expect(isValidRetentionDays(value)).toBe(Number.isInteger(value) && value >= 1 && value <= 3650);
      }),
    );
  });
});

describe('connections', () => {
  const anyOpened = fc.record({
    id: anyConnectionId,
    householdId: anyHouseholdId,
    deviceId: anyDeviceId,
    role: anyDeviceRole,
    connectedAt: anyInstant,
  });

  it('expire exactly two hours after they connect, keeping everything else', () => {
    fc.assert(
      fc.property(anyOpened, (opened) => {
        // Act
        const connection = openConnection(opened);

        // Assess
        expect(MAX_CONNECTION_DURATION).toBe(hours(2));
        expect(connection.expiresAt - connection.connectedAt).toBe(2 * 3_600_000);
        expect(connection).toEqual({ ...opened, expiresAt: opened.connectedAt + hours(2) });
      }),
    );
  });

  it('are live from connecting until just before expiry, and not at or after it', () => {
    fc.assert(
      fc.property(anyOpened, (opened) => {
        const connection = openConnection(opened);
        expect(isLive(connection, connection.connectedAt)).toBe(true);
        expect(isLive(connection, connection.expiresAt - 1)).toBe(true);
        expect(isLive(connection, connection.expiresAt)).toBe(false);
        expect(isLive(connection, connection.expiresAt + days(1))).toBe(false);
      }),
    );
  });

  it('liveness is monotonic: live at t means live at every earlier instant since connecting', () => {
    fc.assert(
      fc.property(anyOpened, fc.integer({ min: 0, max: 3 * 3_600_000 }), fc.integer({ min: 0, max: 3 * 3_600_000 }), (opened, a, b) => {
        // Prepare
        const connection = openConnection(opened);
        const [earlier, later] = a <= b ? [a, b] : [b, a];

        // Act & Assess
        if (isLive(connection, opened.connectedAt + later)) expect(isLive(connection, opened.connectedAt + earlier)).toBe(true);
        expect(isLive(connection, opened.connectedAt + later)).toBe(later < hours(2));
      }),
    );
  });
});
