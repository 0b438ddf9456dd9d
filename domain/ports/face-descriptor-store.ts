import type { FaceId, HouseholdId, VisitorId } from '../ids';

/** One enrolled face as a model describes it: biometric data (the numbers describe the person's face). */
export interface FaceDescriptor {
  readonly faceId: FaceId;
  readonly visitorId: VisitorId;
  /** The model's 128 numbers for the face. */
  readonly descriptor: readonly number[];
}

/**
 * The enrolled faces' descriptors of a model-backed recognizer, kept per household: nothing stored for one
 * household is ever listed for another.
 */
export interface FaceDescriptorStore {
  /** The household's descriptors, in any order; none for an unknown household. */
  list(householdId: HouseholdId): Promise<readonly FaceDescriptor[]>;
  /** Stores the descriptors; a face id stored again is replaced. */
  add(householdId: HouseholdId, descriptors: readonly FaceDescriptor[]): Promise<void>;
  /** Deletes every descriptor of the visitor, wherever it is kept. Idempotent. */
  removeVisitor(householdId: HouseholdId, visitorId: VisitorId): Promise<void>;
}
