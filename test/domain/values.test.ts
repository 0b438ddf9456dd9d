import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRevoked, revoke, type Device } from '../../domain/device';
import {
  connectionId,
  deviceId,
  faceId,
  householdId,
  ID_PATTERN,
  InvalidIdError,
  isValidId,
  ringId,
  visitorId,
  type FaceId,
  type HouseholdId,
} from '../../domain/ids';
import {
  InvalidVisitorNameError,
  MAX_VISITOR_NAME_LENGTH,
  nameKey,
  sameName,
  visitorName,
  withFaces,
  type Visitor,
} from '../../domain/visitor';
import {
  anyDeviceId,
  anyDeviceRole,
  anyFaceId,
  anyHouseholdId,
  anyIdText,
  anyIdTextWithForbiddenChar,
  anyInstant,
  anyVisitor,
  anyVisitorName,
} from '../support/arbitraries';

/** Parsers of the ids we mint (connection ids are API Gateway's, with their own alphabet). */
const parsers = { householdId, deviceId, visitorId, ringId, faceId };

describe('ids', () => {
  it.each(Object.entries(parsers))('%s rejects a value with a slash', (_, parse) => {
    expect(() => parse('a/b')).toThrow(InvalidIdError);
  });

  it('householdId("a/b") throws an InvalidIdError naming the kind and the value', () => {
    expect(() => householdId('a/b')).toThrow(/HouseholdId must be 1–128 characters .*"a\/b"/u);
  });

  it.each(['a', 'home-1', 'A.b_c:d-9', 'x'.repeat(128), '...', ':'])('accepts %j', (value) => {
    expect(householdId(value)).toBe(value);
  });

  it.each(['', 'x'.repeat(129), 'a b', 'é', 'a\n', '\na', 'a/b', 'a%2F'])('rejects %j', (value) => {
    expect(() => householdId(value)).toThrow(InvalidIdError);
  });

  it.each([undefined, null, 42, {}, ['a'], true])('rejects the non-string %j', (value) => {
    expect(() => householdId(value)).toThrow(InvalidIdError);
    expect(isValidId(value)).toBe(false);
  });

  it('every parser returns any valid id unchanged', () => {
    fc.assert(
      fc.property(anyIdText, (value) => {
        for (const parse of Object.values(parsers)) expect(parse(value)).toBe(value);
      }),
    );
  });

  it('every parser rejects an id with a character outside the alphabet, or too long', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyIdTextWithForbiddenChar,
          anyIdText.map((id) => id.padEnd(129, id)),
        ),
        (value) => {
          for (const parse of Object.values(parsers)) expect(() => parse(value)).toThrow(InvalidIdError);
        },
      ),
    );
  });

  it('isValidId agrees with every id parser, on any value', () => {
    const anyValue = fc.oneof(anyIdText, anyIdTextWithForbiddenChar, fc.string(), fc.string({ unit: 'binary' }), fc.anything());
    fc.assert(
      fc.property(anyValue, (value) => {
        // Act
        const valid = isValidId(value);

        // Assess
        expect(valid).toBe(typeof value === 'string' && ID_PATTERN.test(value));
        for (const parse of Object.values(parsers)) {
          if (valid) expect(parse(value)).toBe(value);
          else expect(() => parse(value)).toThrow(InvalidIdError);
        }
      }),
    );
  });
});

describe('connectionId', () => {
  it.each(['L0SM9cOFvHcCIhw=', 'GbVr5cP4PHcCIYw=', 'a+b/c==', 'conn-1'])('accepts the API Gateway connection id %j', (value) => {
    expect(connectionId(value)).toBe(value);
  });

  it.each(['', 'a b', 'é', 'a\n', 'x'.repeat(129), 'a?b', 'a#b'])('rejects %j', (value) => {
    expect(() => connectionId(value)).toThrow(/ConnectionId must be 1–128 characters of \[A-Za-z0-9_.-:=\+\/\]/u);
  });

  it('accepts every id we mint too', () => {
    fc.assert(
      fc.property(anyIdText, (value) => {
        expect(connectionId(value)).toBe(value);
      }),
    );
  });
});

describe('visitorName', () => {
  it.each([
    ['Alice', 'Alice'],
    ['  Alice  ', 'Alice'],
    ['Mary   Jane', 'Mary Jane'],
    ['Mary \t\n Jane', 'Mary Jane'],
    ['\u00a0Zoë\u2003Smith\u00a0', 'Zoë Smith'],
    ['Zoe\u0308', 'Zoë'],
  ])('tidies %j to %j', (raw, tidy) => {
    expect(visitorName(raw)).toBe(tidy);
  });

  it.each(['', '   ', '\t\n', 'x'.repeat(65), 'Ali\u0000ce', 'Bob\u0007', '\u007fEve', 'Ann\u0085', 'Al\u001bice'])('rejects %j', (raw) => {
    expect(() => visitorName(raw)).toThrow(InvalidVisitorNameError);
  });

  it('accepts a name of exactly 64 characters', () => {
    expect(visitorName('x'.repeat(MAX_VISITOR_NAME_LENGTH))).toHaveLength(64);
  });

  const anyPadding = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003'), maxLength: 4 });

  it('is idempotent and undoes any extra whitespace around and between words', () => {
    fc.assert(
      fc.property(anyVisitorName, anyPadding, anyPadding, anyPadding, (name, before, between, after) => {
        // Prepare
        const messy = before + name.split(' ').join(` ${between}`) + after;

        // Act
        const tidy = visitorName(messy);

        // Assess
        expect(tidy).toBe(name);
        expect(visitorName(tidy)).toBe(tidy);
      }),
    );
  });

  it('never returns a padded, double-spaced, over-long or empty name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 70 }), fc.string({ unit: 'binary' })), (raw) => {
        // Act
        let tidy: string;
        try {
          tidy = visitorName(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidVisitorNameError);
          return;
        }

        // Assess
        expect(tidy).toBe(tidy.trim());
        expect(tidy).not.toMatch(/\s{2}/u);
        expect(tidy.length).toBeGreaterThan(0);
        expect(tidy.length).toBeLessThanOrEqual(MAX_VISITOR_NAME_LENGTH);
        expect(tidy).not.toMatch(/\p{Cc}/u);
      }),
    );
  });

  it('rejects any name holding a control character that is not whitespace', () => {
    // Cc is U+0000–U+001F and U+007F–U+009F; U+0009–U+000D are whitespace, which tidying turns into spaces.
    const control = fc
      .oneof(fc.integer({ min: 0x00, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
      .filter((code) => code < 0x09 || code > 0x0d)
      .map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(anyVisitorName, control, fc.nat(), (name, bad, position) => {
        // Prepare
        const at = position % (name.length + 1);

        // Act & Assess
        expect(() => visitorName(name.slice(0, at) + bad + name.slice(at))).toThrow(InvalidVisitorNameError);
      }),
    );
  });

  it('rejects any name longer than 64 characters once tidied', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdefghij'), minLength: 65, maxLength: 200 }), (raw) => {
        expect(() => visitorName(raw)).toThrow(InvalidVisitorNameError);
      }),
    );
  });
});

describe('sameName', () => {
  it.each([
    ['alice ', 'Alice'],
    ['ALICE', 'alice'],
    ['Mary  Jane', ' mary jane'],
    ['Zoë', 'Zoe\u0308'],
  ])('treats %j and %j as one name', (a, b) => {
    expect(sameName(a, b)).toBe(true);
  });

  it.each([
    ['Alice', 'Alicia'],
    ['Mary Jane', 'MaryJane'],
    ['Zoë', 'Zoe'],
  ])('tells %j and %j apart', (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });

  /** Letters whose lower/upper case mapping is one-to-one (no ß → SS, no final-sigma context, no dotless i). */
  const caseLetter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàéîõüÀÉÎÕÜçÇñÑøØåÅæÆαβγδΑΒΓΔжЖяЯ');

  it('ignores case and spacing: any re-casing and re-spacing of a name is the same name', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: caseLetter, minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.string({ unit: fc.constantFrom(' ', '\t', '\u00a0'), minLength: 1, maxLength: 3 }),
        (words, upper, space) => {
          // Prepare
          const name = words.join(' ');
          const recased = [...name].map((char, i) => (upper[i % upper.length] ? char.toUpperCase() : char.toLowerCase())).join('');
          const respaced = space + recased.split(' ').join(space) + space;

          // Act & Assess
          expect(sameName(name, respaced)).toBe(true);
          expect(sameName(respaced, name)).toBe(true);
        },
      ),
    );
  });

  it('treats "STRAUSS" and "Strauß" as one name (ß upper-cases to SS)', () => {
    expect(sameName('STRAUSS', 'Strauß')).toBe(true);
  });

  it('treats "İpek" and "ipek" as one name (dotted capital I)', () => {
    expect(sameName('İpek', 'ipek')).toBe(true);
  });

  it('is an equivalence: reflexive, symmetric, and the same as comparing name keys', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(sameName(a, a)).toBe(true);
        expect(sameName(a, b)).toBe(sameName(b, a));
        expect(sameName(a, b)).toBe(nameKey(a) === nameKey(b));
      }),
    );
  });

  it('is implied by visitorName: a name and its tidy form are the same name', () => {
    fc.assert(
      fc.property(anyVisitorName, fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 3 }), (name, padding) => {
        expect(sameName(padding + name + padding, visitorName(padding + name + padding))).toBe(true);
      }),
    );
  });
});

describe('withFaces', () => {
  const anyVisitorWithFaces = anyHouseholdId.chain((home: HouseholdId) => anyVisitor(home));

  it('keeps every face, old and added, without duplicates, old ones first in their order', () => {
    fc.assert(
      fc.property(
        anyVisitorWithFaces,
        fc.array(fc.oneof(anyFaceId, fc.constantFrom('f1' as FaceId, 'f2' as FaceId)), { maxLength: 8 }),
        (visitor, added) => {
          // Act
          const updated = withFaces(visitor, added);

          // Assess
          expect(new Set(updated.faceIds).size).toBe(updated.faceIds.length);
          expect(new Set(updated.faceIds)).toEqual(new Set([...visitor.faceIds, ...added]));
          expect(updated.faceIds.slice(0, visitor.faceIds.length)).toEqual(visitor.faceIds);
          expect({ ...updated, faceIds: visitor.faceIds }).toEqual(visitor);
        },
      ),
    );
  });

  it('adding the same faces twice changes nothing the second time', () => {
    fc.assert(
      fc.property(anyVisitorWithFaces, fc.array(anyFaceId, { maxLength: 5 }), (visitor, added) => {
        const once = withFaces(visitor, added);
        expect(withFaces(once, added)).toEqual(once);
      }),
    );
  });

  it('example: adding f2 and f3 to f1, f2 yields f1, f2, f3', () => {
    // Prepare
    const visitor: Visitor = {
      id: visitorId('v1'),
      householdId: householdId('home'),
      name: 'Alice',
      trusted: false,
      faceIds: [faceId('f1'), faceId('f2')],
      enrolledAt: 0,
    };

    // Act & Assess
    expect(withFaces(visitor, [faceId('f2'), faceId('f3'), faceId('f3')]).faceIds).toEqual(['f1', 'f2', 'f3']);
    expect(visitor.faceIds).toEqual(['f1', 'f2']);
  });
});

describe('device revoke', () => {
  const anyDevice: fc.Arbitrary<Device> = fc.record({
    id: anyDeviceId,
    householdId: anyHouseholdId,
    role: anyDeviceRole,
    name: fc.string({ maxLength: 64 }),
    registeredAt: anyInstant,
  });

  it('sets revokedAt once; revoking again keeps the first instant', () => {
    fc.assert(
      fc.property(anyDevice, anyInstant, anyInstant, (device, first, second) => {
        // Act
        const once = revoke(device, first);
        const twice = revoke(once, second);

        // Assess
        expect(isRevoked(device)).toBe(false);
        expect(isRevoked(once)).toBe(true);
        expect(once).toEqual({ ...device, revokedAt: first });
        expect(twice).toEqual(once);
        expect(twice.revokedAt).toBe(first);
      }),
    );
  });

  it('is idempotent: revoking twice at the same instant equals revoking once', () => {
    fc.assert(
      fc.property(anyDevice, anyInstant, (device, at) => {
        expect(revoke(revoke(device, at), at)).toEqual(revoke(device, at));
      }),
    );
  });
});
