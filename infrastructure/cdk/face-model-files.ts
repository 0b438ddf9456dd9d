import path from 'node:path';
import { PROJECT_ROOT } from './native-modules';

/**
 * What a Lambda running the face model needs beside its bundle, from the project's node_modules: the model loader
 * (adapters/face-model/load-face-model.ts) requires these packages at run time, by their resolved paths (the wasm
 * files and the weights are read from disk), so esbuild leaves them out and bundling copies them. Only the files
 * the Node entries use: each package's manifest, its Node bundle, the wasm binaries, and the weights of the three
 * nets the loader loads (the other nets face-api ships are never loaded). Their own dependencies are all bundled
 * inside these files (tfjs-core requires node-fetch only to fetch over HTTP, which loading from disk never does).
 */
export const FACE_MODEL_FILES: readonly string[] = [
  '@tensorflow/tfjs-core/package.json',
  '@tensorflow/tfjs-core/dist/tf-core.node.js',
  '@tensorflow/tfjs-backend-wasm/package.json',
  '@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.node.js',
  '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm',
  '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
  '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm',
  '@vladmandic/face-api/package.json',
  '@vladmandic/face-api/dist/face-api.node-wasm.js',
  ...['ssd_mobilenetv1', 'face_landmark_68', 'face_recognition'].flatMap((net) => [
    `@vladmandic/face-api/model/${net}_model-weights_manifest.json`,
    `@vladmandic/face-api/model/${net}_model.bin`,
  ]),
];

export const COPY_FILES_SCRIPT = path.join(PROJECT_ROOT, 'infrastructure', 'cdk', 'copy-files.mjs');

/**
 * The command (run after esbuild) that copies FACE_MODEL_FILES into node_modules beside the bundle; quoted as
 * copyNativeModulesCommands quotes (no `"`, `$` or backquote in a path).
 */
export function copyFaceModelCommands(outputDir: string, node: string = process.execPath): string[] {
  const args = [
    node,
    COPY_FILES_SCRIPT,
    path.join(PROJECT_ROOT, 'node_modules'),
    path.join(outputDir, 'node_modules'),
    ...FACE_MODEL_FILES,
  ];
  const unsafe = args.find((arg) => /["$`]/.test(arg));
  if (unsafe) throw new Error(`cannot copy the face model with a path holding ", $ or a backquote: ${unsafe}`);
  return [args.map((arg) => `"${arg}"`).join(' ')];
}
