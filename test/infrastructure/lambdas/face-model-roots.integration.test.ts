import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRingRepository } from '../../../adapters/dynamodb/dynamodb-ring-repository';
import { householdId, ringId, visitorId } from '../../../domain/ids';
import { PHOTO_KEY_PREFIX } from '../../../domain/photo-key';
import { objectCreatedEvent } from '../../../infrastructure/local/object-created-event';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';
import { startFakeS3 } from '../../support/fake-s3';
import { modelModeIdentifyStorage } from '../../support/model-mode-identify';
import { realSample } from '../../support/real-face-photos';
import { lambdaContext } from './lambda-context';
import { coldStart, LOOPBACK_BASICS, useEnvironment } from './lambda-environment';

/**
 * The identify root as deployed with `-c doorbell:recognizer=model` (FACE_RECOGNIZER=model): the face model in the
 * function's own thread, descriptors in DynamoDB (dynalite), the photo in the loopback S3. A visitor enrolled from
 * one real photo is recognised on another photo of her; someone else stays unknown. No Rekognition endpoint at all.
 */
const HOME = householdId('home-face-model');
const BUCKET = 'doorbell-photos';
const EILEEN = visitorId('visitor-eileen');

let dynamo: LocalDynamoDb;
let s3: Awaited<ReturnType<typeof startFakeS3>>;
let variables: Record<string, string>;
let environment: { restore(): void };

beforeAll(async () => {
  [dynamo, s3] = await Promise.all([startDynalite(), startFakeS3({ listablePrefixes: [PHOTO_KEY_PREFIX] })]);
  variables = {
    ...LOOPBACK_BASICS,
    ...(await modelModeIdentifyStorage(dynamo, { bucket: BUCKET, endpoint: s3.endpoint }, HOME, EILEEN)),
  };
  environment = useEnvironment(variables);
}, 120_000);
afterAll(async () => {
  environment?.restore();
  await Promise.all([dynamo?.close(), s3?.close()]);
});

async function ring(name: string, photo: string) {
  const key = `${PHOTO_KEY_PREFIX}${HOME}/camera-front/${Date.now()}-ring-${name}.jpg`;
  const body = Buffer.from(realSample(photo));
  s3.objects.set(`${BUCKET}/${key}`, { body, contentType: 'image/jpeg' });
  const identify = await coldStart('identify');
  return identify.handler(
    objectCreatedEvent({ bucket: BUCKET, key, size: body.byteLength, at: new Date(), eventId: name }),
    lambdaContext('doorbell-identify'),
  );
}

const rings = () => new DynamoDbRingRepository({ client: dynamo.documentClient, tableName: variables['RINGS_TABLE']! });

describe('the identify root with FACE_RECOGNIZER=model', () => {
  it('recognises an enrolled visitor on another real photo of her, from descriptors in DynamoDB', async () => {
    const result = await ring('eileen', 'eileen-collins-2.jpg');

    expect(result).toMatchObject({ kind: 'recorded', ringId: 'ring-eileen', outcome: 'known' });
    const recorded = await rings().get(HOME, ringId('ring-eileen'), Date.now());
    expect(recorded?.identification).toMatchObject({ kind: 'known', visitors: [{ visitorId: EILEEN, name: 'Eileen' }], unknownFaces: 0 });
  }, 120_000);

  it('leaves a different person unknown', async () => {
    expect(await ring('grace', 'grace-hopper.jpg')).toMatchObject({ kind: 'recorded', ringId: 'ring-grace', outcome: 'unknown' });
  }, 120_000);

  it('fails at cold start without FACE_DESCRIPTORS_TABLE, naming it', async () => {
    const { FACE_DESCRIPTORS_TABLE: _, ...rest } = variables;
    const without = useEnvironment(rest);
    try {
      await expect(coldStart('identify')).rejects.toMatchObject({
        name: 'ConfigError',
        message: expect.stringContaining('FACE_DESCRIPTORS_TABLE'),
      });
    } finally {
      without.restore();
    }
  });

  it('refuses an unknown recognizer by name', async () => {
    const typo = useEnvironment({ ...variables, FACE_RECOGNIZER: 'modle' });
    try {
      await expect(coldStart('identify')).rejects.toMatchObject({
        name: 'ConfigError',
        message: expect.stringContaining('FACE_RECOGNIZER'),
      });
    } finally {
      typo.restore();
    }
  });
});
