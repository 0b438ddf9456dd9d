import { Container } from 'inversify';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FaceRecognizer } from '../../domain/ports/face-recognizer';
import { rekognitionModule } from '../../infrastructure/di/aws/rekognition.module';
import { TOKENS } from '../../infrastructure/di/tokens';
import { colourPhoto } from '../support/fake-rekognition/colour-photos';
import { startFakeRekognition, type FakeRekognition, type ScriptedFault } from '../support/fake-rekognition/fake-rekognition-server';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { expectHeardRing } from '../support/heard-ring';

/**
 * Rekognition throttled or down, through the production recognizer (the module's SDK client and its retries, the
 * adapter's error mapping) against the loopback Rekognition, inside the deployed workflow run locally. The
 * workflow's own Retry and Catch, with an in-memory recognizer made to fail, are in
 * test/infrastructure/workflow/ring-workflow.integration.test.ts.
 */
let rekognition: FakeRekognition;
const alice = () => colourPhoto({ faces: [{ colour: 'red', left: 100, top: 60, width: 90 }], format: 'jpeg' });

beforeAll(async () => {
  rekognition = await startFakeRekognition();
  vi.stubEnv('AWS_REGION', 'local');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rekognition?.close();
});

/** The recognizer a Lambda gets from rekognitionModule, at `endpoint`. */
function productionRecognizer(endpoint: string): FaceRecognizer {
  const container = new Container();
  container.load(
    rekognitionModule({
      REKOGNITION_ENDPOINT: endpoint,
      REKOGNITION_COLLECTION_PREFIX: `faults-${Math.random().toString(36).slice(2, 8)}-`,
    }),
  );
  return container.get(TOKENS.FaceRecognizer);
}

async function household(recognizerEndpoint = rekognition.endpoint) {
  const doorbell = inMemoryDoorbell({}, { recognizer: () => productionRecognizer(recognizerEndpoint) });
  // Alice can be enrolled only where a Rekognition answers.
  const reachable = recognizerEndpoint === rekognition.endpoint;
  if (reachable) expect(await doorbell.enroll(HOME, 'Alice', await alice())).toMatchObject({ kind: 'enrolled' });
  const phone = await doorbell.connect(HOME, 'resident', 'Phone');
  const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
  return { doorbell, phone, camera };
}

function expectSomeoneAnnounced(final: Record<string, unknown>, devices: readonly Parameters<typeof expectHeardRing>[0][]): void {
  expect(final).toMatchObject({
    identifyFailure: { Error: 'RecognizerUnavailableError' },
    announced: { kind: 'announced', delivered: devices.length },
  });
  for (const device of devices) expectHeardRing(device, { outcome: 'unavailable', text: 'Someone is at the front door' });
}

/** An address nothing listens on: a port that was free a moment ago. */
async function closedPortEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A household whose ring meets `fault` on the next `times` DetectFaces calls; with the run and the calls made. */
async function ringMeeting(fault: ScriptedFault, times: number) {
  const { doorbell, phone, camera } = await household();
  rekognition.clearCalls();
  rekognition.failNext('DetectFaces', fault, times);
  const run = await doorbell.ring(camera.device, await alice());
  return { run, devices: [phone, camera], detectFacesCalls: rekognition.callsTo('DetectFaces').length };
}

describe('a throttled or failing Rekognition', () => {
  it('throttled twice, then fine: the ring is identified and announced with the name', async () => {
    const { run, devices, detectFacesCalls } = await ringMeeting({ type: 'ThrottlingException', message: 'Rate exceeded' }, 2);

    expect(detectFacesCalls).toBe(3);
    expect(run.final).toMatchObject({ identified: { kind: 'recorded', outcome: 'known' } });
    for (const device of devices) expectHeardRing(device, { outcome: 'known', text: 'Alice is at the front door' });
  });

  it('down (503 to every call): "Someone is at the front door" is still delivered to every device', async () => {
    // The workflow's 5 attempts (the first and 4 retries), each the SDK's 3: every one of them answered 503.
    const { run, devices, detectFacesCalls } = await ringMeeting(
      { type: 'ServiceUnavailableException', message: 'Service unavailable' },
      15,
    );

    expect(detectFacesCalls).toBe(15);
    expectSomeoneAnnounced(run.final, devices);
  });

  it('unreachable (connection refused): "Someone is at the front door" is still delivered to every device', async () => {
    const { doorbell, phone, camera } = await household(await closedPortEndpoint());

    const run = await doorbell.ring(camera.device, await alice());

    expectSomeoneAnnounced(run.final, [phone, camera]);
  });
});
