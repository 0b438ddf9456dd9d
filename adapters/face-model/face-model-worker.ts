import { Worker } from 'node:worker_threads';
import { RecognizerUnavailableError } from '../../domain/errors';
import { MAX_PHOTO_BYTES } from '../../domain/face';
import type { FaceModel, PhotoAnalysis, WorkerMessage } from './photo-analysis';

const WORKER_ENTRY = new URL('./face-model-thread.ts', import.meta.url);
const TYPESCRIPT_WORKER = new URL('./typescript-worker.mjs', import.meta.url);

interface Pending {
  resolve(analysis: PhotoAnalysis): void;
  reject(error: Error): void;
}

export interface FaceModelWorkerOptions {
  /** The worker's entry module; tests give one that can crash on demand. */
  readonly entry?: URL;
}

/**
 * The face model in a worker thread, seen from the doorbell's thread. A worker that crashes or exits is replaced
 * by a new one; the photos it was analysing reject with RecognizerUnavailableError (callers retry, and a ring is
 * then still announced as unidentified), never hang.
 */
export class FaceModelWorker implements FaceModel {
  private worker!: Worker;
  private ready!: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;
  /** Workers started after a crash, for logs and tests. */
  restarts = 0;

  private constructor(private readonly entry: URL) {
    this.spawn();
  }

  /** Starts the worker and waits until the model is loaded and warmed up. */
  static async start(options: FaceModelWorkerOptions = {}): Promise<FaceModelWorker> {
    const client = new FaceModelWorker(options.entry ?? WORKER_ENTRY);
    await client.ready;
    return client;
  }

  /**
   * The photo's faces and their descriptors, analysed on the worker thread, one photo at a time.
   * @throws RecognizerUnavailableError when the worker was closed, or crashed while analysing this photo.
   */
  async analyse(photo: Uint8Array): Promise<PhotoAnalysis> {
    if (this.closed) throw new RecognizerUnavailableError('the face model was closed');
    // Not worth copying to the worker: decodePhoto would refuse it there.
    if (photo.byteLength > MAX_PHOTO_BYTES) return { kind: 'unreadable', reason: 'too-large' };
    await this.ready;
    if (this.closed) throw new RecognizerUnavailableError('the face model was closed');
    const id = ++this.nextId;
    return new Promise<PhotoAnalysis>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, photo });
    });
  }

  /** Stops the worker; photos still being analysed reject with RecognizerUnavailableError. */
  async close(): Promise<void> {
    this.closed = true;
    this.rejectPending(new RecognizerUnavailableError('the face model was closed'));
    await this.worker.terminate();
  }

  private spawn(): void {
    const worker = new Worker(TYPESCRIPT_WORKER, { workerData: { entry: this.entry.href } });
    this.worker = worker;
    let started = false;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'ready') {
          started = true;
          return resolve();
        }
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.kind === 'analysed') pending?.resolve(message.analysis);
        else pending?.reject(new RecognizerUnavailableError(`the face model failed: ${message.error}`));
      });
      worker.once('error', (error) => reject(new RecognizerUnavailableError('the face model could not start', { cause: error })));
      worker.once('exit', (code) => {
        reject(new RecognizerUnavailableError(`the face model exited (code ${code})`));
        // A model that cannot even load is not restarted in a loop: every call then reports it unavailable.
        if (started) this.crashed(worker, code);
      });
    });
    // Nobody may be waiting yet: a failed start is reported to the next caller, not as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  private crashed(worker: Worker, code: number): void {
    if (this.closed || worker !== this.worker) return;
    this.rejectPending(new RecognizerUnavailableError(`the face model crashed (exit code ${code})`));
    this.restarts += 1;
    this.spawn();
  }

  private rejectPending(error: RecognizerUnavailableError): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
