import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbDeviceRepository } from '../../../adapters/dynamodb/dynamodb-device-repository';
import { DynamoDbRingRepository } from '../../../adapters/dynamodb/dynamodb-ring-repository';
import {
  ANSWERS_TABLE,
  CONNECTIONS_TABLE,
  DEVICES_TABLE,
  FACE_DESCRIPTORS_TABLE,
  RINGS_TABLE,
  VISITORS_TABLE,
  WEBHOOKS_TABLE,
} from '../../../adapters/dynamodb/table-definitions';
import { deviceId, householdId, ringId } from '../../../domain/ids';
import { PHOTO_KEY_PREFIX } from '../../../domain/photo-key';
import { objectCreatedEvent } from '../../../infrastructure/local/object-created-event';
import { sent } from '../../adapters/lambda/websocket-fixtures';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';
import { FakeManagementApi } from '../../support/fake-management-api';
import { FAKE_S3_CREDENTIALS, FAKE_S3_REGION, startFakeS3 } from '../../support/fake-s3';
import { realSample } from '../../support/real-face-photos';
import { lambdaContext } from './lambda-context';
import { coldStart, LAMBDA_BASICS, useEnvironment } from './lambda-environment';

/**
 * Enrol and forget through the on-resident-message root with FACE_RECOGNIZER=model: a resident's `enroll` frame with
 * a real photo stores her descriptors in DynamoDB (dynalite), the identify root then names her on another photo, and
 * `forget` deletes her descriptors (biometric data goes with the visitor).
 */
const HOME = householdId('home-face-model-enrolment');
const BUCKET = 'doorbell-photos';
const PHONE = { householdId: HOME, deviceId: 'phone-enrolment', role: 'resident' } as const;

let dynamo: LocalDynamoDb;
let s3: Awaited<ReturnType<typeof startFakeS3>>;
let api: FakeManagementApi;
let variables: Record<string, string>;
let environment: { restore(): void };

beforeAll(async () => {
  [dynamo, s3, api] = await Promise.all([
    startDynalite(),
    startFakeS3({ listablePrefixes: [PHOTO_KEY_PREFIX] }),
    FakeManagementApi.start(),
  ]);
  const { AWS_SESSION_TOKEN: _, ...basics } = LAMBDA_BASICS;
  variables = {
    ...basics,
    AWS_REGION: FAKE_S3_REGION,
    AWS_ACCESS_KEY_ID: FAKE_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_S3_CREDENTIALS.secretAccessKey,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    DEVICES_TABLE: await dynamo.createTable(DEVICES_TABLE),
    RINGS_TABLE: await dynamo.createTable(RINGS_TABLE),
    CONNECTIONS_TABLE: await dynamo.createTable(CONNECTIONS_TABLE),
    ANSWERS_TABLE: await dynamo.createTable(ANSWERS_TABLE),
    VISITORS_TABLE: await dynamo.createTable(VISITORS_TABLE),
    WEBHOOKS_TABLE: await dynamo.createTable(WEBHOOKS_TABLE),
    FACE_DESCRIPTORS_TABLE: await dynamo.createTable(FACE_DESCRIPTORS_TABLE),
    PHOTOS_BUCKET: BUCKET,
    S3_ENDPOINT: s3.endpoint,
    CONNECTIONS_API_ENDPOINT: `${api.endpoint}/prod`,
    REKOGNITION_COLLECTION_PREFIX: 'doorbell-test-',
    FACE_RECOGNIZER: 'model',
  };
  environment = useEnvironment(variables);
  await new DynamoDbDeviceRepository({ client: dynamo.documentClient, tableName: variables['DEVICES_TABLE']! }).save({
    id: deviceId(PHONE.deviceId),
    householdId: HOME,
    role: 'resident',
    name: 'Phone',
    registeredAt: Date.now(),
  });
});
afterAll(async () => {
  environment?.restore();
  await Promise.all([dynamo?.close(), s3?.close(), api?.close()]);
});

async function fromPhone(message: unknown): Promise<unknown> {
  const connection = api.connect();
  const residentMessages = await coldStart('on-resident-message');
  await residentMessages.handler(sent(connection, PHONE, message), lambdaContext('doorbell-on-resident-message'));
  return api.received(connection).at(-1);
}

async function ring(name: string, photo: string) {
  const key = `${PHOTO_KEY_PREFIX}${HOME}/camera-front/${Date.now()}-ring-${name}.jpg`;
  const body = Buffer.from(realSample(photo));
  s3.objects.set(`${BUCKET}/${key}`, { body, contentType: 'image/jpeg' });
  const identify = await coldStart('identify');
  await identify.handler(
    objectCreatedEvent({ bucket: BUCKET, key, size: body.byteLength, at: new Date(), eventId: name }),
    lambdaContext('doorbell-identify'),
  );
  const rings = new DynamoDbRingRepository({ client: dynamo.documentClient, tableName: variables['RINGS_TABLE']! });
  return (await rings.get(HOME, ringId(`ring-${name}`), Date.now()))?.identification;
}

async function storedDescriptors() {
  const { Items } = await dynamo.documentClient.send(
    new QueryCommand({
      TableName: variables['FACE_DESCRIPTORS_TABLE']!,
      KeyConditionExpression: 'householdId = :home',
      ExpressionAttributeValues: { ':home': HOME },
    }),
  );
  return Items ?? [];
}

describe('the on-resident-message root with FACE_RECOGNIZER=model', () => {
  it('enrols a visitor from a real photo, identify names her, and forget deletes her descriptors', async () => {
    const photo = Buffer.from(realSample('eileen-collins-1.jpg')).toString('base64');

    expect(await fromPhone({ action: 'enroll', name: 'Eileen', photos: [photo] })).toMatchObject({
      type: 'visitors',
      change: { kind: 'enrolled', name: 'Eileen', created: true, photos: ['indexed'] },
    });
    expect(await storedDescriptors()).toHaveLength(1);
    expect(await ring('after-enrol', 'eileen-collins-2.jpg')).toMatchObject({ kind: 'known', visitors: [{ name: 'Eileen' }] });

    expect(await fromPhone({ action: 'forget', name: 'Eileen' })).toMatchObject({
      type: 'visitors',
      visitors: [],
      change: { kind: 'forgotten', name: 'Eileen' },
    });
    expect(await storedDescriptors()).toEqual([]);
    expect(await ring('after-forget', 'eileen-collins-2.jpg')).toMatchObject({ kind: 'unknown' });
  }, 180_000);
});
