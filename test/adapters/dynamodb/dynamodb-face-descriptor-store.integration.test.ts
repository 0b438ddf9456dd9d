import { afterAll, beforeAll, vi } from 'vitest';
import { DynamoDbFaceDescriptorStore } from '../../../adapters/dynamodb/dynamodb-face-descriptor-store';
import type { DynamoDbTableOptions } from '../../../adapters/dynamodb/dynamodb-table-options';
import { FACE_DESCRIPTORS_TABLE } from '../../../adapters/dynamodb/table-definitions';
import { ModelFaceRecognizer } from '../../../adapters/face-model/model-face-recognizer';
import { SequentialIdGenerator } from '../../../adapters/in-memory/sequential-id-generator';
import { faceDescriptorStoreContract } from '../../contracts/face-descriptor-store.contract';
import { faceRecognizerContract } from '../../contracts/face-recognizer.contract';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';
import { realFacePhotos } from '../../support/real-face-photos';
import { sharedFaceModel } from '../../support/shared-face-model';

// The recognizer contract runs the real model: loading it and each analysis take a while on a busy machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let dynamo: LocalDynamoDb;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.close();
});

const options = async (pageSize?: number): Promise<DynamoDbTableOptions> => ({
  client: dynamo.documentClient,
  tableName: await dynamo.createTable(FACE_DESCRIPTORS_TABLE),
  pageSize,
});

// Pages of 7: listing a household with 30 faces spans several pages.
faceDescriptorStoreContract('DynamoDB (dynalite)', async () => new DynamoDbFaceDescriptorStore(await options()));
faceDescriptorStoreContract('DynamoDB (dynalite), pages of 7', async () => new DynamoDbFaceDescriptorStore(await options(7)));

faceRecognizerContract('face model, descriptors in DynamoDB (dynalite)', async () => ({
  recognizer: new ModelFaceRecognizer(
    await sharedFaceModel(),
    new DynamoDbFaceDescriptorStore(await options()),
    new SequentialIdGenerator('face'),
  ),
  photos: realFacePhotos,
}));
