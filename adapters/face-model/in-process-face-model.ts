import { RecognizerUnavailableError } from '../../domain/errors';
import { decodePhoto } from './decode-photo';
import { loadFaceModel } from './load-face-model';
import type { FaceModel, PhotoAnalysis } from './photo-analysis';

type LoadedModel = Awaited<ReturnType<typeof loadFaceModel>>;

/**
 * The face model in the caller's own thread, for a Lambda: an instance serves one event at a time, so inference
 * blocking its event loop delays nobody, and a worker would only add a second bundle and the thread's start-up.
 * Loaded on first use (a cold start that never sees a photo never loads it); a failed load rejects with
 * RecognizerUnavailableError and is tried again on the next photo.
 */
export class InProcessFaceModel implements FaceModel {
  private loading: Promise<LoadedModel> | undefined;

  async analyse(photo: Uint8Array): Promise<PhotoAnalysis> {
    const decoded = await decodePhoto(photo);
    if (decoded.kind === 'unreadable') return decoded;
    const model = await this.model();
    return { kind: 'faces', faces: await model.findFaces(decoded) };
  }

  private model(): Promise<LoadedModel> {
    this.loading ??= loadFaceModel().catch((error: unknown) => {
      this.loading = undefined;
      throw new RecognizerUnavailableError('the face model could not load', { cause: error });
    });
    return this.loading;
  }
}
