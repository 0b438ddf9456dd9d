import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { announcementText, DEFAULT_DOOR_NAME, doorName, doorOf } from '../../domain/announcement';
import { DEFAULT_ANSWER_WINDOW } from '../../domain/answer';
import type { VisitorId } from '../../domain/ids';
import type { Identification, IdentifiedVisitor } from '../../domain/identification';
import { answerMessage, audienceOf, MESSAGE_VERSION, messageFor, ringMessage } from '../../domain/protocol/server-messages';
import { anyIdentification, anyKnownIdentification, anyRing } from '../support/arbitraries';

const visitor = (name: string, similarity = 99): IdentifiedVisitor => ({
  visitorId: `v-${name}` as VisitorId,
  name,
  trusted: false,
  similarity,
});
const known = (names: readonly string[], unknownFaces = 0): Identification => ({
  kind: 'known',
  visitors: names.map((name) => visitor(name)),
  unknownFaces,
});

describe('announcementText: examples', () => {
  const door = 'front door';

  it.each([
    [known(['Alice']), 'Alice is at the front door'],
    [known(['Alice', 'Bob']), 'Alice and Bob are at the front door'],
    [known(['Alice', 'Bob', 'Carol']), 'Alice, Bob and Carol are at the front door'],
    [known(['Alice'], 1), 'Alice and 1 unknown visitor are at the front door'],
    [known(['Alice'], 2), 'Alice and 2 unknown visitors are at the front door'],
    [{ kind: 'unknown', unknownFaces: 1 } as const, 'An unknown visitor is at the front door'],
    [{ kind: 'unknown', unknownFaces: 2 } as const, '2 unknown visitors are at the front door'],
    [{ kind: 'no-face' } as const, 'Someone is at the front door, but no face is visible'],
    [{ kind: 'unavailable', reason: 'recognizer-unavailable' } as const, 'Someone is at the front door'],
    [{ kind: 'unavailable', reason: 'too-large' } as const, 'Someone is at the front door'],
  ])('%o reads "%s"', (identification: Identification, expected: string) => {
    expect(announcementText(identification, door)).toBe(expected);
  });
});

describe('doorName', () => {
  it.each([
    [undefined, 'door'],
    ['', 'door'],
    ['   ', 'door'],
    ['\t\n', 'door'],
    ['front door', 'front door'],
    ['  Garden   Gate ', 'Garden Gate'],
    ['garage', 'garage'],
  ])('names %o as "%s"', (name, expected) => {
    expect(doorName(name)).toBe(expected);
  });

  it('falls back to the default for any blank name', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003') }), (blank) => {
        expect(doorName(blank)).toBe(DEFAULT_DOOR_NAME);
      }),
    );
  });

  it('never yields an empty, padded or multi-spaced name', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), (name) => {
        // Act
        const door = doorName(name);

        // Assess
        expect(door.length).toBeGreaterThan(0);
        expect(door).toBe(door.trim());
        expect(door).not.toMatch(/\s{2}/u);
      }),
    );
  });
});

/**
 * Names that can be found unambiguously in a sentence: a capital letter then lowercase letters, pairwise not
 * substrings of one another. The rest of every sentence (and the door) is lowercase apart from "An"/"Someone",
 * which only appear in sentences without names.
 */
const anyDistinctNames = fc
  .uniqueArray(
    fc
      .tuple(
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 8 }),
      )
      .map(([initial, rest]) => initial + rest),
    { minLength: 1, maxLength: 5 },
  )
  .filter((names) => names.every((a, i) => names.every((b, j) => i === j || !b.includes(a))))
  .filter((names) => names.every((name) => !/unknown|visitor/u.test(name)));

/** Any well-formed identification whose names are `anyDistinctNames`. */
const anyReadableIdentification: fc.Arbitrary<Identification> = fc.oneof(
  anyKnownIdentification(anyDistinctNames),
  anyIdentification.filter((identification) => identification.kind !== 'known'),
);

const anyDoor = fc.oneof(
  fc.constantFrom('front door', 'back door', 'garage', 'side gate', DEFAULT_DOOR_NAME),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz '), minLength: 1, maxLength: 20 }).map((name) => doorName(name)),
);

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

describe('announcementText: properties', () => {
  it('mentions every known visitor’s name exactly once', () => {
    fc.assert(
      fc.property(anyKnownIdentification(anyDistinctNames), anyDoor, (identification, door) => {
        // Act
        const text = announcementText(identification, door);

        // Assess
        for (const { name } of identification.visitors) expect(occurrences(text, name)).toBe(1);
      }),
    );
  });

  it('lists known visitors in the identification’s order', () => {
    fc.assert(
      fc.property(anyKnownIdentification(anyDistinctNames), anyDoor, (identification, door) => {
        // Act
        const text = announcementText(identification, door);

        // Assess
        const positions = identification.visitors.map(({ name }) => text.indexOf(name));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }),
    );
  });

  it('states the number of unknown visitors whenever there are any, and never mentions unknown visitors otherwise', () => {
    fc.assert(
      fc.property(anyReadableIdentification, anyDoor, (identification, door) => {
        // Act
        const text = announcementText(identification, door);

        // Assess
        const unknown = identification.kind === 'known' || identification.kind === 'unknown' ? identification.unknownFaces : 0;
        if (unknown === 0) expect(text).not.toContain('unknown');
        else if (identification.kind === 'unknown' && unknown === 1) expect(text.startsWith('An unknown visitor is ')).toBe(true);
        else expect(text).toContain(`${unknown} unknown visitor${unknown === 1 ? '' : 's'} are `);
      }),
    );
  });

  it('agrees in number: "is" for exactly one person, "are" for more', () => {
    fc.assert(
      fc.property(
        anyReadableIdentification.filter((i) => i.kind === 'known' || i.kind === 'unknown'),
        anyDoor,
        (identification, door) => {
          // Prepare
          const people = (identification.kind === 'known' ? identification.visitors.length : 0) + identification.unknownFaces;

          // Act
          const text = announcementText(identification, door);

          // Assess
          expect(text).toContain(people === 1 ? ` is at the ${door}` : ` are at the ${door}`);
        },
      ),
    );
  });

  it('always ends with the door, followed by the no-face remark only when no face was seen', () => {
    fc.assert(
      fc.property(anyIdentification, anyDoor, (identification, door) => {
        // Act
        const text = announcementText(identification, door);

        // Assess
        const ending = identification.kind === 'no-face' ? `at the ${door}, but no face is visible` : `at the ${door}`;
        expect(text.endsWith(ending)).toBe(true);
      }),
    );
  });
});

describe('ringMessage', () => {
  const anySnapshotUrl = fc.option(fc.webUrl(), { nil: undefined });

  const anyAnswerWindow = fc.integer({ min: 5, max: 3600 }).map((whole) => whole * 1000);

  it('is a version-stamped ring message carrying the outcome, the ISO time, the announcement and the answer deadline', () => {
    fc.assert(
      fc.property(anyRing(), anyDoor, anySnapshotUrl, anyAnswerWindow, (ring, door, snapshotUrl, answerWindow) => {
        // Act
        const message = ringMessage(ring, door, snapshotUrl, answerWindow);

        // Assess
        expect(message.type).toBe('ring');
        expect(message.version).toBe(MESSAGE_VERSION);
        expect(message.outcome).toBe(ring.identification.kind);
        // The reason nobody was identified (a door without a camera…), with `unavailable` only.
        expect(message.reason).toBe(ring.identification.kind === 'unavailable' ? ring.identification.reason : undefined);
        expect('reason' in message).toBe(ring.identification.kind === 'unavailable');
        expect(message.at).toBe(new Date(ring.at).toISOString());
        expect(message.ringId).toBe(ring.id);
        expect(message.doorbellId).toBe(ring.doorbellId);
        expect(message.text).toBe(announcementText(ring.identification, door));
        expect('snapshotUrl' in message).toBe(snapshotUrl !== undefined);
        expect(Date.parse(message.answerableUntil) - Date.parse(message.at)).toBe(answerWindow);
      }),
    );
  });

  it('survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(anyRing(), anyDoor, anySnapshotUrl, (ring, door, snapshotUrl) => {
        // Prepare
        const message = ringMessage(ring, door, snapshotUrl, DEFAULT_ANSWER_WINDOW);

        // Act
        const received: unknown = JSON.parse(JSON.stringify(message));

        // Assess
        expect(received).toStrictEqual(message);
      }),
    );
  });

  it('goes to residents and doorbells alike', () => {
    fc.assert(
      fc.property(anyRing(), anyDoor, (ring, door) => {
        // Act
        const audience = audienceOf(ringMessage(ring, door, undefined, DEFAULT_ANSWER_WINDOW));

        // Assess
        expect([...audience].sort()).toEqual(['doorbell', 'resident']);
      }),
    );
  });

  it('tells residents everything and the doorbell only that it rang: never a name, an outcome or the snapshot', () => {
    fc.assert(
      fc.property(anyRing({ identification: anyKnownIdentification() }), anyDoor, anySnapshotUrl, (ring, door, snapshotUrl) => {
        // Prepare
        const message = ringMessage(ring, door, snapshotUrl, DEFAULT_ANSWER_WINDOW);

        // Act
        const [resident, doorbell] = [messageFor(message, 'resident'), messageFor(message, 'doorbell')];

        // Assess
        expect(resident).toBe(message);
        expect(doorbell).toStrictEqual({
          type: 'ringing',
          version: MESSAGE_VERSION,
          ringId: message.ringId,
          at: message.at,
          answerableUntil: message.answerableUntil,
        });
      }),
    );
  });

  it("gives the doorbell a resident's reply without the answering device's name", () => {
    fc.assert(
      fc.property(anyRing(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (ring, reply, byName) => {
        // Prepare
        const answer = answerMessage({
          ringId: ring.id,
          householdId: ring.householdId,
          byDeviceId: ring.doorbellId,
          byName,
          reply,
          at: ring.at,
        });

        // Act
        const doorbell = messageFor(answer, 'doorbell');

        // Assess
        expect(doorbell).toStrictEqual({ type: 'reply', version: MESSAGE_VERSION, ringId: ring.id, reply, at: answer.at });
        expect(messageFor(answer, 'resident')).toBe(answer);
      }),
    );
  });
});

describe('doorOf', () => {
  it("reads a doorbell's door when it has one, its name otherwise, and 'door' for an unknown device", () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (name, door) => {
        const device = { name, ...(door === undefined ? {} : { door }) };
        expect(doorOf(device)).toBe(doorName(door ?? name));
      }),
    );
    expect(doorOf({ name: 'Door page', door: 'front door' })).toBe('front door');
    expect(doorOf({ name: 'front door' })).toBe('front door');
    expect(doorOf(undefined)).toBe(DEFAULT_DOOR_NAME);
  });
});
