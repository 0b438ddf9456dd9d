import fc from 'fast-check';
import type { DeviceRole } from '../../domain/device';
import type { DetectedFace, FaceMatch, FaceScan, UnreadablePhotoReason } from '../../domain/face';
import type { ConnectionId, DeviceId, FaceId, HouseholdId, RingId, VisitorId } from '../../domain/ids';
import type { IdentifiedVisitor, Identification, UnavailableReason } from '../../domain/identification';
import type { Press } from '../../domain/debounce';
import type { PhotoKey } from '../../domain/photo-key';
import type { Ring } from '../../domain/ring';
import type { Instant } from '../../domain/time';
import { nameKey, visitorName, type Visitor } from '../../domain/visitor';
import { ringOf } from './builders';

/**
 * Reusable fast-check arbitraries for the domain. Everything generated here is valid by the domain's own rules
 * (ids match ID_PATTERN, names survive `visitorName` unchanged, …) unless the arbitrary's name says otherwise.
 */

// ---------------------------------------------------------------------------------------------------------------
// Ids

/** Every character ID_PATTERN accepts. */
export const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-:';

const idChar = fc.constantFrom(...ID_ALPHABET);

/** Any string matching ID_PATTERN: 1–128 characters of [A-Za-z0-9_.-:]; mostly short, sometimes the full length. */
export const anyIdText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: idChar, minLength: 1, maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: idChar, minLength: 1, maxLength: 128 }) },
  { weight: 1, arbitrary: fc.string({ unit: idChar, minLength: 120, maxLength: 128 }) },
);

export const anyHouseholdId = anyIdText.map((id) => id as HouseholdId);
export const anyDeviceId = anyIdText.map((id) => id as DeviceId);
export const anyConnectionId = anyIdText.map((id) => id as ConnectionId);
export const anyVisitorId = anyIdText.map((id) => id as VisitorId);
export const anyRingId = anyIdText.map((id) => id as RingId);
export const anyFaceId = anyIdText.map((id) => id as FaceId);

/** Characters that are never allowed in an id (a sample: spaces, separators, non-ASCII, controls). */
export const NON_ID_CHARS = [' ', '/', '\\', '%', '?', '#', '+', '*', '@', '!', '=', ',', ';', 'é', 'ß', '日', '😀', '\n', '\t', '\u0000'];

/** A string that does NOT match ID_PATTERN because it holds at least one forbidden character (never '/'). */
export const anyIdTextWithForbiddenChar: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: idChar, maxLength: 8 }),
    fc.constantFrom(...NON_ID_CHARS.filter((c) => c !== '/')),
    fc.string({ unit: idChar, maxLength: 8 }),
  )
  .map(([before, bad, after]) => `${before}${bad}${after}`);

// ---------------------------------------------------------------------------------------------------------------
// Time

/** 2100-01-01T00:00:00Z; instants are generated between the epoch and this. */
export const MAX_INSTANT = 4_102_444_800_000;

export const anyInstant: fc.Arbitrary<Instant> = fc.integer({ min: 0, max: MAX_INSTANT });

/** Retention in days as `isValidRetentionDays` accepts it. */
export const anyRetentionDays: fc.Arbitrary<number> = fc.integer({ min: 1, max: 3650 });

// ---------------------------------------------------------------------------------------------------------------
// Visitors

/** True when `visitorName` accepts the text and leaves it unchanged. */
export function isCanonicalVisitorName(text: string): boolean {
  try {
    return visitorName(text) === text;
  } catch {
    return false;
  }
}

const latinLetter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèüöäßñçÅØ');

/** A valid, already-tidied visitor name: as `visitorName` would return it. Mostly readable, sometimes any Unicode. */
export const anyVisitorName: fc.Arbitrary<string> = fc
  .oneof(
    {
      weight: 3,
      arbitrary: fc
        .array(fc.string({ unit: latinLetter, minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 3 })
        .map((words) => words.join(' ')),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }) },
  )
  .filter(isCanonicalVisitorName);

export interface VisitorOptions {
  readonly trusted?: boolean;
}

export function anyVisitor(householdId: HouseholdId, options: VisitorOptions = {}): fc.Arbitrary<Visitor> {
  return fc.record({
    id: anyVisitorId,
    householdId: fc.constant(householdId),
    name: anyVisitorName,
    trusted: options.trusted === undefined ? fc.boolean() : fc.constant(options.trusted),
    faceIds: fc.uniqueArray(anyFaceId, { maxLength: 3 }),
    enrolledAt: anyInstant,
  });
}

/** The visitors of one household: ids distinct, names distinct by `nameKey` (as the repository enforces). */
export function anyVisitors(
  householdId: HouseholdId,
  constraints: { readonly minLength?: number; readonly maxLength?: number } = {},
): fc.Arbitrary<Visitor[]> {
  const minLength = constraints.minLength ?? 0;
  return fc
    .uniqueArray(anyVisitor(householdId), { selector: (visitor) => visitor.id, minLength, maxLength: constraints.maxLength ?? 6 })
    .map(distinctNames)
    .filter((visitors) => visitors.length >= minLength);
}

function distinctNames(visitors: readonly Visitor[]): Visitor[] {
  const seen = new Set<string>();
  return visitors.filter((visitor) => {
    const key = nameKey(visitor.name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A household with its visitors, plus visitors of another household whose ids are all distinct from this
 * household's (so a match naming them is provably a foreign match).
 */
export interface HouseholdScenario {
  readonly householdId: HouseholdId;
  readonly visitors: readonly Visitor[];
  readonly otherHouseholdVisitors: readonly Visitor[];
}

export const anyHouseholdScenario: fc.Arbitrary<HouseholdScenario> = fc
  .tuple(anyHouseholdId, anyHouseholdId)
  .filter(([mine, theirs]) => mine !== theirs)
  .chain(([householdId, otherHouseholdId]) =>
    fc.record({
      householdId: fc.constant(householdId),
      visitors: anyVisitors(householdId, { maxLength: 5 }),
      otherHouseholdVisitors: anyVisitors(otherHouseholdId, { maxLength: 3 }),
    }),
  )
  .map((scenario) => {
    const mine = new Set<string>(scenario.visitors.map((visitor) => visitor.id));
    return { ...scenario, otherHouseholdVisitors: scenario.otherHouseholdVisitors.filter((visitor) => !mine.has(visitor.id)) };
  });

// ---------------------------------------------------------------------------------------------------------------
// Faces and identification

/**
 * Similarity on Rekognition's 0–100 scale. Whole numbers half the time, so ties and exact threshold hits occur;
 * arbitrary doubles otherwise. Never -0 or NaN.
 */
export const anySimilarity: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: 0, max: 100, noNaN: true }).map((value) => (Object.is(value, -0) ? 0 : value)),
);

/** A match threshold on the same scale. */
export const anyThreshold: fc.Arbitrary<number> = anySimilarity;

export const anyUnreadableReason: fc.Arbitrary<UnreadablePhotoReason> = fc.constantFrom('too-large', 'bad-format', 'missing');
export const anyUnavailableReason: fc.Arbitrary<UnavailableReason> = fc.constantFrom(
  'too-large',
  'bad-format',
  'missing',
  'recognizer-unavailable',
);

/**
 * A match naming one of `visitorIds` (pass the household's and other households' ids), or an unknown id
 * (a forgotten visitor), with any similarity.
 */
export function anyFaceMatch(visitorIds: readonly VisitorId[]): fc.Arbitrary<FaceMatch> {
  const id =
    visitorIds.length === 0
      ? anyVisitorId
      : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...visitorIds) }, { weight: 1, arbitrary: anyVisitorId });
  return fc.record({ visitorId: id, similarity: anySimilarity });
}

export function anyDetectedFace(visitorIds: readonly VisitorId[]): fc.Arbitrary<DetectedFace> {
  return fc.record({ matches: fc.array(anyFaceMatch(visitorIds), { maxLength: 5 }) });
}

/** A scan whose faces (possibly none, possibly several matching the same visitor) name `visitorIds` or strangers. */
export function anyFacesScan(
  visitorIds: readonly VisitorId[],
  constraints: { readonly minFaces?: number; readonly maxFaces?: number } = {},
): fc.Arbitrary<Extract<FaceScan, { kind: 'faces' }>> {
  return fc.record({
    kind: fc.constant('faces' as const),
    faces: fc.array(anyDetectedFace(visitorIds), { minLength: constraints.minFaces ?? 0, maxLength: constraints.maxFaces ?? 6 }),
  });
}

/** Any FaceScan: mostly faces (see `anyFacesScan`), sometimes no face or an unreadable photo. */
export function anyFaceScan(visitorIds: readonly VisitorId[]): fc.Arbitrary<FaceScan> {
  return fc.oneof(
    { weight: 6, arbitrary: anyFacesScan(visitorIds) },
    { weight: 1, arbitrary: fc.constant<FaceScan>({ kind: 'no-face' }) },
    { weight: 1, arbitrary: anyUnreadableReason.map((reason): FaceScan => ({ kind: 'unreadable', reason })) },
  );
}

export function anyIdentifiedVisitor(name: fc.Arbitrary<string> = anyVisitorName): fc.Arbitrary<IdentifiedVisitor> {
  return fc.record({ visitorId: anyVisitorId, name, trusted: fc.boolean(), similarity: anySimilarity });
}

/** A well-formed 'known' identification: at least one visitor, distinct ids and names. */
export function anyKnownIdentification(
  names: fc.Arbitrary<string[]> = fc.uniqueArray(anyVisitorName, { minLength: 1, maxLength: 4, selector: nameKey }),
): fc.Arbitrary<Extract<Identification, { kind: 'known' }>> {
  return names
    .filter((list) => list.length > 0)
    .chain((list) =>
      fc
        .tuple(
          fc.uniqueArray(anyVisitorId, { minLength: list.length, maxLength: list.length }),
          fc.array(fc.record({ trusted: fc.boolean(), similarity: anySimilarity }), { minLength: list.length, maxLength: list.length }),
          fc.nat({ max: 9 }),
        )
        .map(([ids, details, unknownFaces]) => ({
          kind: 'known' as const,
          visitors: list.map(
            (name, index): IdentifiedVisitor => ({
              visitorId: ids[index] ?? ('missing' as VisitorId),
              name,
              trusted: details[index]?.trusted ?? false,
              similarity: details[index]?.similarity ?? 0,
            }),
          ),
          unknownFaces,
        })),
    );
}

/** Any well-formed Identification (as `identify` can produce: 'unknown' has at least one face). */
export const anyIdentification: fc.Arbitrary<Identification> = fc.oneof(
  anyKnownIdentification(),
  fc.integer({ min: 1, max: 9 }).map((unknownFaces): Identification => ({ kind: 'unknown', unknownFaces })),
  fc.constant<Identification>({ kind: 'no-face' }),
  anyUnavailableReason.map((reason): Identification => ({ kind: 'unavailable', reason })),
);

// ---------------------------------------------------------------------------------------------------------------
// Rings, presses, photo keys, devices

export const anyPhotoKey: fc.Arbitrary<PhotoKey> = fc.record({
  householdId: anyHouseholdId,
  doorbellId: anyDeviceId,
  pressedAt: anyInstant,
  ringId: anyRingId,
});

export interface RingOptions {
  readonly householdId?: HouseholdId;
  readonly doorbellId?: DeviceId;
  readonly identification?: fc.Arbitrary<Identification>;
}

export function anyRing(options: RingOptions = {}): fc.Arbitrary<Ring> {
  return fc
    .record({
      id: anyRingId,
      householdId: options.householdId === undefined ? anyHouseholdId : fc.constant(options.householdId),
      doorbellId: options.doorbellId === undefined ? anyDeviceId : fc.constant(options.doorbellId),
      at: anyInstant,
      identification: options.identification ?? anyIdentification,
      retentionDays: anyRetentionDays,
      foldedInto: fc.option(anyRingId, { nil: undefined }),
    })
    .map(({ foldedInto, ...press }): Ring => ({ ...ringOf(press), ...(foldedInto === undefined ? {} : { foldedInto }) }));
}

export const anyDeviceRole: fc.Arbitrary<DeviceRole> = fc.constantFrom('resident', 'doorbell');

/** A press tagged with its position in the generated batch, so tests can track each press. */
export interface TaggedPress extends Press {
  readonly n: number;
}

/**
 * Presses of a few doorbells, close enough in time (within `spread` ms of a common start) that many fold together.
 * Equal instants happen.
 */
export function anyPresses(constraints: { readonly maxLength?: number; readonly spread?: number } = {}): fc.Arbitrary<TaggedPress[]> {
  const spread = constraints.spread ?? 200_000;
  return fc
    .tuple(fc.uniqueArray(anyDeviceId, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: MAX_INSTANT - spread }))
    .chain(([doorbells, start]) =>
      fc.array(
        fc.record({
          doorbellId: fc.constantFrom(...doorbells),
          at: fc
            .oneof(
              fc.integer({ min: 0, max: spread }),
              fc.integer({ min: 0, max: spread / 1000 }).map((s) => s * 1000),
            )
            .map((offset) => start + offset),
        }),
        { maxLength: constraints.maxLength ?? 40 },
      ),
    )
    .map((presses) => presses.map((press, n) => ({ ...press, n })));
}

/** A debounce window: from 1 ms to 2 minutes. */
export const anyWindow: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: 1, max: 120_000 }), fc.constantFrom(1, 1_000, 30_000));
