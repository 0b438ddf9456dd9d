import type { VisitorId } from './ids';

/**
 * What a face recognizer reports about one photo, before any policy is applied: every detected face
 * with its candidate matches among the household's enrolled faces. Similarity is Rekognition's 0–100 scale.
 */
export interface FaceMatch {
  readonly visitorId: VisitorId;
  readonly similarity: number;
}

export interface DetectedFace {
  /** Candidates in any order; may name visitors that no longer exist (they are ignored). */
  readonly matches: readonly FaceMatch[];
}

export type UnreadablePhotoReason = 'too-large' | 'bad-format' | 'missing';

export type FaceScan =
  | { readonly kind: 'faces'; readonly faces: readonly DetectedFace[] }
  | { readonly kind: 'no-face' }
  | { readonly kind: 'unreadable'; readonly reason: UnreadablePhotoReason };

/** Rekognition's limit for image bytes passed inline. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Identification looks at this many faces per photo at most (largest first); it bounds the recognizer calls per ring. */
export const MAX_FACES_PER_PHOTO = 10;
