import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ContainerModule } from 'inversify';
import { DynamoDbFaceDescriptorStore } from '../../../adapters/dynamodb/dynamodb-face-descriptor-store';
import { InProcessFaceModel } from '../../../adapters/face-model/in-process-face-model';
import { ModelFaceRecognizer } from '../../../adapters/face-model/model-face-recognizer';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

/**
 * The face model as a Lambda's recognizer: inference in the function's own thread, descriptors in DynamoDB per
 * household. Reads FACE_DESCRIPTORS_TABLE; optional DYNAMODB_ENDPOINT (dynalite, in tests).
 */
export function faceModelModule(environment: Environment): ContainerModule {
  const values = readEnvironment(environment, { FACE_DESCRIPTORS_TABLE: env.tableName(), DYNAMODB_ENDPOINT: env.optionalUrl() });
  const endpoint = values.DYNAMODB_ENDPOINT;
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(endpoint ? { endpoint } : {}));
  const descriptors = new DynamoDbFaceDescriptorStore({ client, tableName: values.FACE_DESCRIPTORS_TABLE });
  const model = new InProcessFaceModel();
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.FaceRecognizer).toResolvedValue((ids) => new ModelFaceRecognizer(model, descriptors, ids), [TOKENS.IdGenerator]);
  });
}
