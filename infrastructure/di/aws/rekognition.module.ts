import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { ContainerModule } from 'inversify';
import * as v from 'valibot';
import { RekognitionFaceRecognizer } from '../../../adapters/rekognition/rekognition-face-recognizer';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

/**
 * The Rekognition recognizer. Optional: `REKOGNITION_COLLECTION_PREFIX` (default `doorbell-`),
 * `REKOGNITION_CANDIDATE_FLOOR` (default 70), `REKOGNITION_ENDPOINT` (another endpoint, for tests).
 */
export function rekognitionModule(environment: Environment): ContainerModule {
  const values = readEnvironment(environment, {
    REKOGNITION_COLLECTION_PREFIX: v.optional(
      v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_.-]{0,189}$/, 'must be up to 189 of [a-zA-Z0-9_.-]')),
    ),
    REKOGNITION_CANDIDATE_FLOOR: env.optionalNumber(70, v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
    REKOGNITION_ENDPOINT: env.optionalUrl(),
  });
  // The client is built when the recognizer is first asked for: a cold start whose request needs no face builds none.
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.FaceRecognizer).toResolvedValue(
      () =>
        new RekognitionFaceRecognizer({
          client: new RekognitionClient(values.REKOGNITION_ENDPOINT ? { endpoint: values.REKOGNITION_ENDPOINT } : {}),
          candidateFloor: values.REKOGNITION_CANDIDATE_FLOOR,
          ...(values.REKOGNITION_COLLECTION_PREFIX === undefined ? {} : { collectionPrefix: values.REKOGNITION_COLLECTION_PREFIX }),
        }),
    );
  });
}
