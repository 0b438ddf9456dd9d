import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateCollectionCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICES_TABLE, VISITORS_TABLE } from '../../../adapters/dynamodb/table-definitions';
import { DynamoDbDeviceRepository } from '../../../adapters/dynamodb/dynamodb-device-repository';
import { DynamoDbVisitorRepository } from '../../../adapters/dynamodb/dynamodb-visitor-repository';
import { HmacTokenSigner } from '../../../adapters/crypto/hmac-token-signer';
import { deviceId, householdId } from '../../../domain/ids';
import { environmentFromOutputs, readStackOutputs } from '../../../infrastructure/cdk/stack-outputs';
import { OUTPUTS } from '../../../infrastructure/cdk/outputs';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';
import { colourPhoto } from '../../support/fake-rekognition/colour-photos';
import { startFakeRekognition } from '../../support/fake-rekognition/fake-rekognition-server';
import { startFakeSecretsManager } from '../lambdas/fake-secrets-manager';
import { PROJECT_ROOT } from '../cdk/doorbell-stacks';

const run = promisify(execFile);
const KEY = 'k'.repeat(64);

/**
 * `doorbell … --stack` against a "deployment" made of local protocol peers (dynalite, loopback Secrets Manager and
 * Rekognition), through the real SDK: what `cdk deploy --outputs-file` writes is all it needs.
 */
let dynamo: LocalDynamoDb;
let secrets: Awaited<ReturnType<typeof startFakeSecretsManager>>;
let rekognition: Awaited<ReturnType<typeof startFakeRekognition>>;
let outputsFile: string;
let tables: { devices: string; visitors: string };

beforeAll(async () => {
  dynamo = await startDynalite();
  secrets = await startFakeSecretsManager();
  rekognition = await startFakeRekognition();
  tables = { devices: await dynamo.createTable(DEVICES_TABLE), visitors: await dynamo.createTable(VISITORS_TABLE) };
  const outputs: Record<string, string> = Object.fromEntries(Object.values(OUTPUTS).map((name) => [name, `unused-${name}`]));
  Object.assign(outputs, {
    [OUTPUTS.devicesTableName]: tables.devices,
    [OUTPUTS.visitorsTableName]: tables.visitors,
    [OUTPUTS.deviceTokenSecretArn]: secrets.put('doorbell-device-token', { SecretString: KEY }),
    [OUTPUTS.rekognitionCollectionPrefix]: 'Doorbell_',
    [OUTPUTS.webSocketUrl]: 'wss://abc123.execute-api.eu-west-1.amazonaws.com/prod',
    [OUTPUTS.region]: 'eu-west-1',
  });
  outputsFile = path.join(mkdtempSync(path.join(tmpdir(), 'doorbell-outputs-')), 'outputs.json');
  writeFileSync(outputsFile, JSON.stringify({ DoorbellStateful: {}, Doorbell: outputs }));
});

afterAll(async () => {
  await Promise.all([dynamo.close(), secrets.close(), rekognition.close()]);
});

function admin(...args: string[]) {
  return run(process.execPath, ['bin/doorbell.js', ...args, '--stack', 'Doorbell', '--outputs', outputsFile, '--household', 'home-1'], {
    cwd: PROJECT_ROOT,
    env: adminEnvironment(),
  });
}

function adminEnvironment() {
  return {
    PATH: process.env['PATH'] ?? '',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SECRETS_MANAGER_ENDPOINT: secrets.endpoint,
    REKOGNITION_ENDPOINT: rekognition.endpoint,
  };
}

describe('doorbell --stack: administering a deployment', () => {
  it("issues a device token signed with the deployment's key, and registers the device", async () => {
    const { stdout } = await admin('token', '--device', "Sam's phone", '--role', 'resident');

    const token = stdout.trim().split('\n').at(-1)!;
    const claims = await new HmacTokenSigner(KEY).verify(token);
    expect(claims).toMatchObject({ householdId: 'home-1', role: 'resident' });
    const devices = new DynamoDbDeviceRepository({ client: dynamo.documentClient, tableName: tables.devices });
    expect(await devices.get(householdId('home-1'), deviceId(claims!.deviceId))).toMatchObject({ name: "Sam's phone", role: 'resident' });
  });

  it("enrolls a visitor from photos into the household's collection", async () => {
    const photo = path.join(mkdtempSync(path.join(tmpdir(), 'doorbell-photo-')), 'alice.png');
    writeFileSync(photo, await colourPhoto({ faces: [{ colour: 'red', left: 60, top: 50, width: 100 }] }));

    const { stdout } = await admin('enroll', 'Alice', photo, '--trusted');

    expect(stdout).toContain('Alice enrolled: 1 face(s), trusted.');
    expect((await admin('visitors', '--json')).stdout).toContain('"name":"Alice"');
    expect(rekognition.collectionIds()).toEqual(['Doorbell_home-1']);
    const visitors = new DynamoDbVisitorRepository({ client: dynamo.documentClient, tableName: tables.visitors });
    expect(await visitors.findByName(householdId('home-1'), 'Alice')).toMatchObject({ name: 'Alice', trusted: true });
  });

  it("teardown lists the deployment's face collections, and with --yes deletes them and no other deployment's", async () => {
    // Prepare: this deployment's collections (households home-1, home-2) and another deployment's.
    const photo = path.join(mkdtempSync(path.join(tmpdir(), 'doorbell-photo-')), 'bob.png');
    writeFileSync(photo, await colourPhoto({ faces: [{ colour: 'blue', left: 60, top: 50, width: 100 }] }));
    await admin('enroll', 'Bob', photo);
    await run(
      process.execPath,
      ['bin/doorbell.js', 'enroll', 'Bob', photo, '--stack', 'Doorbell', '--outputs', outputsFile, '--household', 'home-2'],
      {
        cwd: PROJECT_ROOT,
        env: adminEnvironment(),
      },
    );
    const other = new RekognitionClient({
      endpoint: rekognition.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await other.send(new CreateCollectionCommand({ CollectionId: 'DoorbellTest_home-1' }));
    const ours = ['Doorbell_home-1', 'Doorbell_home-2'];

    // Act & Assess: listed, nothing deleted; then deleted, the other deployment's kept; again: nothing left, no error.
    const listed = JSON.parse((await admin('teardown', '--json')).stdout) as { deleted: boolean; collections: string[] };
    expect(listed).toEqual({ deleted: false, collections: ours });
    expect(rekognition.collectionIds().sort()).toEqual([...ours, 'DoorbellTest_home-1'].sort());

    expect((await admin('teardown', '--yes')).stdout).toContain('Deleted 2 face collection(s): Doorbell_home-1, Doorbell_home-2.');
    expect(rekognition.collectionIds()).toEqual(['DoorbellTest_home-1']);
    expect((await admin('teardown', '--yes', '--json')).stdout).toContain('"collections":[]');
  }, 60_000); // five runs of the CLI

  it('teardown refuses to run without --stack', async () => {
    const refused = await run(process.execPath, ['bin/doorbell.js', 'teardown', '--yes'], {
      cwd: PROJECT_ROOT,
      env: adminEnvironment(),
    }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: expect.any(Number), stderr: expect.stringContaining('teardown is for a deployed stack') });
  });

  it('refuses an outputs file without the stack, or an older deployment lacking outputs', () => {
    expect(() => readStackOutputs(outputsFile, 'Elsewhere')).toThrow('has no stack "Elsewhere" (it has: DoorbellStateful, Doorbell)');
    const old = path.join(mkdtempSync(path.join(tmpdir(), 'doorbell-outputs-')), 'outputs.json');
    writeFileSync(old, JSON.stringify({ Doorbell: { WebSocketURL: 'wss://x/prod' } }));
    expect(() => readStackOutputs(old, 'Doorbell')).toThrow(/lacks the outputs ConnectionsApiEndpoint, /);
  });

  it('maps the outputs to the variables the composition modules read', () => {
    const env = environmentFromOutputs(readStackOutputs(outputsFile, 'Doorbell'));
    expect(env).toMatchObject({
      AWS_REGION: 'eu-west-1',
      DEVICES_TABLE: tables.devices,
      VISITORS_TABLE: tables.visitors,
      REKOGNITION_COLLECTION_PREFIX: 'Doorbell_',
    });
  });
});
