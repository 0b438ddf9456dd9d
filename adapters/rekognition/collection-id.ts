import { createHash } from 'node:crypto';
import type { HouseholdId } from '../../domain/ids';

/** Rekognition's CollectionId: 1–255 characters of [a-zA-Z0-9_.-]. */
export const COLLECTION_ID_PATTERN = /^[a-zA-Z0-9_.-]{1,255}$/;
const MAX_COLLECTION_ID_LENGTH = 255;

export const DEFAULT_COLLECTION_PREFIX = 'doorbell-';

/** The long-id form is `_h` + a SHA-256 in hex; the prefix must leave room for it. */
const HASHED_MARKER = '_h';
const HASHED_LENGTH = HASHED_MARKER.length + 64;
export const MAX_COLLECTION_PREFIX_LENGTH = MAX_COLLECTION_ID_LENGTH - HASHED_LENGTH;

/**
 * A deployment's own prefix, from its (CloudFormation stack) name: `Doorbell` → `Doorbell_`. Stack names hold only
 * letters, digits and '-', never '_', so one deployment's prefix is never the start of another's collection ids:
 * two deployments in one account can't share collections, nor match each other's `collection/<prefix>*` grants.
 * @throws RangeError when the name is not a CloudFormation-style stack name (a letter, then letters, digits, `-`).
 */
export function deploymentCollectionPrefix(deploymentName: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(deploymentName)) {
    throw new RangeError(
      `a deployment name is 1–128 letters, digits and '-', starting with a letter; got ${JSON.stringify(deploymentName)}`,
    );
  }
  return `${deploymentName}_`;
}

/**
 * Rejects a prefix that could make an invalid collection id (wrong alphabet, or no room left for the household).
 * @throws RangeError when the prefix holds characters outside [a-zA-Z0-9_.-] or is over MAX_COLLECTION_PREFIX_LENGTH.
 */
export function checkCollectionPrefix(prefix: string): string {
  if (!/^[a-zA-Z0-9_.-]*$/.test(prefix) || prefix.length > MAX_COLLECTION_PREFIX_LENGTH) {
    throw new RangeError(
      `collectionPrefix must be at most ${MAX_COLLECTION_PREFIX_LENGTH} characters of [a-zA-Z0-9_.-], got ${JSON.stringify(prefix)}`,
    );
  }
  return prefix;
}

/**
 * The household's collection: `${prefix}${escaped householdId}`, injective for a given prefix.
 * Household ids may hold ':', which collection ids don't allow, so '_' → '__' and ':' → '_c'. Read left to right,
 * every '_' of the escaped id opens a two-character escape, so the escaped id decodes back uniquely.
 * Escaping can double an id (128 → 256 characters), past the 255 allowed; such an id becomes `_h` + its SHA-256,
 * which can't collide with an escaped one ('_h' is no escape) and is as injective as SHA-256.
 */
export function collectionIdFor(prefix: string, householdId: HouseholdId): string {
  const escaped = householdId.replaceAll('_', '__').replaceAll(':', '_c');
  if (prefix.length + escaped.length <= MAX_COLLECTION_ID_LENGTH) return `${prefix}${escaped}`;
  return `${prefix}${HASHED_MARKER}${createHash('sha256').update(householdId).digest('hex')}`;
}
