import { describe, expect, it } from 'vitest';
import type { FaceScan } from '../../domain/face';
import type { FaceRecognizer } from '../../domain/ports/face-recognizer';
import { aHouseholdId, aVisitorId } from '../support/builders';

/** Photos the adapter under test really sees as described (for Rekognition, photos of real or scripted faces). */
export interface FacePhotos {
  readonly personA: Uint8Array;
  /** Another photo of person A (different bytes). */
  readonly personAAgain: Uint8Array;
  readonly personB: Uint8Array;
  readonly personAWithB: Uint8Array;
  readonly noFace: Uint8Array;
  readonly unreadable: Uint8Array;
}

/** The threshold above which the contract expects a true match to score. */
const CONFIDENT = 90;

export function faceRecognizerContract(name: string, make: () => Promise<{ recognizer: FaceRecognizer; photos: FacePhotos }>): void {
  describe(`FaceRecognizer: ${name}`, () => {
    it('indexes a face per photo, reports photos without a face or unreadable, in order', async () => {
      const { recognizer, photos } = await make();
      const results = await recognizer.enroll(aHouseholdId(), aVisitorId(), [photos.personA, photos.noFace, photos.unreadable]);
      expect(results).toHaveLength(3);
      expect(results[0]).toMatchObject({ kind: 'indexed' });
      expect(results[0]!.kind === 'indexed' && results[0]!.faceIds.length).toBeGreaterThanOrEqual(1);
      expect(results[1]).toEqual({ kind: 'no-face' });
      expect(results[2]).toMatchObject({ kind: 'unreadable' });
    });

    it('recognizes an enrolled person in another photo of them', async () => {
      const { recognizer, photos } = await make();
      const householdId = aHouseholdId();
      const alice = aVisitorId();
      await recognizer.enroll(householdId, alice, [photos.personA]);
      const scan = await recognizer.scan(householdId, photos.personAAgain);
      expect(bestMatches(scan)).toEqual([alice]);
    });

    it('finds every face of a photo, each with its own match', async () => {
      const { recognizer, photos } = await make();
      const householdId = aHouseholdId();
      const [alice, bob] = [aVisitorId(), aVisitorId()];
      await recognizer.enroll(householdId, alice, [photos.personA]);
      await recognizer.enroll(householdId, bob, [photos.personB]);
      const scan = await recognizer.scan(householdId, photos.personAWithB);
      expect(scan.kind === 'faces' && scan.faces).toHaveLength(2);
      expect(bestMatches(scan).sort()).toEqual([alice, bob].sort());
    });

    it('never matches a face enrolled in another household', async () => {
      const { recognizer, photos } = await make();
      await recognizer.enroll(aHouseholdId(), aVisitorId(), [photos.personA]);
      const scan = await recognizer.scan(aHouseholdId(), photos.personA);
      expect(scan.kind).toBe('faces');
      expect(scan.kind === 'faces' && scan.faces.flatMap((face) => face.matches)).toEqual([]);
    });

    it('reports faces without matches when nothing is enrolled, no face, and unreadable photos', async () => {
      const { recognizer, photos } = await make();
      const householdId = aHouseholdId();
      expect(await recognizer.scan(householdId, photos.personB)).toEqual({ kind: 'faces', faces: [{ matches: [] }] });
      expect(await recognizer.scan(householdId, photos.noFace)).toEqual({ kind: 'no-face' });
      expect(await recognizer.scan(householdId, photos.unreadable)).toMatchObject({ kind: 'unreadable' });
    });

    it('stops recognizing a forgotten visitor, and forgetting is idempotent', async () => {
      const { recognizer, photos } = await make();
      const householdId = aHouseholdId();
      const [alice, bob] = [aVisitorId(), aVisitorId()];
      await recognizer.enroll(householdId, alice, [photos.personA, photos.personAAgain]);
      await recognizer.enroll(householdId, bob, [photos.personB]);
      await recognizer.forget(householdId, alice);
      await expect(recognizer.forget(householdId, alice)).resolves.toBeUndefined();
      await expect(recognizer.forget(aHouseholdId(), aVisitorId())).resolves.toBeUndefined();
      expect(bestMatches(await recognizer.scan(householdId, photos.personA))).toEqual([]);
      expect(bestMatches(await recognizer.scan(householdId, photos.personB))).toEqual([bob]);
    });
  });
}

/** The visitor each face confidently matches best, for faces that match anyone. */
function bestMatches(scan: FaceScan): string[] {
  if (scan.kind !== 'faces') return [];
  return scan.faces.flatMap((face) => {
    const best = [...face.matches].filter((m) => m.similarity >= CONFIDENT).sort((a, b) => b.similarity - a.similarity)[0];
    return best ? [best.visitorId] : [];
  });
}
