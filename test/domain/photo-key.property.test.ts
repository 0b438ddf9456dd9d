import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceId, HouseholdId, RingId } from '../../domain/ids';
import { ID_PATTERN } from '../../domain/ids';
import { formatPhotoKey, parsePhotoKey, PHOTO_KEY_PREFIX, type PhotoKey } from '../../domain/photo-key';
import { anyIdText, anyIdTextWithForbiddenChar, anyInstant, anyPhotoKey } from '../support/arbitraries';

/** The raw parts of a key, before any validation, so tests can break one part at a time. */
interface RawKey {
  prefix: string;
  household: string;
  doorbell: string;
  pressedAt: string;
  ring: string;
  suffix: string;
}

const raw = (key: PhotoKey): RawKey => ({
  prefix: PHOTO_KEY_PREFIX,
  household: key.householdId,
  doorbell: key.doorbellId,
  pressedAt: String(key.pressedAt),
  ring: key.ringId,
  suffix: '.jpg',
});
const text = (key: RawKey): string => `${key.prefix}${key.household}/${key.doorbell}/${key.pressedAt}-${key.ring}${key.suffix}`;

describe('photo keys', () => {
  it('read back every valid key they format', () => {
    fc.assert(
      fc.property(anyPhotoKey, (key) => {
        expect(parsePhotoKey(formatPhotoKey(key))).toEqual(key);
      }),
    );
  });

  it('read back keys with any time of up to Number.MAX_SAFE_INTEGER', () => {
    fc.assert(
      fc.property(anyPhotoKey, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (key, pressedAt) => {
        const later = { ...key, pressedAt };
        expect(parsePhotoKey(formatPhotoKey(later))).toEqual(later);
      }),
    );
  });

  it('format as rings/{household}/{doorbell}/{pressedAt}-{ring}.jpg', () => {
    // Prepare
    const key: PhotoKey = {
      householdId: 'home-1' as HouseholdId,
      doorbellId: 'front' as DeviceId,
      pressedAt: 1_764_072_000_000,
      ringId: 'r-42' as RingId,
    };

    // Act & Assess
    expect(formatPhotoKey(key)).toBe('rings/home-1/front/1764072000000-r-42.jpg');
  });

  it('read back camera-less keys as camera-less, and camera keys never as camera-less', () => {
    fc.assert(
      fc.property(anyPhotoKey, (key) => {
        const withoutCamera: PhotoKey = { ...key, camera: false };
        expect(parsePhotoKey(formatPhotoKey(withoutCamera))).toEqual(withoutCamera);
        expect(parsePhotoKey(formatPhotoKey(key))).not.toHaveProperty('camera');
        expect(formatPhotoKey(withoutCamera)).not.toBe(formatPhotoKey(key));
      }),
    );
  });

  it('format a camera-less press as rings/{household}/{doorbell}/no-camera/{pressedAt}-{ring}.jpg', () => {
    const key: PhotoKey = {
      householdId: 'home-1' as HouseholdId,
      doorbellId: 'front' as DeviceId,
      pressedAt: 1_764_072_000_000,
      ringId: 'r-42' as RingId,
      camera: false,
    };
    expect(formatPhotoKey(key)).toBe('rings/home-1/front/no-camera/1764072000000-r-42.jpg');
  });

  it('read a doorbell or household named "no-camera" as a name, not as the camera-less marker', () => {
    fc.assert(
      fc.property(anyPhotoKey, fc.boolean(), (key, camera) => {
        const named = {
          ...key,
          householdId: 'no-camera' as HouseholdId,
          doorbellId: 'no-camera' as DeviceId,
          ...(camera ? {} : { camera: false as const }),
        };
        expect(parsePhotoKey(formatPhotoKey(named))).toEqual(named);
      }),
    );
  });

  it('read back keys whose ring id looks like a time or a file name', () => {
    fc.assert(
      fc.property(anyPhotoKey, fc.constantFrom('123-456', 'x.jpg', '-', '.jpg.jpg', '0', '9-9-9', '..', ':'), (key, ringId) => {
        const tricky = { ...key, ringId: ringId as RingId };
        expect(parsePhotoKey(formatPhotoKey(tricky))).toEqual(tricky);
      }),
    );
  });

  it('reject keys with another prefix', () => {
    fc.assert(
      fc.property(
        anyPhotoKey,
        fc.oneof(
          fc.constantFrom('', '/rings/', 'Rings/', 'ring/', 'rings', 'photos/', 'rings//', ' rings/', 'rings/rings/'),
          fc.string({ maxLength: 8 }).filter((prefix) => prefix !== PHOTO_KEY_PREFIX),
        ),
        (key, prefix) => {
          // Prepare
          const broken = text({ ...raw(key), prefix });
          // "rings/x" + "home/…" is the well-formed key of household "xhome": not another prefix.
          fc.pre(!broken.startsWith(PHOTO_KEY_PREFIX) || prefix === 'rings/rings/' || prefix === 'rings//');

          // Act & Assess
          expect(parsePhotoKey(broken)).toBeUndefined();
        },
      ),
    );
  });

  it('reject keys with another extension', () => {
    fc.assert(
      fc.property(anyPhotoKey, fc.constantFrom('', '.jpeg', '.JPG', '.png', '.jpg/', '.jpg ', 'jpg', '.jpg\n'), (key, suffix) => {
        // Prepare
        const broken = text({ ...raw(key), suffix });
        // A ring id ending in "." or ".jpg" completes a bare or missing extension into a well-formed key of another ring.
        fc.pre(!broken.endsWith('.jpg'));

        // Act & Assess
        expect(parsePhotoKey(broken)).toBeUndefined();
      }),
    );
  });

  it('reject keys with a part missing', () => {
    fc.assert(
      fc.property(
        // A ring id such as "123-abc" makes "rings/h/d/123-abc.jpg" a complete key again, so it can't show a missing time.
        anyPhotoKey.filter((key) => !/^\d/u.test(key.ringId)),
        (key) => {
          // Prepare
          const { household, doorbell, pressedAt, ring } = raw(key);
          const missing = [
            `rings/${doorbell}/${pressedAt}-${ring}.jpg`,
            `rings/${household}/${pressedAt}-${ring}.jpg`,
            `rings/${household}/${doorbell}/${ring}.jpg`,
            `rings/${household}/${doorbell}/${pressedAt}.jpg`,
            `rings/${household}/${doorbell}/${pressedAt}-.jpg`,
            `rings/${household}/${doorbell}/-${ring}.jpg`,
            `rings//${doorbell}/${pressedAt}-${ring}.jpg`,
            `rings/${household}//${pressedAt}-${ring}.jpg`,
            `rings/${household}/${doorbell}/`,
            `rings/${household}/${doorbell}`,
            'rings/',
            '',
          ];

          // Act & Assess
          for (const candidate of missing) expect(parsePhotoKey(candidate), candidate).toBeUndefined();
        },
      ),
    );
  });

  it('reject keys with a part missing: fixed examples', () => {
    for (const key of [
      'rings/front/1764072000000-r1.jpg',
      'rings/home/front/r1.jpg',
      'rings/home/front/1764072000000.jpg',
      'rings/home/front/1764072000000-.jpg',
      'rings/home/front/-r1.jpg',
      'rings//front/1764072000000-r1.jpg',
      'rings/home//1764072000000-r1.jpg',
      'rings/home/front/',
    ]) {
      expect(parsePhotoKey(key)).toBeUndefined();
    }
  });

  it('reject keys with an extra slash anywhere in an id', () => {
    fc.assert(
      fc.property(
        anyPhotoKey,
        fc.constantFrom<'household' | 'doorbell' | 'ring'>('household', 'doorbell', 'ring'),
        fc.nat(),
        (key, part, position) => {
          // Prepare
          const parts = raw(key);
          const id = parts[part];
          const at = position % (id.length + 1);
          const broken = text({ ...parts, [part]: `${id.slice(0, at)}/${id.slice(at)}` });

          // Act & Assess
          expect(parsePhotoKey(broken)).toBeUndefined();
        },
      ),
    );
  });

  it('reject keys whose time is not plain digits', () => {
    fc.assert(
      fc.property(
        anyPhotoKey,
        fc.oneof(
          fc.constantFrom('', '-1', '+1', '1.5', '1e3', ' 12', '12 ', '0x1f', 'NaN', 'Infinity', '١٢٣', '１２'),
          fc
            .tuple(
              fc.stringMatching(/^\d{0,6}$/u),
              fc.string({ minLength: 1, maxLength: 3 }).filter((s) => /[^\d]/u.test(s) && !s.includes('-') && !s.includes('/')),
              fc.stringMatching(/^\d{0,6}$/u),
            )
            .map(([a, b, c]) => a + b + c),
        ),
        (key, pressedAt) => {
          expect(parsePhotoKey(text({ ...raw(key), pressedAt }))).toBeUndefined();
        },
      ),
    );
  });

  it('reject keys whose time has leading zeros or more than 16 digits (one key per ring)', () => {
    fc.assert(
      fc.property(anyPhotoKey, fc.stringMatching(/^(\d{17,20}|0\d{1,15})$/u), (key, pressedAt) => {
        expect(parsePhotoKey(text({ ...raw(key), pressedAt }))).toBeUndefined();
      }),
    );
  });

  it('reject keys whose ids contain characters outside [A-Za-z0-9_.-:]', () => {
    fc.assert(
      fc.property(
        anyPhotoKey,
        fc.constantFrom<'household' | 'doorbell' | 'ring'>('household', 'doorbell', 'ring'),
        anyIdTextWithForbiddenChar,
        (key, part, badId) => {
          expect(parsePhotoKey(text({ ...raw(key), [part]: badId }))).toBeUndefined();
        },
      ),
    );
  });

  it('reject ids longer than 128 characters', () => {
    fc.assert(
      fc.property(
        anyPhotoKey,
        fc.constantFrom<'household' | 'doorbell' | 'ring'>('household', 'doorbell', 'ring'),
        fc.integer({ min: 129, max: 300 }),
        (key, part, length) => {
          expect(parsePhotoKey(text({ ...raw(key), [part]: 'a'.repeat(length) }))).toBeUndefined();
        },
      ),
    );
  });

  it('never throw, and only ever return valid parts, on arbitrary text', () => {
    const anyText = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary' }).map((rest) => PHOTO_KEY_PREFIX + rest),
      fc.tuple(anyIdText, fc.string(), anyInstant, fc.string({ unit: 'binary' })).map(([a, b, t, c]) => `rings/${a}/${b}/${t}-${c}.jpg`),
    );
    fc.assert(
      fc.property(anyText, (candidate) => {
        // Act
        const parsed = parsePhotoKey(candidate);

        // Assess
        if (parsed !== undefined) {
          expect([parsed.householdId, parsed.doorbellId, parsed.ringId].every((id) => ID_PATTERN.test(id))).toBe(true);
          expect(Number.isSafeInteger(parsed.pressedAt) && parsed.pressedAt >= 0).toBe(true);
        }
      }),
    );
  });
});
