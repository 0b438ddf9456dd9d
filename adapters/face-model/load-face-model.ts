import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Tf from '@tensorflow/tfjs-core';
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { MAX_FACES_PER_PHOTO } from '../../domain/face';
import type { RgbImage } from './decode-photo';
import { registerChainedOps } from './register-chained-ops';

// Pure: a bundle that never loads the model (a Lambda built for Rekognition) drops this module altogether.
const require = /* @__PURE__ */ createRequire(import.meta.url);

/** One face the model found: where it is and its 128-number descriptor. */
export interface FoundFace {
  /** Pixels of the face's box: faces are ordered by it, largest first. */
  readonly area: number;
  /** The box's width in the analysed image (photos larger than ANALYSED_SIDE are scaled down first). */
  readonly width: number;
  readonly descriptor: Float32Array;
}

/** The detector's minimum confidence: face-api's default, which keeps faces 100 px wide in 640 × 480. */
const MIN_CONFIDENCE = 0.5;

/**
 * The pre-trained face-api models, run by TensorFlow.js on its WebAssembly backend (no native binary, nothing
 * downloaded): SSD MobileNet v1 finds faces, the 68-landmark net aligns each, the recognition net (a ResNet-34
 * after dlib's) turns it into a 128-number descriptor. Weights and wasm files come from node_modules.
 * Runs inside the recognizer's worker thread: inference blocks the thread it runs on.
 */
export async function loadFaceModel(): Promise<{ findFaces(image: RgbImage): Promise<FoundFace[]> }> {
  const tf = require('@tensorflow/tfjs-core') as typeof Tf;
  registerChainedOps(tf);
  resolveTfjsToCore();
  // The node-wasm entry: the main entry wants @tensorflow/tfjs-node, whose install downloads a native binary.
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof FaceApi & {
    tf: { setWasmPaths(prefix: string): void };
  };
  faceapi.tf.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  await tf.setBackend('wasm');
  await tf.ready();
  const models = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(models);
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_CONFIDENCE, maxResults: MAX_FACES_PER_PHOTO });

  return {
    async findFaces(image) {
      const input = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
      try {
        const faces = await faceapi
          .detectAllFaces(input as never, options)
          .withFaceLandmarks()
          .withFaceDescriptors();
        return faces
          .map((face) => ({ area: face.detection.box.area, width: face.detection.box.width, descriptor: face.descriptor }))
          .sort((a, b) => b.area - a.area);
      } finally {
        input.dispose();
      }
    },
  };
}

/**
 * face-api's node-wasm entry requires the whole `@tensorflow/tfjs` (≈ 240 MB with webgl, layers, converter, data),
 * of which it uses only the core ops: it is handed `@tensorflow/tfjs-core` instead, with the chained methods
 * registered by `registerChainedOps`.
 */
function resolveTfjsToCore(): void {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request, ...rest) {
    return resolve.call(this, request === '@tensorflow/tfjs' ? '@tensorflow/tfjs-core' : request, ...rest);
  };
}
