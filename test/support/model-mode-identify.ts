import { DynamoDbFaceDescriptorStore } from '../../adapters/dynamodb/dynamodb-face-descriptor-store';
import { DynamoDbVisitorRepository } from '../../adapters/dynamodb/dynamodb-visitor-repository';
import { FACE_DESCRIPTORS_TABLE, RINGS_TABLE, VISITORS_TABLE } from '../../adapters/dynamodb/table-definitions';
import { InProcessFaceModel } from '../../adapters/face-model/in-process-face-model';
import { ModelFaceRecognizer } from '../../adapters/face-model/model-face-recognizer';
import type { HouseholdId, VisitorId } from '../../domain/ids';
import type { LocalDynamoDb } from './dynalite';
import { realSample } from './real-face-photos';

/**
 * What the identify function reads with `FACE_RECOGNIZER=model` (its tables on dynalite, the photo bucket), with
 * one visitor, "Eileen", enrolled from `eileen-collins-1.jpg` as on-resident-message's enroll does: her descriptor
 * and her visitor row. Returns the function's variables, AWS basics aside.
 */
export async function modelModeIdentifyStorage(
  dynamo: LocalDynamoDb,
  photos: { readonly bucket: string; readonly endpoint: string },
  household: HouseholdId,
  eileen: VisitorId,
): Promise<Record<string, string>> {
  const variables = {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    RINGS_TABLE: await dynamo.createTable(RINGS_TABLE),
    VISITORS_TABLE: await dynamo.createTable(VISITORS_TABLE),
    FACE_DESCRIPTORS_TABLE: await dynamo.createTable(FACE_DESCRIPTORS_TABLE),
    PHOTOS_BUCKET: photos.bucket,
    S3_ENDPOINT: photos.endpoint,
    REKOGNITION_COLLECTION_PREFIX: 'doorbell-test-',
    FACE_RECOGNIZER: 'model',
  };
  const descriptors = new DynamoDbFaceDescriptorStore({ client: dynamo.documentClient, tableName: variables.FACE_DESCRIPTORS_TABLE });
  const enrolment = new ModelFaceRecognizer(new InProcessFaceModel(), descriptors, { next: () => 'face-eileen-1' });
  const [indexed] = await enrolment.enroll(household, eileen, [realSample('eileen-collins-1.jpg')]);
  if (indexed?.kind !== 'indexed') throw new Error(`enrolment found no face: ${JSON.stringify(indexed)}`);
  await new DynamoDbVisitorRepository({ client: dynamo.documentClient, tableName: variables.VISITORS_TABLE }).save({
    id: eileen,
    householdId: household,
    name: 'Eileen',
    trusted: false,
    faceIds: indexed.faceIds,
    enrolledAt: Date.now(),
  });
  return variables;
}
