import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectionIdFor, DEFAULT_COLLECTION_PREFIX } from '../../../adapters/rekognition/collection-id';
import { InvalidExternalImageIdError } from '../../../adapters/rekognition/external-image-id';
import {
  RekognitionFaceRecognizer,
  type RekognitionFaceRecognizerOptions,
} from '../../../adapters/rekognition/rekognition-face-recognizer';
import { RecognizerUnavailableError } from '../../../domain/errors';
import { MAX_FACES_PER_PHOTO, MAX_PHOTO_BYTES, type FaceScan } from '../../../domain/face';
import type { HouseholdId, VisitorId } from '../../../domain/ids';
import { aHouseholdId, aVisitorId } from '../../support/builders';
import { colourPhoto } from '../../support/fake-rekognition/colour-photos';
import { SAME_PERSON_SIMILARITY } from '../../support/fake-rekognition/fake-rekognition-operations';
import { startFakeRekognition, type FakeRekognition, type RecordedCall } from '../../support/fake-rekognition/fake-rekognition-server';
import { FACE_COLOURS } from '../../support/fake-rekognition/palette';

let rekognition: FakeRekognition;
let photos: Awaited<ReturnType<typeof makePhotos>>;
beforeAll(async () => {
  [rekognition, photos] = await Promise.all([startFakeRekognition(), makePhotos()]);
});
afterAll(() => rekognition.close());
beforeEach(() => rekognition.clearCalls());

const recognizer = (options: Partial<RekognitionFaceRecognizerOptions> = {}) =>
  new RekognitionFaceRecognizer({ client: rekognition.client(), ...options });
const operations = (): string[] => rekognition.calls.map((call) => call.operation);
const imageSent = (call: RecordedCall | undefined): Buffer => Buffer.from((call!.body.Image as { Bytes: string }).Bytes, 'base64');
const matchedVisitors = (scan: FaceScan): string[][] =>
  scan.kind === 'faces' ? scan.faces.map((face) => face.matches.map((match) => match.visitorId)) : [];

/** A household with one visitor per colour enrolled, and the calls that took cleared. */
async function householdWith(...colours: ('red' | 'blue' | 'green')[]) {
  const householdId = aHouseholdId();
  const visitors = colours.map(() => aVisitorId());
  const setup = recognizer();
  for (const [i, colour] of colours.entries()) await setup.enroll(householdId, visitors[i]!, [photos[colour]]);
  rekognition.clearCalls();
  return { householdId, visitors };
}

describe('scan: calls per ring', () => {
  it('one face: DetectFaces, then SearchFacesByImage on the photo itself (2 calls, no crop)', async () => {
    const { householdId, visitors } = await householdWith('red');
    const scan = await recognizer().scan(householdId, photos.red);
    expect(scan).toEqual({ kind: 'faces', faces: [{ matches: [{ visitorId: visitors[0], similarity: SAME_PERSON_SIMILARITY }] }] });
    expect(operations()).toEqual(['DetectFaces', 'SearchFacesByImage']);
    expect(imageSent(rekognition.callsTo('SearchFacesByImage')[0]).equals(Buffer.from(photos.red))).toBe(true);
  });

  it('three faces: DetectFaces, then one SearchFacesByImage per face on its crop, largest first (4 calls)', async () => {
    const { householdId, visitors } = await householdWith('red', 'blue', 'green');
    const [red, blue, green] = visitors;
    const scan = await recognizer().scan(householdId, photos.threeFaces);
    expect(matchedVisitors(scan)).toEqual([[green], [red], [blue]]);
    expect(operations()).toEqual(['DetectFaces', 'SearchFacesByImage', 'SearchFacesByImage', 'SearchFacesByImage']);
    for (const search of rekognition.callsTo('SearchFacesByImage')) {
      expect((await sharp(imageSent(search)).metadata()).format).toBe('jpeg');
    }
  });

  it('no face: DetectFaces only (1 call)', async () => {
    const { householdId } = await householdWith('red');
    expect(await recognizer().scan(householdId, photos.noFace)).toEqual({ kind: 'no-face' });
    expect(operations()).toEqual(['DetectFaces']);
  });

  it(`searches at most ${MAX_FACES_PER_PHOTO} faces, the largest`, async () => {
    const householdId = aHouseholdId();
    const [black, brown] = [aVisitorId(), aVisitorId()];
    await recognizer().enroll(householdId, black, [await colourPhoto({ faces: [{ colour: 'black', left: 100, top: 60, width: 90 }] })]);
    await recognizer().enroll(householdId, brown, [await colourPhoto({ faces: [{ colour: 'brown', left: 100, top: 60, width: 90 }] })]);
    rekognition.clearCalls();

    const scan = await recognizer().scan(householdId, photos.twelveFaces);
    expect(scan.kind === 'faces' && scan.faces).toHaveLength(MAX_FACES_PER_PHOTO);
    // The two smallest faces (black, brown) are the ones left out, so nobody matches.
    expect(matchedVisitors(scan).flat()).toEqual([]);
    expect(rekognition.callsTo('DetectFaces')).toHaveLength(1);
    expect(rekognition.callsTo('SearchFacesByImage')).toHaveLength(MAX_FACES_PER_PHOTO);
  });

  it("scales a small face's crop up to Rekognition's 80-pixel minimum", async () => {
    const { householdId, visitors } = await householdWith('red');
    const scan = await recognizer().scan(householdId, photos.smallFaces);
    expect(matchedVisitors(scan)).toEqual([[], [visitors[0]]]);
    const crops = await Promise.all(rekognition.callsTo('SearchFacesByImage').map((call) => sharp(imageSent(call)).metadata()));
    expect(crops.map(({ width, height }) => Math.min(width, height))).toEqual([84, 80]);
  });

  it('a household with nothing enrolled (no collection): faces without matches, after one search says so', async () => {
    const scan = await recognizer().scan(aHouseholdId(), photos.threeFaces);
    expect(scan).toEqual({ kind: 'faces', faces: [{ matches: [] }, { matches: [] }, { matches: [] }] });
    expect(operations()).toEqual(['DetectFaces', 'SearchFacesByImage']);
  });

  it('asks for candidates down to candidateFloor (default 70), 5 per face', async () => {
    const { householdId } = await householdWith('red');
    await recognizer().scan(householdId, photos.red);
    await recognizer({ candidateFloor: 85 }).scan(householdId, photos.red);
    const searches = rekognition.callsTo('SearchFacesByImage').map(({ body }) => [body.FaceMatchThreshold, body.MaxFaces]);
    expect(searches).toEqual([
      [70, 5],
      [85, 5],
    ]);
  });
});

describe('scan: photos Rekognition rejects', () => {
  it('a crop in which SearchFacesByImage finds no face is a face without matches', async () => {
    const { householdId, visitors } = await householdWith('red', 'blue', 'green');
    rekognition.failNext('SearchFacesByImage', {
      type: 'InvalidParameterException',
      message: 'There are no faces in the image. Should be at least 1.',
    });
    const scan = await recognizer().scan(householdId, photos.threeFaces);
    expect(matchedVisitors(scan)).toEqual([[], [visitors[0]], [visitors[1]]]);
  });

  it('any other InvalidParameterException is a failure, not "no face"', async () => {
    const { householdId } = await householdWith('red');
    rekognition.failNext('SearchFacesByImage', { type: 'InvalidParameterException', message: 'Request has invalid parameters' });
    const scan = recognizer().scan(householdId, photos.red);
    await expect(scan).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(scan).rejects.not.toBeInstanceOf(RecognizerUnavailableError);
  });

  it('bytes that are not an image: unreadable, bad-format (InvalidImageFormatException)', async () => {
    expect(await recognizer().scan(aHouseholdId(), new TextEncoder().encode('not a photo'))).toEqual({
      kind: 'unreadable',
      reason: 'bad-format',
    });
    expect(operations()).toEqual(['DetectFaces']);
  });

  it('ImageTooLargeException: unreadable, too-large', async () => {
    rekognition.failNext('DetectFaces', { type: 'ImageTooLargeException', message: 'Image size is too large.' });
    expect(await recognizer().scan(aHouseholdId(), photos.red)).toEqual({ kind: 'unreadable', reason: 'too-large' });
  });

  it(`a photo over ${MAX_PHOTO_BYTES} bytes: unreadable, too-large, without calling Rekognition`, async () => {
    const huge = new Uint8Array(MAX_PHOTO_BYTES + 1);
    huge.set(photos.red);
    expect(await recognizer().scan(aHouseholdId(), huge)).toEqual({ kind: 'unreadable', reason: 'too-large' });
    expect(operations()).toEqual([]);
  });
});

describe('enroll', () => {
  it('indexes each photo with one IndexFaces, in order, the visitor as ExternalImageId', async () => {
    const [householdId, visitorId] = [aHouseholdId(), aVisitorId()];
    const results = await recognizer().enroll(householdId, visitorId, [photos.red, photos.noFace, photos.blue]);
    expect(results.map((result) => result.kind)).toEqual(['indexed', 'no-face', 'indexed']);
    expect(operations()).toEqual(['CreateCollection', 'IndexFaces', 'IndexFaces', 'IndexFaces']);
    expect(rekognition.callsTo('IndexFaces')[0]!.body).toMatchObject({
      CollectionId: collectionIdFor(DEFAULT_COLLECTION_PREFIX, householdId),
      ExternalImageId: visitorId,
      MaxFaces: 1,
      QualityFilter: 'AUTO',
      DetectionAttributes: [],
    });
  });

  it('indexes only the largest face of a photo of several people', async () => {
    const householdId = aHouseholdId();
    const [result] = await recognizer().enroll(householdId, aVisitorId(), [photos.threeFaces]);
    expect(result).toMatchObject({ kind: 'indexed', faceIds: [expect.any(String)] });
    expect(rekognition.facesIn(collectionIdFor(DEFAULT_COLLECTION_PREFIX, householdId)).map((face) => face.colour)).toEqual(['green']);
  });

  it('stops at the first photo that fails: photos are indexed one at a time', async () => {
    rekognition.failNext('IndexFaces', { type: 'ThrottlingException' }, 1);
    const enrolment = recognizer().enroll(aHouseholdId(), aVisitorId(), [photos.red, photos.blue, photos.green]);
    await expect(enrolment).rejects.toBeInstanceOf(RecognizerUnavailableError);
    expect(rekognition.callsTo('IndexFaces')).toHaveLength(1);
  });

  it.each([
    {
      fault: { type: 'InvalidParameterException', message: 'There are no faces in the image. Should be at least 1.' },
      outcome: { kind: 'no-face' },
    },
    {
      fault: { type: 'ImageTooLargeException', message: 'Image size is too large.' },
      outcome: { kind: 'unreadable', reason: 'too-large' },
    },
    {
      fault: { type: 'InvalidImageFormatException', message: 'Request has invalid image format' },
      outcome: { kind: 'unreadable', reason: 'bad-format' },
    },
  ])('$fault.type from IndexFaces is an outcome: $outcome.kind', async ({ fault, outcome }) => {
    rekognition.failNext('IndexFaces', fault);
    expect(await recognizer().enroll(aHouseholdId(), aVisitorId(), [photos.red])).toEqual([outcome]);
  });

  it('reports unreadable and oversized photos, the latter without a call', async () => {
    const huge = new Uint8Array(MAX_PHOTO_BYTES + 1);
    const results = await recognizer().enroll(aHouseholdId(), aVisitorId(), [new TextEncoder().encode('not a photo'), huge]);
    expect(results).toEqual([
      { kind: 'unreadable', reason: 'bad-format' },
      { kind: 'unreadable', reason: 'too-large' },
    ]);
    expect(rekognition.callsTo('IndexFaces')).toHaveLength(1);
  });

  it('creates the collection once, however many enrolments run at the same time', async () => {
    const [householdId, adapter] = [aHouseholdId(), recognizer()];
    await Promise.all(Array.from({ length: 5 }, () => adapter.enroll(householdId, aVisitorId(), [photos.red])));
    await adapter.enroll(householdId, aVisitorId(), [photos.blue]);
    expect(rekognition.callsTo('CreateCollection')).toHaveLength(1);
    expect(rekognition.callsTo('IndexFaces')).toHaveLength(6);
  });

  it('takes an existing collection (ResourceAlreadyExists) as created, as another process finds it', async () => {
    const householdId = aHouseholdId();
    await recognizer().enroll(householdId, aVisitorId(), [photos.red]);
    const [result] = await recognizer().enroll(householdId, aVisitorId(), [photos.blue]);
    expect(result).toMatchObject({ kind: 'indexed' });
    expect(rekognition.callsTo('CreateCollection')).toHaveLength(2);
  });

  it('creates the collection again if it was deleted behind its back', async () => {
    const [householdId, adapter, visitorId] = [aHouseholdId(), recognizer(), aVisitorId()];
    await adapter.enroll(householdId, aVisitorId(), [photos.red]);
    rekognition.deleteCollection(collectionIdFor(DEFAULT_COLLECTION_PREFIX, householdId));
    const [result] = await adapter.enroll(householdId, visitorId, [photos.blue]);
    expect(result).toMatchObject({ kind: 'indexed' });
    expect(matchedVisitors(await adapter.scan(householdId, photos.blue))).toEqual([[visitorId]]);
  });

  it('tries to create the collection again after a failed creation', async () => {
    const [householdId, adapter] = [aHouseholdId(), recognizer()];
    rekognition.failNext('CreateCollection', { type: 'ThrottlingException' });
    await expect(adapter.enroll(householdId, aVisitorId(), [photos.red])).rejects.toBeInstanceOf(RecognizerUnavailableError);
    const [result] = await adapter.enroll(householdId, aVisitorId(), [photos.red]);
    expect(result).toMatchObject({ kind: 'indexed' });
  });

  it.each(['alice smith', 'bob/1', 'é', ''])('rejects the visitor id %j (not an ExternalImageId) before any call', async (bad) => {
    const enrolment = recognizer().enroll(aHouseholdId(), bad as VisitorId, [photos.red]);
    await expect(enrolment).rejects.toBeInstanceOf(InvalidExternalImageIdError);
    expect(operations()).toEqual([]);
  });
});

describe('forget', () => {
  it("pages through ListFaces and deletes the visitor's faces in batches of 4096, sparing the others", async () => {
    const [householdId, visitorId, otherId] = [aHouseholdId(), aVisitorId(), aVisitorId()];
    const collectionId = collectionIdFor(DEFAULT_COLLECTION_PREFIX, householdId);
    rekognition.seedFaces(collectionId, otherId, 150);
    rekognition.seedFaces(collectionId, visitorId, 5000);
    rekognition.seedFaces(collectionId, otherId, 50);

    await recognizer().forget(householdId, visitorId);

    const lists = rekognition.callsTo('ListFaces').map(({ body }) => [body.MaxResults, typeof body.NextToken]);
    expect(lists).toEqual([
      [4096, 'undefined'],
      [4096, 'string'],
    ]);
    expect(rekognition.callsTo('DeleteFaces').map(({ body }) => (body.FaceIds as string[]).length)).toEqual([4096, 904]);
    expect(rekognition.facesIn(collectionId).map((face) => face.ExternalImageId)).toEqual(Array(200).fill(otherId));
  });

  it('resolves when the household has no collection, with one call', async () => {
    await expect(recognizer().forget(aHouseholdId(), aVisitorId())).resolves.toBeUndefined();
    expect(operations()).toEqual(['ListFaces']);
  });

  it('is idempotent: forgetting again lists and deletes nothing', async () => {
    const { householdId, visitors } = await householdWith('red');
    await recognizer().forget(householdId, visitors[0]!);
    rekognition.clearCalls();
    await recognizer().forget(householdId, visitors[0]!);
    expect(operations()).toEqual(['ListFaces']);
  });
});

describe('failures that mean "try again later" reject with RecognizerUnavailableError', () => {
  type Act = (household: { householdId: HouseholdId; visitors: VisitorId[] }) => Promise<unknown>;
  const scan: Act = ({ householdId }) => recognizer().scan(householdId, photos.threeFaces);
  const enroll: Act = ({ householdId }) => recognizer().enroll(householdId, aVisitorId(), [photos.green]);
  const enrollElsewhere: Act = () => recognizer().enroll(aHouseholdId(), aVisitorId(), [photos.green]);
  const forget: Act = ({ householdId, visitors }) => recognizer().forget(householdId, visitors[0]!);

  it.each([
    { operation: 'DetectFaces', type: 'ThrottlingException', act: scan },
    { operation: 'DetectFaces', type: 'ProvisionedThroughputExceededException', act: scan },
    { operation: 'DetectFaces', type: 'ServiceUnavailableException', act: scan },
    { operation: 'SearchFacesByImage', type: 'ThrottlingException', act: scan },
    { operation: 'SearchFacesByImage', type: 'InternalServerError', act: scan },
    { operation: 'IndexFaces', type: 'ThrottlingException', act: enroll },
    { operation: 'IndexFaces', type: 'LimitExceededException', act: enroll },
    { operation: 'CreateCollection', type: 'ProvisionedThroughputExceededException', act: enrollElsewhere },
    { operation: 'ListFaces', type: 'ThrottlingException', act: forget },
    { operation: 'DeleteFaces', type: 'ThrottlingException', act: forget },
  ])('$type on $operation', async ({ operation, type, act }) => {
    const household = await householdWith('red', 'blue');
    rekognition.failNext(operation, { type });
    const error = await act(household).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecognizerUnavailableError);
    expect(error).toMatchObject({ retryable: true, cause: { name: type } });
  });

  it('a connection cut before Rekognition answers', async () => {
    rekognition.failNext('DetectFaces', 'connection-reset');
    await expect(recognizer().scan(aHouseholdId(), photos.red)).rejects.toBeInstanceOf(RecognizerUnavailableError);
  });

  it('but AccessDeniedException is rethrown as it is: retrying will not fix a policy', async () => {
    rekognition.failNext('DetectFaces', { type: 'AccessDeniedException', message: 'User is not authorized' });
    const error = await recognizer()
      .scan(aHouseholdId(), photos.red)
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RecognizerUnavailableError);
    expect(error).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
  });
});

describe('collections', () => {
  it('keeps households whose ids differ only where escaping applies in separate collections', async () => {
    const base = aHouseholdId();
    const [colon, escaped] = [`${base}:x` as HouseholdId, `${base}_cx` as HouseholdId];
    const adapter = recognizer();
    await adapter.enroll(colon, aVisitorId(), [photos.red]);
    expect(matchedVisitors(await adapter.scan(escaped, photos.red))).toEqual([[]]);
    expect(collectionIdFor(DEFAULT_COLLECTION_PREFIX, colon)).not.toBe(collectionIdFor(DEFAULT_COLLECTION_PREFIX, escaped));
  });

  it('gives the longest household id a collection Rekognition accepts', async () => {
    const householdId = ':'.repeat(128) as HouseholdId;
    const visitorId = aVisitorId();
    const adapter = recognizer({ collectionPrefix: `test-${Date.now()}-` });
    await adapter.enroll(householdId, visitorId, [photos.red]);
    expect(matchedVisitors(await adapter.scan(householdId, photos.red))).toEqual([[visitorId]]);
  });

  it('rejects a prefix or a candidate floor that cannot work', () => {
    const client = rekognition.client();
    expect(() => new RekognitionFaceRecognizer({ client, collectionPrefix: 'my:app-' })).toThrow(RangeError);
    expect(() => new RekognitionFaceRecognizer({ client, collectionPrefix: 'x'.repeat(190) })).toThrow(RangeError);
    expect(() => new RekognitionFaceRecognizer({ client, candidateFloor: 101 })).toThrow(RangeError);
    expect(() => new RekognitionFaceRecognizer({ client, candidateFloor: Number.NaN })).toThrow(RangeError);
  });
});

async function makePhotos() {
  return {
    red: await colourPhoto({ faces: [{ colour: 'red', left: 60, top: 50, width: 100 }] }),
    blue: await colourPhoto({ faces: [{ colour: 'blue', left: 120, top: 70, width: 90 }] }),
    green: await colourPhoto({ faces: [{ colour: 'green', left: 100, top: 60, width: 90 }] }),
    // Sizes differ so "largest first" is observable: green (80) > red (70) > blue (60), placed in another order.
    threeFaces: await colourPhoto({
      faces: [
        { colour: 'red', left: 10, top: 20, width: 70 },
        { colour: 'blue', left: 125, top: 100, width: 60 },
        { colour: 'green', left: 225, top: 20, width: 80 },
      ],
    }),
    // 12 faces on a 4×3 grid, sizes 50…105; the two smallest are black and brown.
    twelveFaces: await colourPhoto({
      width: 640,
      height: 480,
      faces: Array.from({ length: 12 }, (_, i) => ({
        colour: i === 0 ? 'black' : i === 1 ? 'brown' : FACE_COLOURS[(i - 2) % 7]!,
        left: 30 + (i % 4) * 150,
        top: 30 + Math.floor(i / 4) * 150,
        width: 50 + i * 5,
      })),
    }),
    // Red is 40 px: with its margin a 56 px crop, under Rekognition's 80 px minimum.
    smallFaces: await colourPhoto({
      width: 640,
      height: 480,
      faces: [
        { colour: 'red', left: 100, top: 100, width: 40 },
        { colour: 'blue', left: 400, top: 300, width: 60 },
      ],
    }),
    noFace: await colourPhoto({ faces: [] }),
  };
}
