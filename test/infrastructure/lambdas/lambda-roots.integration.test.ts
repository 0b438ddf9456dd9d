import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDbConnectionRepository } from '../../../adapters/dynamodb/dynamodb-connection-repository';
import { DynamoDbDeviceRepository } from '../../../adapters/dynamodb/dynamodb-device-repository';
import {
  ACCESS_CODES_TABLE,
  ANSWERS_TABLE,
  WEBHOOKS_TABLE,
  CONNECTIONS_TABLE,
  DEVICES_TABLE,
  RING_WINDOWS_TABLE,
  RINGS_TABLE,
  VISITORS_TABLE,
} from '../../../adapters/dynamodb/table-definitions';
import type { Device, DeviceRole } from '../../../domain/device';
import { connectionId, deviceId, householdId } from '../../../domain/ids';
import { DEVICE_ACTION_NAMES, mayPerform } from '../../../domain/protocol/device-actions';
import { PHOTO_KEY_PREFIX } from '../../../domain/photo-key';
import { LAMBDA_ROOT_NAMES } from '../../../infrastructure/lambdas/functions';
import { MESSAGE_ROUTES } from '../../../infrastructure/lambdas/message-routes';
import { objectCreatedEvent } from '../../../infrastructure/local/object-created-event';
import { ACTION_FRAMES } from '../../support/action-frames';
import { authorizerRequest, connectEvent, disconnectEvent, sent } from '../../adapters/lambda/websocket-fixtures';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';
import { FakeManagementApi } from '../../support/fake-management-api';
import { FakeStepFunctions } from '../../support/fake-step-functions';
import { colourPhoto } from '../../support/fake-rekognition/colour-photos';
import { startFakeRekognition } from '../../support/fake-rekognition/fake-rekognition-server';
import { startFakeS3 } from '../../support/fake-s3';
import { signDayToken } from '../../support/sign-day-token';
import { startFakeSecretsManager } from './fake-secrets-manager';
import { lambdaContext } from './lambda-context';
import { FakeSqs } from '../../support/fake-sqs';
import { startReceiver, verifyDoorbellWebhook } from '../../support/webhook-receiver';
import { DynamoDbWebhookRepository } from '../../../adapters/dynamodb/dynamodb-webhook-repository';
import type { WebhookId } from '../../../domain/webhooks/webhook';
import { coldStart, LOOPBACK_BASICS, useEnvironment, type LoadedRoot } from './lambda-environment';

/**
 * Every composition root, imported as a cold start does with its environment pointing at loopback peers (dynalite,
 * S3, Rekognition, Secrets Manager, the @connections API), driven through one doorbell press from connect to
 * disconnect with the events API Gateway and the workflow would send.
 */
const SECRET = 'a-deployment-key-of-sixty-four-alphanumeric-characters-0123456789';
const HOME = householdId('home-lambdas');
const BUCKET = 'doorbell-photos';

let dynamo: LocalDynamoDb;
let s3: Awaited<ReturnType<typeof startFakeS3>>;
let rekognition: Awaited<ReturnType<typeof startFakeRekognition>>;
let secrets: Awaited<ReturnType<typeof startFakeSecretsManager>>;
let api: FakeManagementApi;
let stepFunctions: FakeStepFunctions;
let sqs: FakeSqs;
let variables: Record<string, string>;
let environment: { restore(): void };

beforeAll(async () => {
  [dynamo, s3, rekognition, secrets, api, stepFunctions] = await Promise.all([
    startDynalite(),
    // With the stack's grant: the functions may list the bucket under rings/ only.
    startFakeS3({ listablePrefixes: [PHOTO_KEY_PREFIX] }),
    startFakeRekognition(),
    startFakeSecretsManager(),
    FakeManagementApi.start(),
    FakeStepFunctions.start(),
  ]);
  sqs = await FakeSqs.start();
  variables = {
    ...LOOPBACK_BASICS,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    CONNECTIONS_TABLE: await dynamo.createTable(CONNECTIONS_TABLE),
    RINGS_TABLE: await dynamo.createTable(RINGS_TABLE),
    RING_WINDOWS_TABLE: await dynamo.createTable(RING_WINDOWS_TABLE),
    VISITORS_TABLE: await dynamo.createTable(VISITORS_TABLE),
    DEVICES_TABLE: await dynamo.createTable(DEVICES_TABLE),
    ACCESS_CODES_TABLE: await dynamo.createTable(ACCESS_CODES_TABLE),
    ANSWERS_TABLE: await dynamo.createTable(ANSWERS_TABLE),
    STEP_FUNCTIONS_ENDPOINT: stepFunctions.endpoint,
    WEBHOOKS_TABLE: await dynamo.createTable(WEBHOOKS_TABLE),
    WEBHOOK_QUEUE_URL: `${sqs.endpoint}/000000000000/doorbell-webhooks`,
    SQS_ENDPOINT: sqs.endpoint,
    PHOTOS_BUCKET: BUCKET,
    S3_ENDPOINT: s3.endpoint,
    REKOGNITION_ENDPOINT: rekognition.endpoint,
    REKOGNITION_COLLECTION_PREFIX: 'doorbell-test-',
    CONNECTIONS_API_ENDPOINT: `${api.endpoint}/prod`,
    DEVICE_TOKEN_SECRET_ARN: secrets.put('DeviceTokenSecret', { SecretString: SECRET }),
    SECRETS_MANAGER_ENDPOINT: secrets.endpoint,
  };
  environment = useEnvironment(variables);
});
afterAll(async () => {
  environment?.restore();
  await Promise.all([
    dynamo?.close(),
    s3?.close(),
    rekognition?.close(),
    secrets?.close(),
    api?.close(),
    stepFunctions?.close(),
    sqs?.close(),
  ]);
});

async function registered(id: string, role: DeviceRole, name: string, household = HOME): Promise<{ device: Device; token: string }> {
  const now = Date.now();
  const device: Device = { id: deviceId(id), householdId: household, role, name, registeredAt: now };
  await new DynamoDbDeviceRepository({ client: dynamo.documentClient, tableName: variables['DEVICES_TABLE']! }).save(device);
  const token = await signDayToken(SECRET, { householdId: household, deviceId: device.id, role, issuedAt: now });
  return { device, token };
}

const connections = () => new DynamoDbConnectionRepository({ client: dynamo.documentClient, tableName: variables['CONNECTIONS_TABLE']! });

describe('the Lambda composition roots, end to end on loopback AWS', () => {
  it('connect, press, upload, identify, announce, wait for an answer, answer, history, disconnect', async () => {
    const authorizer = await coldStart('authorizer');
    const onConnect = await coldStart('on-connect');
    const doorbellMessages = await coldStart('on-doorbell-message');
    const residentMessages = await coldStart('on-resident-message');
    const identify = await coldStart('identify');
    const announce = await coldStart('announce');
    const answerWindow = await coldStart('answer-window');
    const onDisconnect = await coldStart('on-disconnect');
    const phone = await registered('phone-1', 'resident', 'Phone');
    const camera = await registered('camera-1', 'doorbell', 'front door');

    // $connect: the authorizer reads the key from Secrets Manager (once), allows each token, on-connect stores.
    const opened: Record<string, { connectionId: string; context: { householdId: string; deviceId: string; role: string } }> = {};
    for (const { device, token } of [phone, camera]) {
      const policy = await authorizer.handler(authorizerRequest(token), lambdaContext('doorbell-authorizer'));
      expect(policy.policyDocument.Statement[0].Effect).toBe('Allow');
      const id = api.connect();
      expect(
        await onConnect.handler(
          connectEvent({ connectionId: id, connectedAt: Date.now(), device: policy.context! }),
          lambdaContext('doorbell-on-connect'),
        ),
      ).toEqual({ statusCode: 200 });
      opened[device.id] = { connectionId: id, context: policy.context! };
    }
    expect(secrets.calls).toEqual(['GetSecretValue']);
    const phoneConnection = opened['phone-1']!;
    const cameraConnection = opened['camera-1']!;
    expect(await connections().get(connectionId(phoneConnection.connectionId), Date.now())).toMatchObject({
      householdId: HOME,
      deviceId: 'phone-1',
      role: 'resident',
    });

    // The doorbell is pressed: requestUpload → uploadUrl pushed to it, and the photo PUT to S3 through that URL.
    const photo = await colourPhoto({ faces: [{ colour: 'red', left: 100, top: 60, width: 90 }], format: 'jpeg' });
    const press = sent(cameraConnection.connectionId, cameraConnection.context, {
      action: 'requestUpload',
      contentLength: photo.byteLength,
    });
    expect(await doorbellMessages.handler(press, lambdaContext('doorbell-on-doorbell-message'))).toEqual({ statusCode: 200 });
    const [upload] = api.received(cameraConnection.connectionId) as {
      type: string;
      url: string;
      headers: Record<string, string>;
      ringId: string;
    }[];
    expect(upload).toMatchObject({ type: 'uploadUrl', method: 'PUT' });
    const put = await fetch(upload!.url, { method: 'PUT', headers: upload!.headers, body: photo });
    expect(put.status).toBe(200);
    const photoKey = [...s3.objects.keys()].find((key) => key.includes(upload!.ringId))!.slice(`${BUCKET}/`.length);

    // The ring workflow's two tasks.
    const identified = await identify.handler(
      objectCreatedEvent({ bucket: BUCKET, key: photoKey, size: photo.byteLength, at: new Date(), eventId: 'event-1' }),
      lambdaContext('doorbell-identify'),
    );
    expect(identified).toMatchObject({ kind: 'recorded', householdId: HOME, ringId: upload!.ringId, outcome: 'unknown', fresh: true });
    const announced = await announce.handler(
      { householdId: HOME, ringId: upload!.ringId, claimant: 'arn:aws:states:local:123456789012:execution:ring:event-1' },
      lambdaContext('doorbell-announce'),
    );
    expect(announced).toEqual({ kind: 'announced', delivered: 2, pruned: 0, failed: 0 });
    expect(api.received(phoneConnection.connectionId)).toEqual([
      expect.objectContaining({
        type: 'ring',
        ringId: upload!.ringId,
        outcome: 'unknown',
        text: 'An unknown visitor is at the front door',
      }),
    ]);

    // No trusted visitor, no code; then the run waits for an answer with its task token, and the phone answers.
    const ring = { householdId: HOME, ringId: upload!.ringId };
    expect(await announce.handler({ task: 'issueAccessCodes', ...ring }, lambdaContext('doorbell-announce'))).toEqual({
      kind: 'skipped',
      reason: 'no-trusted-visitor',
    });
    const wait = stepFunctions.startWaiting();
    expect(
      await answerWindow.handler({ task: 'awaitAnswer', ...ring, taskToken: wait.taskToken }, lambdaContext('doorbell-answer-window')),
    ).toEqual({ kind: 'waiting' });
    await residentMessages.handler(
      sent(phoneConnection.connectionId, phoneConnection.context, { action: 'answer', ringId: ring.ringId, reply: 'coming' }),
      lambdaContext('doorbell-on-resident-message'),
    );
    const answer = { type: 'answer', ringId: upload!.ringId, reply: 'coming', byName: 'Phone' };
    expect(api.received(phoneConnection.connectionId).at(-1)).toMatchObject(answer);
    // The doorbell shows the reply, never who answered.
    expect(api.received(cameraConnection.connectionId).at(-1)).toEqual({
      type: 'reply',
      version: 1,
      ringId: upload!.ringId,
      reply: 'coming',
      at: expect.any(String),
    });
    expect(await wait.outcome()).toEqual({
      kind: 'succeeded',
      output: { kind: 'answered', byName: 'Phone', reply: 'coming', at: expect.any(String) },
    });
    // The timeout path finds the answer and keeps it.
    expect(await answerWindow.handler({ task: 'recordUnanswered', ...ring }, lambdaContext('doorbell-answer-window'))).toMatchObject({
      kind: 'answered',
      byName: 'Phone',
    });

    // History, from the phone.
    await residentMessages.handler(
      sent(phoneConnection.connectionId, phoneConnection.context, { action: 'history', limit: 5 }),
      lambdaContext('doorbell-on-resident-message'),
    );
    expect(api.received(phoneConnection.connectionId).at(-1)).toMatchObject({
      type: 'history',
      rings: [{ ringId: upload!.ringId, snapshotUrl: expect.stringContaining(s3.endpoint) }],
    });

    // $disconnect.
    expect(
      await onDisconnect.handler(disconnectEvent({ connectionId: phoneConnection.connectionId }), lambdaContext('doorbell-on-disconnect')),
    ).toEqual({ statusCode: 200 });
    expect(await connections().get(connectionId(phoneConnection.connectionId), Date.now())).toBeUndefined();
  });

  it('identify: a photo gone from the bucket is a ring announced as unavailable, not an error (S3 answers 404 under rings/)', async () => {
    const identify = await coldStart('identify');
    const key = `${PHOTO_KEY_PREFIX}${HOME}/camera-gone/${Date.now()}-ring-gone.jpg`;

    const result = await identify.handler(
      objectCreatedEvent({ bucket: BUCKET, key, size: 1234, at: new Date(), eventId: 'gone' }),
      lambdaContext('doorbell-identify'),
    );

    expect(result).toMatchObject({ kind: 'recorded', ringId: 'ring-gone', outcome: 'unavailable' });
  });

  it("no function logs a device token, a presigned link, the answer wait's task token or an access code", async () => {
    // Prepare: every log line the roots write (Powertools' JSON on stdout and stderr), at the most verbose level.
    const verbose = useEnvironment({ ...variables, POWERTOOLS_LOG_LEVEL: 'DEBUG' });
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const secrets: string[] = [];
    try {
      const household = householdId('home-logs');
      // Every root (each cold-started in turn: a cold start resets the module registry).
      const roots: LoadedRoot[] = [];
      for (const name of LAMBDA_ROOT_NAMES) roots.push(await coldStart(name));
      const root = (name: (typeof LAMBDA_ROOT_NAMES)[number]) => roots[LAMBDA_ROOT_NAMES.indexOf(name)]!;
      const [authorizer, onConnect, residentMessages, doorbellMessages, identify, announce, answerWindow] = (
        ['authorizer', 'on-connect', 'on-resident-message', 'on-doorbell-message', 'identify', 'announce', 'answer-window'] as const
      ).map(root);
      const context = (name: string) => lambdaContext(`doorbell-${name}`);
      const connect = async (id: string, role: DeviceRole, name: string) => {
        const { token } = await registered(id, role, name, household);
        secrets.push(token);
        const policy = await authorizer!.handler(authorizerRequest(token), context('authorizer'));
        const connectionId = api.connect();
        await onConnect!.handler(connectEvent({ connectionId, connectedAt: Date.now(), device: policy.context }), context('on-connect'));
        return { connectionId, context: policy.context as { householdId: string; deviceId: string; role: string } };
      };
      const phone = await connect('phone-logs', 'resident', 'Phone');
      const camera = await connect('camera-logs', 'doorbell', 'front door');
      const face = { colour: 'red' as const, left: 100, top: 60, width: 90 };

      // Act: a trusted visitor enrolled from the phone, a press, the workflow's tasks, the code typed, an answer, history.
      const enrolment = Buffer.from(await colourPhoto({ faces: [face], format: 'jpeg' })).toString('base64');
      await residentMessages!.handler(
        sent(phone.connectionId, phone.context, { action: 'enroll', name: 'Alice', trusted: true, photos: [enrolment] }),
        context('r'),
      );
      const photo = await colourPhoto({ faces: [{ ...face, left: 120 }], format: 'jpeg' });
      await doorbellMessages!.handler(
        sent(camera.connectionId, camera.context, { action: 'requestUpload', contentLength: photo.byteLength }),
        context('d'),
      );
      const upload = api.received(camera.connectionId).at(-1) as { url: string; headers: Record<string, string>; ringId: string };
      expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: photo })).status).toBe(200);
      const photoKey = [...s3.objects.keys()].find((key) => key.includes(upload.ringId))!.slice(`${BUCKET}/`.length);
      const event = objectCreatedEvent({ bucket: BUCKET, key: photoKey, size: photo.byteLength, at: new Date(), eventId: 'event-logs' });
      expect(await identify!.handler(event, context('identify'))).toMatchObject({ outcome: 'known' });
      const ring = { householdId: household, ringId: upload.ringId };
      await announce!.handler({ ...ring, claimant: 'arn:aws:states:local:123456789012:execution:ring:event-logs' }, context('announce'));
      expect(await announce!.handler({ task: 'issueAccessCodes', ...ring }, context('announce'))).toMatchObject({ kind: 'issued' });
      const wait = stepFunctions.startWaiting();
      await answerWindow!.handler({ task: 'awaitAnswer', ...ring, taskToken: wait.taskToken }, context('answer-window'));
      const messages = api.received(phone.connectionId) as { type: string; code?: string; snapshotUrl?: string }[];
      const code = messages.find((message) => message.type === 'accessCode')!.code!;
      await doorbellMessages!.handler(sent(camera.connectionId, camera.context, { action: 'verifyCode', code }), context('d'));
      expect(api.received(camera.connectionId).at(-1)).toMatchObject({ type: 'codeResult', result: 'valid' });
      await residentMessages!.handler(
        sent(phone.connectionId, phone.context, { action: 'answer', ringId: upload.ringId, reply: 'coming' }),
        context('r'),
      );
      await residentMessages!.handler(sent(phone.connectionId, phone.context, { action: 'history' }), context('r'));
      const history = api.received(phone.connectionId).at(-1) as { rings: { snapshotUrl: string }[] };
      await root('on-message').handler(sent(camera.connectionId, camera.context, { action: 'ping' }), context('m'));
      await root('on-disconnect').handler(disconnectEvent({ connectionId: camera.connectionId }), context('on-disconnect'));
      const snapshot = messages.find((message) => message.type === 'ring')!.snapshotUrl!;
      secrets.push(upload.url, snapshot, history.rings[0]!.snapshotUrl, wait.taskToken, code);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      verbose.restore();
    }

    // Assess: the flow was logged (the check can fail), and no line holds a secret, whole or by its signature.
    const logged = lines.join('');
    const messages = ['connection allowed', 'device connected', 'upload granted', 'ring recorded', 'ring announced', 'access codes issued'];
    for (const message of [...messages, 'waiting for an answer', 'access code checked', 'ring answered', 'device disconnected']) {
      expect(logged).toContain(message);
    }
    const signatures = secrets.flatMap((secret) =>
      [...secret.matchAll(/X-Amz-(?:Signature|Credential)=([^&]+)/g)].map((match) => match[1]!),
    );
    expect(signatures.length).toBeGreaterThanOrEqual(6);
    for (const secret of [...secrets, ...signatures]) expect(logged).not.toContain(secret);
    expect(logged).not.toMatch(/X-Amz-Signature/);
  });

  it('each message function serves exactly the actions routed to it, and refuses a role the roles table does not allow', async () => {
    const names = [...new Set(Object.values(MESSAGE_ROUTES))];
    const devices = {
      resident: await registered('phone-routes', 'resident', 'Phone'),
      doorbell: await registered('camera-routes', 'doorbell', 'back door'),
    };
    for (const name of names) {
      const root = await coldStart(name);
      for (const action of DEVICE_ACTION_NAMES) {
        for (const role of ['resident', 'doorbell'] as const) {
          // Prepare: a connection of the role's device, and a valid frame of the action.
          const connection = api.connect();
          const frame = fc.sample(ACTION_FRAMES[action], { numRuns: 1, seed: 7 })[0]!;
          const context = { householdId: HOME, deviceId: devices[role].device.id, role };

          // Act
          await root.handler(sent(connection, context, frame), lambdaContext(`doorbell-${name}`));

          // Assess: one reply; forbidden by the table, else not served here, else the action's own answer.
          const replies = api.received(connection) as { type: string; code?: string }[];
          expect(replies, `${name} ${action} ${role}`).toHaveLength(1);
          const code = replies[0]!.type === 'error' ? replies[0]!.code : undefined;
          // (ping needs no use case: any of them answers it, should a route ever send it elsewhere.)
          const served = MESSAGE_ROUTES[action] === name || action === 'ping';
          const expected = !mayPerform(role, action) ? 'forbidden' : served ? code : 'unknown-action';
          expect(code, `${name} ${action} ${role}`).toBe(expected);
          if (mayPerform(role, action) && served) expect(['forbidden', 'unknown-action', 'internal']).not.toContain(code);
        }
      }
    }
  });

  it('authorizer: denies a token of another key (403) and answers a missing one with 401', async () => {
    const authorizer = await coldStart('authorizer');
    const { device } = await registered('phone-2', 'resident', 'Phone');
    const foreign = await signDayToken('another-key-another-key-another-key!!', {
      householdId: HOME,
      deviceId: device.id,
      role: 'resident',
      issuedAt: Date.now(),
    });

    expect(
      (await authorizer.handler(authorizerRequest(foreign), lambdaContext('doorbell-authorizer'))).policyDocument.Statement[0].Effect,
    ).toBe('Deny');
    await expect(authorizer.handler(authorizerRequest(undefined), lambdaContext('doorbell-authorizer'))).rejects.toThrow('Unauthorized');
  });

  it('authorizer: with DEVICE_TOKEN_SECRET (locally) instead of the ARN, no Secrets Manager call', async () => {
    const local = useEnvironment({ ...variables, DEVICE_TOKEN_SECRET: SECRET, DEVICE_TOKEN_SECRET_ARN: '' });
    try {
      const calls = secrets.calls.length;
      const authorizer = await coldStart('authorizer');
      const { device, token } = await registered('dashboard-1', 'resident', 'Kitchen');

      const policy = await authorizer.handler(authorizerRequest(token), lambdaContext('doorbell-authorizer'));

      expect(policy).toMatchObject({ principalId: device.id, context: { householdId: HOME, deviceId: device.id, role: 'resident' } });
      expect(secrets.calls.length).toBe(calls);
    } finally {
      local.restore();
    }
  });

  it('on-connect: refuses an event without authorizer context (400) and stores nothing', async () => {
    const onConnect = await coldStart('on-connect');
    const event = connectEvent({
      connectionId: 'NoContext0=',
      connectedAt: Date.now(),
      device: { householdId: HOME, deviceId: 'x', role: 'resident' },
    });
    delete event['requestContext']['authorizer'];

    expect(await onConnect.handler(event, lambdaContext('doorbell-on-connect'))).toEqual({ statusCode: 400 });
    expect(await connections().get(connectionId('NoContext0='), Date.now())).toBeUndefined();
  });

  it('on-doorbell-message queues a keypad attempt on SQS; deliver-webhooks fans it out and delivers it, signed', async () => {
    const receiver = await startReceiver();
    try {
      const secret = 'c'.repeat(64);
      await new DynamoDbWebhookRepository({ client: dynamo.documentClient, tableName: variables['WEBHOOKS_TABLE']! }).add({
        id: 'wh_keypad' as WebhookId,
        householdId: HOME,
        url: receiver.url,
        events: ['access-code'],
        secret,
        createdAt: Date.now(),
        consecutiveFailures: 0,
      });
      const camera = await registered('camera-webhooks', 'doorbell', 'gate');
      const doorbellMessages = await coldStart('on-doorbell-message');
      const before = sqs.sent.length;
      const typed = sent(
        api.connect(),
        { householdId: HOME, deviceId: camera.device.id, role: 'doorbell' },
        { action: 'verifyCode', code: '000000' },
      );
      await doorbellMessages.handler(typed, lambdaContext('doorbell-on-doorbell-message'));
      const queued = sqs.sent.slice(before);
      expect(queued.map((message) => JSON.parse(message.body))).toEqual([
        { kind: 'event', event: expect.objectContaining({ event: 'access-code', householdId: HOME, outcome: 'refused' }) },
      ]);

      const deliverWebhooks = await coldStart('deliver-webhooks');
      const context = lambdaContext('doorbell-deliver-webhooks');
      expect(await deliverWebhooks.handler({ Records: queued.map(({ messageId, body }) => ({ messageId, body })) }, context)).toEqual({
        batchItemFailures: [],
      });
      const deliveries = sqs.sent.slice(before + queued.length);
      expect(deliveries).toHaveLength(1);
      await deliverWebhooks.handler({ Records: deliveries.map(({ messageId, body }) => ({ messageId, body })) }, context);
      expect(receiver.received).toHaveLength(1);
      expect(verifyDoorbellWebhook(secret, receiver.received[0]!.headers, receiver.received[0]!.body)).toBe(true);
      expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ event: 'access-code', outcome: 'refused', householdId: HOME });
    } finally {
      await receiver.close();
    }
  });
});
