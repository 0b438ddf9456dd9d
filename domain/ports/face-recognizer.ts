import type { FaceScan, UnreadablePhotoReason } from '../face';
import type { FaceId, HouseholdId, VisitorId } from '../ids';

export type EnrolledPhoto =
  | { readonly kind: 'indexed'; readonly faceIds: readonly FaceId[] }
  | { readonly kind: 'no-face' }
  | { readonly kind: 'unreadable'; readonly reason: UnreadablePhotoReason };

/**
 * Recognizes a household's enrolled visitors. Each household's faces are kept apart (one Rekognition collection
 * per household): nothing enrolled in one household is ever matched in another.
 * Transient overload (throttling) rejects with RecognizerUnavailableError, which callers may retry.
 */
export interface FaceRecognizer {
  /**
   * Indexes the faces of each photo for the visitor; one result per photo, in order. A photo with several faces
   * indexes the largest one (an enrollment photo is of one person). Enrolling the same photo twice is allowed.
   */
  enroll(householdId: HouseholdId, visitorId: VisitorId, photos: readonly Uint8Array[]): Promise<readonly EnrolledPhoto[]>;
  /**
   * Every face in the photo (up to the adapter's stated limit), each with its candidate matches among the
   * household's enrolled faces. A household with nothing enrolled yields faces without matches.
   */
  scan(householdId: HouseholdId, photo: Uint8Array): Promise<FaceScan>;
  /** Deletes every face enrolled for the visitor. Idempotent. */
  forget(householdId: HouseholdId, visitorId: VisitorId): Promise<void>;
}
