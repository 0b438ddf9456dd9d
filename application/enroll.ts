import { MAX_PHOTO_BYTES } from '../domain/face';
import { visitorId as toVisitorId, type HouseholdId } from '../domain/ids';
import type { Clock } from '../domain/ports/clock';
import type { EnrolledPhoto, FaceRecognizer } from '../domain/ports/face-recognizer';
import type { IdGenerator } from '../domain/ports/id-generator';
import { MAX_PHOTOS_PER_ENROLLMENT } from '../domain/protocol/limits';
import type { VisitorRepository } from '../domain/ports/visitor-repository';
import { InvalidVisitorNameError, visitorName, withFaces, type Visitor } from '../domain/visitor';

export interface EnrollCommand {
  readonly householdId: HouseholdId;
  readonly name: string;
  /** Omitted: a new visitor is not trusted, an existing one keeps their flag. */
  readonly trusted?: boolean;
  readonly photos: readonly Uint8Array[];
}

export type EnrollResult =
  | { readonly kind: 'enrolled'; readonly visitor: Visitor; readonly created: boolean; readonly photos: readonly EnrolledPhoto[] }
  /** No photo showed a usable face: a new visitor is not created. */
  | { readonly kind: 'no-face-enrolled'; readonly photos: readonly EnrolledPhoto[] }
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * Teaches the household a visitor's face from one or more photos. Enrolling an existing name adds photos to that
 * visitor (names are unique per household, ignoring case). Photos without a face are reported, not fatal.
 */
export class Enroll {
  constructor(
    private readonly visitors: VisitorRepository,
    private readonly recognizer: FaceRecognizer,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: EnrollCommand): Promise<EnrollResult> {
    const problem = photoProblem(command.photos);
    if (problem) return { kind: 'rejected', reason: problem };
    let name: string;
    try {
      name = visitorName(command.name);
    } catch (error) {
      if (error instanceof InvalidVisitorNameError) return { kind: 'rejected', reason: error.message };
      throw error;
    }

    const existing = await this.visitors.findByName(command.householdId, name);
    const visitor: Visitor = existing ?? {
      id: toVisitorId(this.ids.next()),
      householdId: command.householdId,
      name,
      trusted: false,
      faceIds: [],
      enrolledAt: this.clock.now(),
    };
    const photos = await this.recognizer.enroll(command.householdId, visitor.id, command.photos);
    const faceIds = photos.flatMap((photo) => (photo.kind === 'indexed' ? photo.faceIds : []));
    if (faceIds.length === 0 && !existing) return { kind: 'no-face-enrolled', photos };

    const updated = { ...withFaces(visitor, faceIds), trusted: command.trusted ?? visitor.trusted };
    await this.visitors.save(updated);
    return { kind: 'enrolled', visitor: updated, created: !existing, photos };
  }
}

function photoProblem(photos: readonly Uint8Array[]): string | undefined {
  if (photos.length === 0) return 'at least one photo is needed';
  if (photos.length > MAX_PHOTOS_PER_ENROLLMENT) return `at most ${MAX_PHOTOS_PER_ENROLLMENT} photos per enrollment`;
  const index = photos.findIndex((photo) => photo.byteLength === 0 || photo.byteLength > MAX_PHOTO_BYTES);
  if (index >= 0) return `photo ${index + 1} is empty or larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB`;
  return undefined;
}
