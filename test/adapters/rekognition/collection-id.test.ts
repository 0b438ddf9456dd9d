import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCollectionPrefix,
  COLLECTION_ID_PATTERN,
  collectionIdFor,
  DEFAULT_COLLECTION_PREFIX,
  deploymentCollectionPrefix,
  MAX_COLLECTION_PREFIX_LENGTH,
} from '../../../adapters/rekognition/collection-id';
import type { HouseholdId } from '../../../domain/ids';
import { anyHouseholdId } from '../../support/arbitraries';

/** Household ids made of the characters escaping is about, so distinct ids that look alike come up often. */
const confusableHouseholdId = fc
  .string({ unit: fc.constantFrom('_', ':', 'c', 'h', 'a'), minLength: 1, maxLength: 128 })
  .map((id) => id as HouseholdId);
const householdId = fc.oneof(anyHouseholdId, confusableHouseholdId);
const prefix = fc.oneof(
  fc.constant(DEFAULT_COLLECTION_PREFIX),
  fc.string({ unit: fc.constantFrom(...'abcXYZ019_.-'), maxLength: MAX_COLLECTION_PREFIX_LENGTH }),
);

/** The escaped form read back: every '_' opens '__' or '_c'; undefined if it isn't an escaped id (a hashed one). */
function unescaped(escaped: string): string | undefined {
  let id = '';
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] !== '_') id += escaped[i];
    else if (escaped[i + 1] === '_' || escaped[i + 1] === 'c') {
      id += escaped[i + 1] === '_' ? '_' : ':';
      i++;
    } else return undefined;
  }
  return id;
}

describe('collectionIdFor', () => {
  it('always makes an id Rekognition accepts: 1–255 characters of [a-zA-Z0-9_.-]', () => {
    fc.assert(fc.property(prefix, householdId, (p, id) => COLLECTION_ID_PATTERN.test(collectionIdFor(p, id))));
  });

  it('is injective: distinct households never share a collection', () => {
    fc.assert(
      fc.property(prefix, householdId, householdId, (p, a, b) => {
        fc.pre(a !== b);
        expect(collectionIdFor(p, a)).not.toBe(collectionIdFor(p, b));
      }),
      { numRuns: 500 },
    );
  });

  it('reads back to the household id whenever the escaped form fits (the proof of injectivity)', () => {
    fc.assert(
      fc.property(prefix, householdId, (p, id) => {
        const suffix = collectionIdFor(p, id).slice(p.length);
        const decoded = unescaped(suffix);
        // Only ids too long once escaped take the hashed form, which never reads as an escaped id.
        if (decoded === undefined) expect(suffix).toMatch(/^_h[0-9a-f]{64}$/);
        else expect(decoded).toBe(id);
      }),
    );
  });

  it('escapes readably: ":" → "_c", "_" → "__"', () => {
    expect(collectionIdFor('doorbell-', 'home:42_a' as HouseholdId)).toBe('doorbell-home_c42__a');
    expect(collectionIdFor('doorbell-', 'home_c42' as HouseholdId)).toBe('doorbell-home__c42');
  });

  it('hashes an id too long once escaped', () => {
    const longest = ':'.repeat(128) as HouseholdId;
    expect(collectionIdFor('doorbell-', longest)).toMatch(/^doorbell-_h[0-9a-f]{64}$/);
  });
});

describe('checkCollectionPrefix', () => {
  it('accepts the collection id alphabet up to the length that leaves room for any household', () => {
    expect(checkCollectionPrefix('')).toBe('');
    expect(checkCollectionPrefix('x'.repeat(MAX_COLLECTION_PREFIX_LENGTH))).toHaveLength(MAX_COLLECTION_PREFIX_LENGTH);
  });

  it.each(['has space', 'colon:', 'slash/', 'x'.repeat(MAX_COLLECTION_PREFIX_LENGTH + 1)])('rejects %j', (bad) => {
    expect(() => checkCollectionPrefix(bad)).toThrow(RangeError);
  });
});

describe('deploymentCollectionPrefix', () => {
  const deploymentName = fc
    .tuple(fc.constantFrom(...'DdTx'), fc.string({ unit: fc.constantFrom(...'DoTt1-'), maxLength: 20 }))
    .map(([a, b]) => a + b);

  it("gives two deployments prefixes of which neither starts the other's collection ids", () => {
    fc.assert(
      fc.property(deploymentName, deploymentName, householdId, (a, b, household) => {
        fc.pre(a !== b);
        const id = collectionIdFor(deploymentCollectionPrefix(b), household);
        expect(id.startsWith(deploymentCollectionPrefix(a))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('is a valid prefix for any stack name, and refuses what no stack can be called', () => {
    fc.assert(
      fc.property(deploymentName, (name) => {
        expect(checkCollectionPrefix(deploymentCollectionPrefix(name))).toBe(`${name}_`);
      }),
    );
    for (const bad of ['', '1Doorbell', 'Door_bell', 'Door bell', 'x'.repeat(129)])
      expect(() => deploymentCollectionPrefix(bad)).toThrow(RangeError);
  });
});
