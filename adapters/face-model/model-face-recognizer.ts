import { MAX_FACES_PER_PHOTO, type DetectedFace, type FaceMatch, type FaceScan } from '../../domain/face';
import type { FaceId, HouseholdId, VisitorId } from '../../domain/ids';
import type { FaceDescriptor, FaceDescriptorStore } from '../../domain/ports/face-descriptor-store';
import type { EnrolledPhoto, FaceRecognizer } from '../../domain/ports/face-recognizer';
import type { IdGenerator } from '../../domain/ports/id-generator';
import { CANDIDATE_FLOOR, euclideanDistance, similarityOfDistance } from './face-similarity';
import type { FaceModel } from './photo-analysis';

/**
 * Recognizes faces with a real pre-trained model on this machine (no AWS): the model runs in a worker thread
 * (FaceModelWorker) or, in a Lambda, in the function's own thread (InProcessFaceModel), descriptors are kept per
 * household (a FaceDescriptorStore), similarity is on Rekognition's
 * 0–100 scale (face-similarity.ts). At most MAX_FACES_PER_PHOTO faces per photo, largest first.
 * A crashed model rejects with RecognizerUnavailableError.
 */
export class ModelFaceRecognizer implements FaceRecognizer {
  constructor(
    private readonly model: FaceModel,
    private readonly descriptors: FaceDescriptorStore,
    private readonly ids: IdGenerator,
  ) {}

  async enroll(householdId: HouseholdId, visitorId: VisitorId, photos: readonly Uint8Array[]): Promise<readonly EnrolledPhoto[]> {
    const results: EnrolledPhoto[] = [];
    for (const photo of photos) {
      const analysis = await this.model.analyse(photo);
      if (analysis.kind === 'unreadable') {
        results.push(analysis);
        continue;
      }
      // An enrolment photo is of one person: the largest face is theirs.
      const largest = analysis.faces[0];
      if (!largest) {
        results.push({ kind: 'no-face' });
        continue;
      }
      const face: FaceDescriptor = { faceId: this.ids.next() as FaceId, visitorId, descriptor: [...largest.descriptor] };
      await this.descriptors.add(householdId, [face]);
      results.push({ kind: 'indexed', faceIds: [face.faceId] });
    }
    return results;
  }

  async scan(householdId: HouseholdId, photo: Uint8Array): Promise<FaceScan> {
    const analysis = await this.model.analyse(photo);
    if (analysis.kind === 'unreadable') return analysis;
    if (analysis.faces.length === 0) return { kind: 'no-face' };
    const enrolled = await this.descriptors.list(householdId);
    const faces = analysis.faces
      .slice(0, MAX_FACES_PER_PHOTO)
      .map((face): DetectedFace => ({ matches: candidates(face.descriptor, enrolled) }));
    return { kind: 'faces', faces };
  }

  async forget(householdId: HouseholdId, visitorId: VisitorId): Promise<void> {
    await this.descriptors.removeVisitor(householdId, visitorId);
  }
}

/** Each enrolled visitor's closest face, as a candidate when it is similar enough to report. */
function candidates(descriptor: ArrayLike<number>, enrolled: readonly FaceDescriptor[]): FaceMatch[] {
  const best = new Map<VisitorId, number>();
  for (const face of enrolled) {
    const similarity = similarityOfDistance(euclideanDistance(descriptor, face.descriptor));
    if (similarity >= CANDIDATE_FLOOR && similarity > (best.get(face.visitorId) ?? -1)) best.set(face.visitorId, similarity);
  }
  return [...best].map(([visitorId, similarity]) => ({ visitorId, similarity }));
}
