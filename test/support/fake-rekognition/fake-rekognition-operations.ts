import { randomUUID } from 'node:crypto';
import { largestFirst, seeImage, type ColourFace } from './colour-faces';
import type { FaceColour } from './palette';

/** An error as Rekognition sends it: `{ "__type": type, "message": … }` with an HTTP status. */
export class RekognitionError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface StoredFace {
  readonly FaceId: string;
  readonly ImageId: string;
  readonly ExternalImageId?: string;
  readonly BoundingBox: ColourFace['box'];
  readonly Confidence: number;
  /** Who the face is: faces of one colour are one person. */
  readonly colour: FaceColour;
}

/** Similarity the fake reports for two faces of the same colour (the same person); other pairs never match. */
export const SAME_PERSON_SIMILARITY = 99.1;
const DETECTION_CONFIDENCE = 99.9;
const FACE_MODEL_VERSION = '7.0';
const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;
const MIN_IMAGE_SIDE = 80;
const MAX_LIST_RESULTS = 4096;
const MAX_DELETE_FACE_IDS = 4096;

type Input = Record<string, unknown>;
export type Operation = (input: Input) => Promise<object>;

/** The Rekognition operations the adapter uses, over per-collection state, with Rekognition's validation. */
export function rekognitionOperations(collections: Map<string, StoredFace[]>): Record<string, Operation> {
  const existing = (input: Input): { id: string; faces: StoredFace[] } => {
    const id = collectionIdOf(input);
    const faces = collections.get(id);
    if (!faces) throw new RekognitionError('ResourceNotFoundException', `The collection id: ${id} does not exist`);
    return { id, faces };
  };

  return {
    async CreateCollection(input) {
      const id = collectionIdOf(input);
      if (collections.has(id)) throw new RekognitionError('ResourceAlreadyExistsException', `The collection id: ${id} already exists`);
      collections.set(id, []);
      return {
        StatusCode: 200,
        CollectionArn: `aws:rekognition:local:000000000000:collection/${id}`,
        FaceModelVersion: FACE_MODEL_VERSION,
      };
    },

    async DeleteCollection(input) {
      existing(input);
      collections.delete(collectionIdOf(input));
      return { StatusCode: 200 };
    },

    /** Pages of `MaxResults` (default and most 1000 here), in name order; `NextToken` is the last id of the page. */
    async ListCollections(input) {
      const max = typeof input.MaxResults === 'number' ? input.MaxResults : 1000;
      if (!Number.isInteger(max) || max < 0 || max > 4096) throw validation(max, 'maxResults', 'Member must have value between 0 and 4096');
      const after = typeof input.NextToken === 'string' ? input.NextToken : '';
      const ids = [...collections.keys()].sort().filter((id) => id > after);
      const page = ids.slice(0, max);
      return {
        CollectionIds: page,
        FaceModelVersions: page.map(() => FACE_MODEL_VERSION),
        ...(ids.length > page.length ? { NextToken: page.at(-1) } : {}),
      };
    },

    async DetectFaces(input) {
      const image = await imageOf(input);
      return { FaceDetails: image.faces.map((face) => ({ BoundingBox: face.box, Confidence: DETECTION_CONFIDENCE })) };
    },

    async IndexFaces(input) {
      const { faces: stored } = existing(input);
      const externalImageId = input.ExternalImageId;
      if (externalImageId !== undefined && (typeof externalImageId !== 'string' || !/^[a-zA-Z0-9_.\-:]{1,255}$/.test(externalImageId))) {
        throw validation(externalImageId, 'externalImageId', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.\\-:]+');
      }
      const faces = largestFirst((await imageOf(input)).faces);
      const maxFaces = typeof input.MaxFaces === 'number' ? input.MaxFaces : 100;
      const imageId = randomUUID();
      const indexed = faces.slice(0, maxFaces).map((face) => {
        const record: StoredFace = {
          FaceId: randomUUID(),
          ImageId: imageId,
          ...(typeof externalImageId === 'string' ? { ExternalImageId: externalImageId } : {}),
          BoundingBox: face.box,
          Confidence: DETECTION_CONFIDENCE,
          colour: face.colour,
        };
        stored.push(record);
        return { Face: publicFace(record), FaceDetail: { BoundingBox: face.box, Confidence: DETECTION_CONFIDENCE } };
      });
      const unindexed = faces.slice(maxFaces).map((face) => ({
        Reasons: ['EXCEEDS_MAX_FACES'],
        FaceDetail: { BoundingBox: face.box, Confidence: DETECTION_CONFIDENCE },
      }));
      return { FaceRecords: indexed, FaceModelVersion: FACE_MODEL_VERSION, UnindexedFaces: unindexed };
    },

    async SearchFacesByImage(input) {
      const { faces: stored } = existing(input);
      const [searched] = largestFirst((await imageOf(input)).faces);
      if (!searched) throw new RekognitionError('InvalidParameterException', 'There are no faces in the image. Should be at least 1.');
      const threshold = typeof input.FaceMatchThreshold === 'number' ? input.FaceMatchThreshold : 80;
      const maxFaces = typeof input.MaxFaces === 'number' ? input.MaxFaces : 80;
      const matches =
        SAME_PERSON_SIMILARITY >= threshold ? stored.filter((face) => face.colour === searched.colour).slice(0, maxFaces) : [];
      return {
        SearchedFaceBoundingBox: searched.box,
        SearchedFaceConfidence: DETECTION_CONFIDENCE,
        FaceMatches: matches.map((face) => ({ Similarity: SAME_PERSON_SIMILARITY, Face: publicFace(face) })),
        FaceModelVersion: FACE_MODEL_VERSION,
      };
    },

    async ListFaces(input) {
      const { faces } = existing(input);
      const maxResults = typeof input.MaxResults === 'number' ? input.MaxResults : 1000;
      if (maxResults < 0 || maxResults > MAX_LIST_RESULTS)
        throw validation(maxResults, 'maxResults', `Member must have value less than or equal to ${MAX_LIST_RESULTS}`);
      const start = typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
      if (!Number.isInteger(start) || start < 0) throw new RekognitionError('InvalidPaginationTokenException', 'Invalid pagination token');
      const end = start + maxResults;
      return {
        Faces: faces.slice(start, end).map(publicFace),
        ...(end < faces.length ? { NextToken: Buffer.from(String(end)).toString('base64url') } : {}),
        FaceModelVersion: FACE_MODEL_VERSION,
      };
    },

    async DeleteFaces(input) {
      const { id, faces } = existing(input);
      const faceIds = input.FaceIds;
      if (!Array.isArray(faceIds) || faceIds.length < 1 || faceIds.length > MAX_DELETE_FACE_IDS) {
        throw validation(
          Array.isArray(faceIds) ? `[${faceIds.length} ids]` : faceIds,
          'faceIds',
          `Member must have length between 1 and ${MAX_DELETE_FACE_IDS}`,
        );
      }
      const doomed = new Set(faceIds);
      const deleted = faces.filter((face) => doomed.has(face.FaceId)).map((face) => face.FaceId);
      collections.set(
        id,
        faces.filter((face) => !doomed.has(face.FaceId)),
      );
      const found = new Set(deleted);
      return {
        DeletedFaces: deleted,
        UnsuccessfulFaceDeletions: faceIds
          .filter((faceId) => !found.has(faceId))
          .map((FaceId) => ({ FaceId, Reasons: ['FACE_NOT_FOUND'] })),
      };
    },
  };
}

function collectionIdOf(input: Input): string {
  const id = input.CollectionId;
  if (typeof id !== 'string' || !/^[a-zA-Z0-9_.-]+$/.test(id)) {
    throw validation(id, 'collectionId', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.\\-]+');
  }
  if (id.length > 255) throw validation(id, 'collectionId', 'Member must have length less than or equal to 255');
  return id;
}

/** The image's faces, with the checks Rekognition makes on inline bytes first. */
async function imageOf(input: Input) {
  const bytes = (input.Image as { Bytes?: unknown } | undefined)?.Bytes;
  if (typeof bytes !== 'string') throw new RekognitionError('InvalidParameterException', 'Request has invalid parameters');
  const decoded = Buffer.from(bytes, 'base64');
  if (decoded.length > MAX_INLINE_IMAGE_BYTES) throw new RekognitionError('ImageTooLargeException', 'Image size is too large.');
  const seen = await seeImage(decoded);
  if (seen.kind === 'undecodable') throw new RekognitionError('InvalidImageFormatException', 'Request has invalid image format');
  if (seen.width < MIN_IMAGE_SIDE || seen.height < MIN_IMAGE_SIDE)
    throw new RekognitionError('InvalidParameterException', 'Request has invalid parameters');
  return seen;
}

const publicFace = ({ colour: _colour, ...face }: StoredFace) => ({ ...face, IndexFacesModelVersion: FACE_MODEL_VERSION });

const validation = (value: unknown, field: string, constraint: string) =>
  new RekognitionError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
