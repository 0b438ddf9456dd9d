import type { UnreadablePhotoReason } from '../../domain/face';
import type { FoundFace } from './load-face-model';

/** What the worker reports about one photo: its faces, largest first (none: no face), or why it could not be read. */
export type PhotoAnalysis =
  | { readonly kind: 'faces'; readonly faces: readonly FoundFace[] }
  | { readonly kind: 'unreadable'; readonly reason: UnreadablePhotoReason };

/**
 * The face model as the recognizer uses it: a worker thread locally (FaceModelWorker), the Lambda's own thread in
 * AWS (InProcessFaceModel).
 */
export interface FaceModel {
  analyse(photo: Uint8Array): Promise<PhotoAnalysis>;
}

/** Messages between the recognizer and its worker thread. */
export interface AnalyseRequest {
  readonly id: number;
  readonly photo: Uint8Array;
}

export type WorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'analysed'; readonly id: number; readonly analysis: PhotoAnalysis }
  | { readonly kind: 'failed'; readonly id: number; readonly error: string };
