import type { Identification, UnavailableReason } from '../../domain/identification';
import { OUTCOMES } from '../../domain/identification';
import { deviceId, householdId, ringId, visitorId, type RingId } from '../../domain/ids';
import { PHOTO_TYPES, type PhotoType } from '../../domain/photo-type';
import type { Ring } from '../../domain/ring';
import type { Instant } from '../../domain/time';
import { ItemFields } from './item-fields';
import type { Item } from './pages';
import { RINGS_TABLE } from './table-definitions';
import { ttlSeconds } from './time-to-live';

/** Wide enough for any safe-integer millisecond (Number.MAX_SAFE_INTEGER has 16 digits). */
const TIME_DIGITS = 16;

/**
 * The sort key of the `byTime` index: zero-padded `at`, then the ring id. Fixed width makes string order time order
 * and ids are ASCII (DynamoDB's byte order is then JavaScript's `<`), so descending order is exactly `historyOrder`.
 * @throws RangeError when `at` is not a non-negative safe integer.
 */
export function timeKey(at: Instant, id: RingId): string {
  if (!Number.isSafeInteger(at) || at < 0) {
    throw new RangeError(`A ring's time must be a non-negative integer of milliseconds, got ${at}`);
  }
  return `${String(at).padStart(TIME_DIGITS, '0')}#${id}`;
}

export function ringToItem(ring: Ring): Item {
  return {
    householdId: ring.householdId,
    ringId: ring.id,
    doorbellId: ring.doorbellId,
    photoKey: ring.photoKey,
    ...(ring.photoType === undefined ? {} : { photoType: ring.photoType }),
    at: ring.at,
    // Stored as a map (lists of maps for the visitors), as the document client marshals plain objects.
    identification: ring.identification,
    expiresAt: ring.expiresAt,
    timeKey: timeKey(ring.at, ring.id),
    ttl: ttlSeconds(ring.expiresAt),
  };
}

/** The domain ring of an item; storage-only attributes (timeKey, ttl, claimant) are left behind. */
export function ringFromItem(item: Item, tableName: string): Ring {
  const fields = ItemFields.of(item, RINGS_TABLE, tableName);
  return {
    id: fields.id('ringId', ringId),
    householdId: fields.id('householdId', householdId),
    doorbellId: fields.id('doorbellId', deviceId),
    photoKey: fields.string('photoKey'),
    ...photoTypeFrom(fields),
    at: fields.number('at'),
    identification: identificationFrom(fields.map('identification')),
    expiresAt: fields.number('expiresAt'),
  };
}

const UNAVAILABLE_REASONS = /* @__PURE__ */ Object.keys({
  'too-large': true,
  'bad-format': true,
  missing: true,
  'recognizer-unavailable': true,
  'no-camera': true,
} satisfies Record<UnavailableReason, true>) as UnavailableReason[];

/** Absent on rings recorded before the type was; present, it must be one of the known types. */
function photoTypeFrom(fields: ItemFields): { readonly photoType?: PhotoType } {
  return fields.optionalString('photoType') === undefined ? {} : { photoType: fields.oneOf('photoType', PHOTO_TYPES) };
}

function identificationFrom(fields: ItemFields): Identification {
  const kind = fields.oneOf('kind', OUTCOMES);
  switch (kind) {
    case 'known':
      return {
        kind,
        visitors: fields.maps('visitors').map((visitor) => ({
          visitorId: visitor.id('visitorId', visitorId),
          name: visitor.string('name'),
          trusted: visitor.boolean('trusted'),
          similarity: visitor.number('similarity'),
        })),
        unknownFaces: fields.number('unknownFaces'),
      };
    case 'unknown':
      return { kind, unknownFaces: fields.number('unknownFaces') };
    case 'no-face':
      return { kind };
    case 'unavailable':
      return { kind, reason: fields.oneOf('reason', UNAVAILABLE_REASONS) };
  }
}
