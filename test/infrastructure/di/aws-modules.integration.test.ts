import { Container, ContainerModule } from 'inversify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryDeviceNotifier } from '../../../adapters/in-memory/in-memory-device-notifier';
import { InMemoryFaceRecognizer } from '../../../adapters/in-memory/in-memory-face-recognizer';
import { InMemoryPhotoStore } from '../../../adapters/in-memory/in-memory-photo-store';
import { ManualClock } from '../../../adapters/in-memory/manual-clock';
import { SequentialIdGenerator } from '../../../adapters/in-memory/sequential-id-generator';
import {
  CONNECTIONS_TABLE,
  DEVICES_TABLE,
  RING_WINDOWS_TABLE,
  RINGS_TABLE,
  VISITORS_TABLE,
} from '../../../adapters/dynamodb/table-definitions';
import { connectionId, householdId } from '../../../domain/ids';
import {
  connectionsTable,
  devicesTable,
  dynamoDbModule,
  ringsTable,
  ringWindowsTable,
  visitorsTable,
} from '../../../infrastructure/di/aws/dynamodb.module';
import { photosModule } from '../../../infrastructure/di/aws/photos.module';
import { pushModule } from '../../../infrastructure/di/aws/push.module';
import { rekognitionModule } from '../../../infrastructure/di/aws/rekognition.module';
import { ConfigError } from '../../../infrastructure/di/config';
import { settingsModule } from '../../../infrastructure/di/settings.module';
import { systemModule } from '../../../infrastructure/di/system.module';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { useCasesModule } from '../../../infrastructure/di/use-cases.module';
import { T0 } from '../../support/builders';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';
import { sample } from '../../support/sample-photos';

let dynamo: LocalDynamoDb;
let environment: Record<string, string>;

beforeAll(async () => {
  dynamo = await startDynalite();
  // What a Lambda gets from its environment; the SDK reads region and credentials from here too.
  Object.assign(process.env, { AWS_REGION: 'local', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  environment = {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    CONNECTIONS_TABLE: await dynamo.createTable(CONNECTIONS_TABLE),
    RINGS_TABLE: await dynamo.createTable(RINGS_TABLE),
    RING_WINDOWS_TABLE: await dynamo.createTable(RING_WINDOWS_TABLE),
    VISITORS_TABLE: await dynamo.createTable(VISITORS_TABLE),
    DEVICES_TABLE: await dynamo.createTable(DEVICES_TABLE),
  };
});
afterAll(() => dynamo.close());

describe('the AWS composition modules', () => {
  it('run the whole ring flow on the DynamoDB repositories wired from the environment', async () => {
    // Prepare: storage from the environment, the rest (recognizer, photos, push) in memory.
    const clock = new ManualClock(T0);
    const ids = new SequentialIdGenerator('dyn');
    const notifier = new InMemoryDeviceNotifier();
    const photos = new InMemoryPhotoStore(clock);
    const container = new Container({ defaultScope: 'Singleton' });
    container.load(
      settingsModule(),
      systemModule({ clock, ids }),
      useCasesModule,
      dynamoDbModule(environment, [connectionsTable, ringsTable, ringWindowsTable, visitorsTable, devicesTable]),
      new ContainerModule(({ bind }) => {
        bind(TOKENS.FaceRecognizer).toConstantValue(new InMemoryFaceRecognizer(ids));
        bind(TOKENS.PhotoStore).toConstantValue(photos);
        bind(TOKENS.DeviceNotifier).toConstantValue(notifier);
      }),
    );
    const home = householdId('home-dyn');
    const register = container.get(TOKENS.RegisterDevice);
    const doorbell = await register.execute({ householdId: home, role: 'doorbell', name: 'front door' });
    const phone = await register.execute({ householdId: home, role: 'resident', name: 'Phone' });
    if (doorbell.kind !== 'registered' || phone.kind !== 'registered') throw new Error('registration failed');
    await container.get(TOKENS.Enroll).execute({ householdId: home, name: 'Alice', photos: [sample('alice-1.jpg')] });
    const phoneConnection = connectionId('L0SM9cOFvHcCIhw=');
    notifier.connect(phoneConnection);
    await container.get(TOKENS.Connect).execute({
      id: phoneConnection,
      householdId: home,
      deviceId: phone.device.id,
      role: 'resident',
      connectedAt: clock.now(),
    });

    // Act: the doorbell is pressed, uploads, and the workflow's two steps run.
    const photo = sample('alice-2.jpg');
    const grant = await container.get(TOKENS.RequestUpload).execute({
      householdId: home,
      deviceId: doorbell.device.id,
      role: 'doorbell',
      contentLength: photo.byteLength,
    });
    if (grant.kind !== 'granted') throw new Error(grant.reason);
    photos.acceptUpload(grant.upload.url, photo);
    const intake = await container.get(TOKENS.Identify).execute({ photoKey: grant.photoKey });
    const announced = await container.get(TOKENS.Announce).execute({ householdId: home, ringId: grant.ringId, claimant: 'run-1' });

    // Assess
    expect(intake).toMatchObject({ kind: 'recorded', fresh: true, ring: { identification: { kind: 'known' } } });
    expect(announced).toEqual({ kind: 'announced', delivered: [phoneConnection], pruned: [], failed: [] });
    expect(notifier.received(phoneConnection)).toEqual([expect.objectContaining({ text: 'Alice is at the front door' })]);
    const history = await container.get(TOKENS.RingHistory).execute({ householdId: home });
    expect(history.rings.map((ring) => ring.ringId)).toEqual([grant.ringId]);
  });

  it('name every missing or malformed variable before anything runs', () => {
    expect(() => dynamoDbModule({}, [connectionsTable, devicesTable])).toThrow(ConfigError);
    expect(() => dynamoDbModule({}, [connectionsTable, devicesTable])).toThrow(
      /CONNECTIONS_TABLE: is required[\s\S]*DEVICES_TABLE: is required/,
    );
    expect(() => dynamoDbModule({ CONNECTIONS_TABLE: 'ok-table', DYNAMODB_ENDPOINT: 'not a url' }, [connectionsTable])).toThrow(
      /DYNAMODB_ENDPOINT/,
    );
    expect(() => photosModule({ PHOTOS_BUCKET: 'Not_A_Bucket' })).toThrow(/PHOTOS_BUCKET: must be an S3 bucket name/);
    expect(() => pushModule({})).toThrow(/CONNECTIONS_API_ENDPOINT: is required but not set/);
    expect(() => rekognitionModule({ REKOGNITION_COLLECTION_PREFIX: 'bad:prefix', REKOGNITION_CANDIDATE_FLOOR: '101' })).toThrow(
      /REKOGNITION_COLLECTION_PREFIX[\s\S]*REKOGNITION_CANDIDATE_FLOOR/,
    );
  });

  it('read only the variables of the tables asked for', () => {
    expect(() => dynamoDbModule({ CONNECTIONS_TABLE: 'doorbell-connections' }, [connectionsTable])).not.toThrow();
  });
});
