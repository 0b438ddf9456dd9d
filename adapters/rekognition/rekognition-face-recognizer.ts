import {
  CreateCollectionCommand,
  DeleteFacesCommand,
  DetectFacesCommand,
  IndexFacesCommand,
  ListFacesCommand,
  SearchFacesByImageCommand,
  type BoundingBox,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import { MAX_FACES_PER_PHOTO, MAX_PHOTO_BYTES, type DetectedFace, type FaceMatch, type FaceScan } from '../../domain/face';
import type { FaceId, HouseholdId, VisitorId } from '../../domain/ids';
import type { EnrolledPhoto, FaceRecognizer } from '../../domain/ports/face-recognizer';
import { checkCollectionPrefix, collectionIdFor, DEFAULT_COLLECTION_PREFIX } from './collection-id';
import { openFaceCropper, type FaceCropper } from './crop-faces';
import { externalImageIdFor } from './external-image-id';
import { KnownCollections } from './known-collections';
import { isExistingCollection, isMissingCollection, isTransient, photoVerdict, unavailable, type PhotoVerdict } from './rekognition-errors';

export interface RekognitionFaceRecognizerOptions {
  readonly client: RekognitionClient;
  /** Starts every household's collection id (default 'doorbell-'), so several deployments can share an account. */
  readonly collectionPrefix?: string;
  /**
   * Lowest similarity (0–100) Rekognition returns as a candidate (its FaceMatchThreshold). Deliberately below the
   * identification threshold (90 by default): the domain policy decides, the adapter only reports. Default 70.
   */
  readonly candidateFloor?: number;
}

export const DEFAULT_CANDIDATE_FLOOR = 70;
/** Candidates per face: the best one plus near ties (a visitor enrolled from several photos matches several times). */
const CANDIDATES_PER_FACE = 5;
/** ListFaces' largest page, so forgetting reads a household's collection in as few calls as possible. */
const LIST_FACES_PAGE_SIZE = 4096;
/** DeleteFaces accepts at most this many face ids per call. */
const DELETE_FACES_BATCH = 4096;

/**
 * The FaceRecognizer on Amazon Rekognition.
 *
 * - One collection per household (`${prefix}${escaped householdId}`, see collection-id.ts): households are kept
 *   apart by Rekognition itself, and a search costs the same however many households there are. A collection is
 *   created on the first enrolment (ResourceAlreadyExists is success) and remembered for the life of the process.
 * - A face is tagged with the visitor's id (ExternalImageId), so a match names the visitor with no lookup table.
 * - enroll: one IndexFaces per photo, one photo at a time (MaxFaces 1: an enrolment photo is of one person; the
 *   largest face is indexed). Sequential keeps an enrolment's cost and its burst of requests predictable.
 * - scan: DetectFaces finds every face (largest first, at most MAX_FACES_PER_PHOTO); each face is then searched on
 *   its own crop, because SearchFacesByImage alone only ever searches the largest face of an image. A photo with
 *   exactly one face is searched as is: same number of calls, no cropping. Calls per ring: 1 + faces (1 when there
 *   is no face; fewer when the household has no collection yet, since the first search says so). Faces are searched
 *   one after another, to keep a ring's burst within Rekognition's per-second quotas.
 * - forget: ListFaces pages through the collection (ListFaces can't filter by ExternalImageId), then DeleteFaces in
 *   batches. A missing collection means nothing to forget.
 * - Errors: throttling and outages reject with RecognizerUnavailableError (the ring workflow retries); photo
 *   problems are outcomes ('unreadable', 'no-face'); anything else (access denied, a bad request) is rethrown as is.
 *   Photos over MAX_PHOTO_BYTES are reported 'too-large' without calling AWS.
 */
export class RekognitionFaceRecognizer implements FaceRecognizer {
  private readonly client: RekognitionClient;
  private readonly prefix: string;
  private readonly candidateFloor: number;
  private readonly collections = new KnownCollections((collectionId) => this.createCollection(collectionId));

  /**
   * @throws RangeError for a collection prefix checkCollectionPrefix refuses, or a candidate floor outside 0–100.
   */
  constructor(options: RekognitionFaceRecognizerOptions) {
    this.client = options.client;
    this.prefix = checkCollectionPrefix(options.collectionPrefix ?? DEFAULT_COLLECTION_PREFIX);
    this.candidateFloor = checkCandidateFloor(options.candidateFloor ?? DEFAULT_CANDIDATE_FLOOR);
  }

  async enroll(householdId: HouseholdId, visitorId: VisitorId, photos: readonly Uint8Array[]): Promise<readonly EnrolledPhoto[]> {
    const externalImageId = externalImageIdFor(visitorId);
    const collectionId = collectionIdFor(this.prefix, householdId);
    const results: EnrolledPhoto[] = [];
    for (const photo of photos) results.push(await this.enrollPhoto(collectionId, externalImageId, photo));
    return results;
  }

  async scan(householdId: HouseholdId, photo: Uint8Array): Promise<FaceScan> {
    const rejected = rejectBeforeSending(photo);
    if (rejected) return rejected;
    let boxes: readonly BoundingBox[];
    try {
      boxes = await this.detectFaces(photo);
    } catch (error) {
      return verdictOrThrow(error);
    }
    if (boxes.length === 0) return { kind: 'no-face' };

    let imageOf: FaceCropper;
    try {
      imageOf = boxes.length === 1 ? async () => photo : await openFaceCropper(photo);
    } catch {
      // Rekognition decoded it but sharp can't: to the doorbell it is just as unreadable.
      return { kind: 'unreadable', reason: 'bad-format' };
    }

    const collectionId = collectionIdFor(this.prefix, householdId);
    const faces: DetectedFace[] = [];
    let collectionMissing = false;
    for (const box of boxes) {
      // No collection yet means nobody is enrolled: the remaining faces can't match either, so don't ask.
      const found: readonly FaceMatch[] | 'missing-collection' = collectionMissing
        ? 'missing-collection'
        : await this.searchFace(collectionId, await imageOf(box));
      collectionMissing = found === 'missing-collection';
      faces.push({ matches: found === 'missing-collection' ? [] : found });
    }
    return { kind: 'faces', faces };
  }

  async forget(householdId: HouseholdId, visitorId: VisitorId): Promise<void> {
    const collectionId = collectionIdFor(this.prefix, householdId);
    try {
      const faceIds = await this.faceIdsOf(collectionId, visitorId);
      for (let start = 0; start < faceIds.length; start += DELETE_FACES_BATCH) {
        const batch = faceIds.slice(start, start + DELETE_FACES_BATCH);
        await this.call('DeleteFaces', () => this.client.send(new DeleteFacesCommand({ CollectionId: collectionId, FaceIds: batch })));
      }
    } catch (error) {
      if (isMissingCollection(error)) return;
      throw error;
    }
  }

  private async enrollPhoto(collectionId: string, externalImageId: string, photo: Uint8Array): Promise<EnrolledPhoto> {
    const rejected = rejectBeforeSending(photo);
    if (rejected) return rejected;
    try {
      const faceIds = await this.indexFaces(collectionId, externalImageId, photo);
      return faceIds.length > 0 ? { kind: 'indexed', faceIds } : { kind: 'no-face' };
    } catch (error) {
      return verdictOrThrow(error);
    }
  }

  private async indexFaces(collectionId: string, externalImageId: string, photo: Uint8Array): Promise<FaceId[]> {
    const index = () =>
      this.call('IndexFaces', () =>
        this.client.send(
          new IndexFacesCommand({
            CollectionId: collectionId,
            Image: { Bytes: photo },
            ExternalImageId: externalImageId,
            MaxFaces: 1,
            QualityFilter: 'AUTO',
            DetectionAttributes: [],
          }),
        ),
      );
    await this.collections.ensure(collectionId);
    const response = await index().catch(async (error: unknown) => {
      if (!isMissingCollection(error)) throw error;
      // Deleted since this process created it (by an operator, say): create it again, once.
      this.collections.invalidate(collectionId);
      await this.collections.ensure(collectionId);
      return index();
    });
    return (response.FaceRecords ?? []).flatMap((record) => (record.Face?.FaceId ? [record.Face.FaceId as FaceId] : []));
  }

  /** The photo's face boxes, largest first, at most MAX_FACES_PER_PHOTO (DetectFaces returns up to 100, unordered). */
  private async detectFaces(photo: Uint8Array): Promise<BoundingBox[]> {
    const response = await this.call('DetectFaces', () => this.client.send(new DetectFacesCommand({ Image: { Bytes: photo } })));
    return (response.FaceDetails ?? [])
      .flatMap((face) => (face.BoundingBox ? [face.BoundingBox] : []))
      .sort((a, b) => area(b) - area(a))
      .slice(0, MAX_FACES_PER_PHOTO);
  }

  /** Candidates for the (largest) face of `image`; none when Rekognition finds no face in it after all. */
  private async searchFace(collectionId: string, image: Uint8Array): Promise<readonly FaceMatch[] | 'missing-collection'> {
    try {
      const response = await this.call('SearchFacesByImage', () =>
        this.client.send(
          new SearchFacesByImageCommand({
            CollectionId: collectionId,
            Image: { Bytes: image },
            FaceMatchThreshold: this.candidateFloor,
            MaxFaces: CANDIDATES_PER_FACE,
          }),
        ),
      );
      return (response.FaceMatches ?? []).flatMap((match) => {
        const visitorId = match.Face?.ExternalImageId;
        return visitorId !== undefined && match.Similarity !== undefined
          ? [{ visitorId: visitorId as VisitorId, similarity: match.Similarity }]
          : [];
      });
    } catch (error) {
      if (isMissingCollection(error)) return 'missing-collection';
      if (photoVerdict(error)?.kind === 'no-face') return [];
      throw error;
    }
  }

  private async faceIdsOf(collectionId: string, visitorId: VisitorId): Promise<string[]> {
    const faceIds: string[] = [];
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await this.call('ListFaces', () =>
        this.client.send(
          new ListFacesCommand({ CollectionId: collectionId, MaxResults: LIST_FACES_PAGE_SIZE, ...(token ? { NextToken: token } : {}) }),
        ),
      );
      for (const face of page.Faces ?? []) if (face.ExternalImageId === visitorId && face.FaceId) faceIds.push(face.FaceId);
      nextToken = page.NextToken;
    } while (nextToken);
    return faceIds;
  }

  private async createCollection(collectionId: string): Promise<void> {
    try {
      await this.call('CreateCollection', () => this.client.send(new CreateCollectionCommand({ CollectionId: collectionId })));
    } catch (error) {
      if (!isExistingCollection(error)) throw error;
    }
  }

  /** Sends one request; transient failures become RecognizerUnavailableError, everything else is left to the caller. */
  private async call<Output>(operation: string, request: () => Promise<Output>): Promise<Output> {
    try {
      return await request();
    } catch (error) {
      throw isTransient(error) ? unavailable(operation, error) : error;
    }
  }
}

/** Photos Rekognition would refuse anyway, answered without a call. */
function rejectBeforeSending(photo: Uint8Array): PhotoVerdict | undefined {
  if (photo.byteLength > MAX_PHOTO_BYTES) return { kind: 'unreadable', reason: 'too-large' };
  if (photo.byteLength === 0) return { kind: 'unreadable', reason: 'bad-format' };
  return undefined;
}

function verdictOrThrow(error: unknown): PhotoVerdict {
  const verdict = photoVerdict(error);
  if (verdict) return verdict;
  throw error;
}

const area = (box: BoundingBox): number => (box.Width ?? 0) * (box.Height ?? 0);

function checkCandidateFloor(floor: number): number {
  if (!Number.isFinite(floor) || floor < 0 || floor > 100)
    throw new RangeError(`candidateFloor must be a similarity from 0 to 100, got ${floor}`);
  return floor;
}
