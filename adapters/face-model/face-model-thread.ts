/**
 * The recognizer's worker thread: decodes each photo and runs the face model on it, one photo at a time, so that
 * inference never blocks the doorbell's event loop. Started by FaceModelWorker.
 */
import { parentPort } from 'node:worker_threads';
import { decodePhoto } from './decode-photo';
import { loadFaceModel } from './load-face-model';
import type { AnalyseRequest, PhotoAnalysis, WorkerMessage } from './photo-analysis';

const port = parentPort!;
const model = await loadFaceModel();
// The first inference compiles and allocates (≈ 1 s): done here, so that the first ring is not the slow one.
await model.findFaces({ kind: 'image', data: new Uint8Array(64 * 64 * 3), width: 64, height: 64 });

let queue: Promise<unknown> = Promise.resolve();
port.on('message', (request: AnalyseRequest) => {
  queue = queue.then(async () => {
    const failed = (error: unknown): WorkerMessage => ({ kind: 'failed', id: request.id, error: String(error) });
    const message = await analyse(request).catch(failed);
    port.postMessage(message);
  });
});
port.postMessage({ kind: 'ready' } satisfies WorkerMessage);

async function analyse({ id, photo }: AnalyseRequest): Promise<WorkerMessage> {
  const decoded = await decodePhoto(photo);
  const analysis: PhotoAnalysis = decoded.kind === 'image' ? { kind: 'faces', faces: await model.findFaces(decoded) } : decoded;
  return { kind: 'analysed', id, analysis };
}
