import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { MAX_FACES_PER_PHOTO, type DetectedFace, type FaceScan } from '../../domain/face';
import type { FaceId, HouseholdId, VisitorId } from '../../domain/ids';
import type { EnrolledPhoto, FaceRecognizer } from '../../domain/ports/face-recognizer';
import type { IdGenerator } from '../../domain/ports/id-generator';
import { writePrivateFile } from '../local-files/private-files';
import { readFaceManifest } from './face-manifest';

interface EnrolledFace {
  readonly faceId: FaceId;
  readonly visitorId: VisitorId;
  readonly fingerprint: string;
}

/** Similarity reported for a fingerprint match: high, like Rekognition's for the same person, but not 100. */
export const IN_MEMORY_MATCH_SIMILARITY = 99.2;

/**
 * A face recognizer for demos and tests, with no AWS. A photo's faces are
 * - the labels of its face manifest (see samples/manifest/README.md): `doorbell-faces: alice, stranger` is two faces,
 *   `doorbell-faces:` is a photo with no face; the same label in two photos is the same person;
 * - otherwise one face identified by the photo's exact bytes, so an enrolled photo is recognized again.
 * Bytes that are neither JPEG nor PNG are unreadable, as Rekognition's InvalidImageFormatException.
 * Faces are kept per household, like one Rekognition collection per household.
 */
export class InMemoryFaceRecognizer implements FaceRecognizer {
  private readonly collections: Map<HouseholdId, EnrolledFace[]>;

  /** `file`: keep the enrolled faces in this JSON file across restarts (the local doorbell's `--data`). */
  constructor(
    private readonly ids: IdGenerator,
    private readonly file?: string,
  ) {
    this.collections = new Map(file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as [HouseholdId, EnrolledFace[]][]) : []);
  }

  async enroll(householdId: HouseholdId, visitorId: VisitorId, photos: readonly Uint8Array[]): Promise<readonly EnrolledPhoto[]> {
    const collection = this.collection(householdId);
    const results = photos.map((photo): EnrolledPhoto => {
      const faces = facesOf(photo);
      if (faces.kind !== 'faces') return faces;
      // An enrollment photo is of one person: index the first (largest) face only, as IndexFaces with MaxFaces 1.
      const faceId = this.ids.next() as FaceId;
      collection.push({ faceId, visitorId, fingerprint: faces.fingerprints[0]! });
      return { kind: 'indexed', faceIds: [faceId] };
    });
    this.save();
    return results;
  }

  async scan(householdId: HouseholdId, photo: Uint8Array): Promise<FaceScan> {
    const faces = facesOf(photo);
    if (faces.kind !== 'faces') return faces;
    const collection = this.collections.get(householdId) ?? [];
    const detected = faces.fingerprints.slice(0, MAX_FACES_PER_PHOTO).map(
      (fingerprint): DetectedFace => ({
        matches: collection
          .filter((face) => face.fingerprint === fingerprint)
          .map((face) => ({ visitorId: face.visitorId, similarity: IN_MEMORY_MATCH_SIMILARITY })),
      }),
    );
    return { kind: 'faces', faces: detected };
  }

  async forget(householdId: HouseholdId, visitorId: VisitorId): Promise<void> {
    const collection = this.collections.get(householdId);
    if (collection)
      this.collections.set(
        householdId,
        collection.filter((face) => face.visitorId !== visitorId),
      );
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    writePrivateFile(this.file, JSON.stringify([...this.collections]));
  }

  private collection(householdId: HouseholdId): EnrolledFace[] {
    let collection = this.collections.get(householdId);
    if (!collection) {
      collection = [];
      this.collections.set(householdId, collection);
    }
    return collection;
  }
}

type PhotoFaces =
  | { readonly kind: 'faces'; readonly fingerprints: readonly string[] }
  | { readonly kind: 'no-face' }
  | { readonly kind: 'unreadable'; readonly reason: 'bad-format' };

function facesOf(photo: Uint8Array): PhotoFaces {
  if (!isJpeg(photo) && !isPng(photo)) return { kind: 'unreadable', reason: 'bad-format' };
  const labels = readFaceManifest(photo);
  if (labels === undefined) return { kind: 'faces', fingerprints: [`bytes:${createHash('sha256').update(photo).digest('hex')}`] };
  if (labels.length === 0) return { kind: 'no-face' };
  return { kind: 'faces', fingerprints: labels.map((label) => `label:${label}`) };
}

function isJpeg(photo: Uint8Array): boolean {
  return photo[0] === 0xff && photo[1] === 0xd8 && photo[2] === 0xff;
}

function isPng(photo: Uint8Array): boolean {
  return photo[0] === 0x89 && photo[1] === 0x50 && photo[2] === 0x4e && photo[3] === 0x47;
}
