import { LocalFaceDescriptorStore } from '../../adapters/face-model/local-face-descriptor-store';
import { FaceModelWorker } from '../../adapters/face-model/face-model-worker';
import { ModelFaceRecognizer } from '../../adapters/face-model/model-face-recognizer';
import { InMemoryFaceRecognizer } from '../../adapters/in-memory/in-memory-face-recognizer';
import type { FaceRecognizer } from '../../domain/ports/face-recognizer';
import type { IdGenerator } from '../../domain/ports/id-generator';
import type { LocalData } from './local-data';

/** `--recognizer`: `model` recognizes faces with a real model; `manifest` reads the names sample photos declare. */
export const RECOGNIZERS = ['model', 'manifest'] as const;
export type RecognizerChoice = (typeof RECOGNIZERS)[number];

export interface LocalRecognizer {
  readonly choice: RecognizerChoice;
  /** How long loading and warming up the model took (0 for the manifest recognizer). */
  readonly loadMs: number;
  create(ids: IdGenerator, data: LocalData | undefined): FaceRecognizer;
  close(): Promise<void>;
}

/** Loads the chosen recognizer; the model is loaded and warmed up here, so that the first ring is not slow. */
export async function loadLocalRecognizer(choice: RecognizerChoice): Promise<LocalRecognizer> {
  if (choice === 'manifest') {
    return { choice, loadMs: 0, create: (ids, data) => new InMemoryFaceRecognizer(ids, data?.facesFile), close: async () => undefined };
  }
  const started = performance.now();
  const model = await FaceModelWorker.start();
  return {
    choice,
    loadMs: Math.round(performance.now() - started),
    create: (ids, data) => new ModelFaceRecognizer(model, new LocalFaceDescriptorStore(data?.faceDescriptorFolder), ids),
    close: () => model.close(),
  };
}
