import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { LocalFaceDescriptorStore } from '../../../adapters/face-model/local-face-descriptor-store';
import { ModelFaceRecognizer } from '../../../adapters/face-model/model-face-recognizer';
import { SequentialIdGenerator } from '../../../adapters/in-memory/sequential-id-generator';
import type { FaceScan } from '../../../domain/face';
import { householdId, visitorId } from '../../../domain/ids';
import { DEFAULT_MATCH_THRESHOLD } from '../../../domain/identification';
import { faceRecognizerContract } from '../../contracts/face-recognizer.contract';
import { awkwardPhotos, realFacePhotos, realSample } from '../../support/real-face-photos';
import { sharedFaceModel } from '../../support/shared-face-model';

const MODEL_TIMEOUT = 60_000;
// One real model for the file: the first test waits for it to load, each analysis takes a few hundred ms.
vi.setConfig({ testTimeout: MODEL_TIMEOUT, hookTimeout: MODEL_TIMEOUT });
const recognizer = async () =>
  new ModelFaceRecognizer(await sharedFaceModel(), new LocalFaceDescriptorStore(), new SequentialIdGenerator('face'));

faceRecognizerContract('face model on real photos', async () => ({ recognizer: await recognizer(), photos: realFacePhotos }));

describe('ModelFaceRecognizer', () => {
  it('enrols the largest face of a photo with two people', { timeout: MODEL_TIMEOUT }, async () => {
    const faces = await recognizer();
    const home = householdId('home');
    // In the composite, Grace Hopper's face is the larger one.
    await faces.enroll(home, visitorId('hopper'), [realFacePhotos.personAWithB]);
    expect(confident(await faces.scan(home, realFacePhotos.personB))).toEqual(['hopper']);
    expect(confident(await faces.scan(home, realFacePhotos.personAAgain))).toEqual([]);
  });

  it('recognizes a visitor enrolled from several photos, with their best similarity', { timeout: MODEL_TIMEOUT }, async () => {
    const faces = await recognizer();
    const home = householdId('home');
    const enrolled = await faces.enroll(home, visitorId('collins'), [realFacePhotos.personA, realSample('eileen-collins-2.jpg')]);
    expect(enrolled.map((photo) => photo.kind)).toEqual(['indexed', 'indexed']);
    const scan = await faces.scan(home, realFacePhotos.personAWithB);
    const matches = scan.kind === 'faces' ? scan.faces.flatMap((face) => face.matches) : [];
    expect(confident(scan)).toEqual(['collins']);
    expect(Math.max(...matches.map((match) => match.similarity))).toBeGreaterThanOrEqual(95);
  });

  it('gives every awkward photo a named outcome', { timeout: MODEL_TIMEOUT }, async () => {
    const faces = await recognizer();
    for (const { name, photo, expected } of await awkwardPhotos()) {
      const scan = await faces.scan(householdId('home'), photo);
      const outcome = scan.kind === 'unreadable' ? scan.reason : scan.kind === 'faces' ? `${scan.faces.length} face` : scan.kind;
      expect(`${name}: ${outcome}`).toBe(`${name}: ${expected === 'face' ? '1 face' : expected}`);
    }
  });

  it('never matches across households, whatever is enrolled where', { timeout: MODEL_TIMEOUT }, async () => {
    const faces = await recognizer();
    const people = { collins: realFacePhotos.personA, hopper: realFacePhotos.personB } as const;
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ household: fc.integer({ min: 0, max: 2 }), person: fc.constantFrom('collins', 'hopper' as const) }), {
          maxLength: 3,
        }),
        fc.integer({ min: 0, max: 2 }),
        async (enrolments, scanned) => {
          const run = ++round;
          const home = (index: number) => householdId(`run-${run}-home-${index}`);
          for (const { household, person } of enrolments) {
            await faces.enroll(home(household), visitorId(`${household}-${person}`), [people[person]]);
          }
          const scan = await faces.scan(home(scanned), realFacePhotos.personAWithB);
          const matched = scan.kind === 'faces' ? scan.faces.flatMap((face) => face.matches.map((match) => match.visitorId)) : [];
          expect(scan.kind).toBe('faces');
          expect(matched.every((id) => id.startsWith(`${scanned}-`))).toBe(true);
        },
      ),
      { numRuns: 4 },
    );
  });
});

/** Visitors matched at or above the default match threshold, face by face. */
function confident(scan: FaceScan): string[] {
  if (scan.kind !== 'faces') return [];
  return scan.faces.flatMap((face) =>
    face.matches.filter((match) => match.similarity >= DEFAULT_MATCH_THRESHOLD).map((match) => match.visitorId),
  );
}
