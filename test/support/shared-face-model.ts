import { afterAll } from 'vitest';
import { FaceModelWorker } from '../../adapters/face-model/face-model-worker';

let started: Promise<FaceModelWorker> | undefined;

/** One loaded face model per test file (loading and warming up takes a second or two); closed after the file. */
export function sharedFaceModel(): Promise<FaceModelWorker> {
  if (!started) {
    started = FaceModelWorker.start();
    const model = started;
    afterAll(async () => (await model).close());
  }
  return started;
}
