import type { ContainerModule } from 'inversify';
import * as v from 'valibot';
import { ConfigError, readEnvironment, type Environment } from '../config';
import { faceModelModule } from './face-model.module';
import { rekognitionModule } from './rekognition.module';

export const FACE_RECOGNIZERS = ['rekognition', 'model'] as const;
export type FaceRecognizerChoice = (typeof FACE_RECOGNIZERS)[number];

/**
 * The recognizer FACE_RECOGNIZER names: `rekognition` (default; rekognition.module.ts) or `model` (the face model,
 * face-model.module.ts). A Lambda bundle is built for one of them: esbuild replaces `process.env.FACE_RECOGNIZER`
 * by the stack's choice (lambdaEsbuildOptions), so the branch not taken, and the other recognizer's code, is left
 * out of the bundle. A variable that disagrees with the bundle is a configuration error, not a silent fallback.
 */
export function faceRecognizerModule(environment: Environment): ContainerModule {
  const { FACE_RECOGNIZER } = readEnvironment(environment, { FACE_RECOGNIZER: v.optional(v.picklist(FACE_RECOGNIZERS), 'rekognition') });
  const built = process.env.FACE_RECOGNIZER || 'rekognition';
  if (FACE_RECOGNIZER !== built) {
    throw new ConfigError([`FACE_RECOGNIZER: this function was bundled for "${built}" (got ${JSON.stringify(FACE_RECOGNIZER)})`]);
  }
  return process.env.FACE_RECOGNIZER === 'model' ? faceModelModule(environment) : rekognitionModule(environment);
}
