import { describe, expect, it } from 'vitest';
import { Identify } from '../../application/identify';
import type { RingIntakeResult } from '../../application/ring-intake';
import { RecognizerUnavailableError } from '../../domain/errors';
import type { FaceScan } from '../../domain/face';
import type { HouseholdId } from '../../domain/ids';
import type { FaceRecognizer } from '../../domain/ports/face-recognizer';
import type { Ring } from '../../domain/ring';
import { TOKENS } from '../../infrastructure/di/tokens';
import { InProcessRingWorkflow } from '../../infrastructure/local/in-process-ring-workflow';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

type Doorbell = ReturnType<typeof inMemoryDoorbell>;

function ringOf(result: RingIntakeResult): Ring {
  if (result.kind !== 'recorded') throw new Error(`expected a recorded ring, got rejected: ${result.reason}`);
  return result.ring;
}

/** Wraps the container's recognizer: its first `failures` scans throw `error()`, later ones delegate. */
class FaultyRecognizer implements FaceRecognizer {
  scans = 0;

  constructor(
    private readonly inner: FaceRecognizer,
    private readonly failures: number,
    private readonly error: () => Error,
  ) {}

  enroll: FaceRecognizer['enroll'] = (...args) => this.inner.enroll(...args);
  forget: FaceRecognizer['forget'] = (...args) => this.inner.forget(...args);

  async scan(householdId: HouseholdId, photo: Uint8Array): Promise<FaceScan> {
    this.scans += 1;
    if (this.scans <= this.failures) throw this.error();
    return this.inner.scan(householdId, photo);
  }
}

const throttled = () => new RecognizerUnavailableError('ThrottlingException: rate exceeded');

/** The ring workflow built by hand from the container's ports, with a faulty recognizer and a recorded backoff. */
function workflowWith(doorbell: Doorbell, recognizer: FaceRecognizer) {
  const get = doorbell.get;
  const identify = new Identify(
    get(TOKENS.RingIntake),
    get(TOKENS.PhotoStore),
    recognizer,
    get(TOKENS.VisitorRepository),
    get(TOKENS.RingSettings),
  );
  const slept: number[] = [];
  const workflow = new InProcessRingWorkflow(identify, get(TOKENS.RecordUnidentifiedRing), get(TOKENS.Announce), {
    delays: [200, 400, 800],
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  return { workflow, slept };
}

async function household() {
  const doorbell = inMemoryDoorbell();
  await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
  const phone = await doorbell.connect(HOME, 'resident');
  const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
  return { doorbell, phone, camera };
}

describe('InProcessRingWorkflow: recognizer failures', () => {
  it('retries a throttled recognizer with backoff and identifies on the third attempt', async () => {
    // Prepare
    const { doorbell, phone, camera } = await household();
    const recognizer = new FaultyRecognizer(doorbell.get(TOKENS.FaceRecognizer), 2, throttled);
    const { workflow, slept } = workflowWith(doorbell, recognizer);
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));

    // Act
    const result = await workflow.run({ photoKey, runId: 'run-1' });

    // Assess
    expect(result.attempts).toBe(3);
    expect(slept).toEqual([200, 400]);
    expect(recognizer.scans).toBe(3);
    expect(ringOf(result.intake).identification).toMatchObject({ kind: 'known', visitors: [{ name: 'Alice' }] });
    expect(phone.received()).toEqual([expect.objectContaining({ text: 'Alice is at the front door' })]);
  });

  it("records the ring as 'unavailable' when the recognizer stays throttled, and still announces it", async () => {
    // Prepare
    const { doorbell, phone, camera } = await household();
    const recognizer = new FaultyRecognizer(doorbell.get(TOKENS.FaceRecognizer), Number.POSITIVE_INFINITY, throttled);
    const { workflow, slept } = workflowWith(doorbell, recognizer);
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));

    // Act
    const result = await workflow.run({ photoKey, runId: 'run-1' });

    // Assess
    expect(result.attempts).toBe(4);
    expect(slept).toEqual([200, 400, 800]);
    expect(ringOf(result.intake).identification).toEqual({ kind: 'unavailable', reason: 'recognizer-unavailable' });
    expect(result.announcement).toMatchObject({ kind: 'announced' });
    for (const device of [phone, camera]) {
      expect(device.received()).toEqual([
        expect.objectContaining({ type: 'ring', outcome: 'unavailable', text: 'Someone is at the front door' }),
      ]);
    }
  });

  it('falls back at once, without retrying, on an error that is not retryable', async () => {
    // Prepare
    const { doorbell, phone, camera } = await household();
    const recognizer = new FaultyRecognizer(doorbell.get(TOKENS.FaceRecognizer), 1, () => new Error('AccessDeniedException'));
    const { workflow, slept } = workflowWith(doorbell, recognizer);
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));

    // Act
    const result = await workflow.run({ photoKey, runId: 'run-1' });

    // Assess
    expect(result.attempts).toBe(1);
    expect(slept).toEqual([]);
    expect(recognizer.scans).toBe(1);
    expect(ringOf(result.intake).identification).toEqual({ kind: 'unavailable', reason: 'recognizer-unavailable' });
    expect(phone.received()).toEqual([expect.objectContaining({ text: 'Someone is at the front door' })]);
  });

  it('keeps the identified ring when a later delivery of the event finds the recognizer down', async () => {
    // Prepare
    const { doorbell, phone, camera } = await household();
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));
    const first = await doorbell.objectCreated(photoKey);
    const recognizer = new FaultyRecognizer(doorbell.get(TOKENS.FaceRecognizer), Number.POSITIVE_INFINITY, throttled);
    const { workflow } = workflowWith(doorbell, recognizer);

    // Act
    const again = await workflow.run({ photoKey, runId: 'run-late' });

    // Assess
    expect(recognizer.scans).toBe(0);
    expect(again.intake).toEqual({ kind: 'recorded', ring: ringOf(first.intake), fresh: false });
    expect(again.announcement).toEqual({ kind: 'skipped', reason: 'already-announced' });
    expect(phone.received()).toHaveLength(1);
  });
});

describe('InProcessRingWorkflow: duplicate events', () => {
  it('records one ring and notifies each device exactly once when the same S3 event arrives 3 times', async () => {
    // Prepare
    const { doorbell, phone, camera } = await household();
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));

    // Act
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await doorbell.objectCreated(photoKey));

    // Assess
    const [first, second, third] = runs;
    expect(first?.intake).toMatchObject({ kind: 'recorded', fresh: true });
    expect(first?.announcement).toMatchObject({ kind: 'announced' });
    for (const duplicate of [second, third]) {
      expect(duplicate?.intake).toMatchObject({ kind: 'recorded', fresh: false, ring: { id: first && ringOf(first.intake).id } });
      expect(duplicate?.announcement).toEqual({ kind: 'skipped', reason: 'already-announced' });
    }
    expect(phone.received()).toHaveLength(1);
    expect(camera.received()).toHaveLength(1);
    expect((await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).rings).toHaveLength(1);
  });

  it('records one ring and notifies each device exactly once when the 3 deliveries run concurrently', async () => {
    // Prepare
    const { doorbell, phone, camera } = await household();
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));

    // Act
    const runs = await Promise.all([1, 2, 3].map(() => doorbell.objectCreated(photoKey)));

    // Assess
    const ringIds = new Set(runs.map((run) => ringOf(run.intake).id));
    expect(ringIds.size).toBe(1);
    expect(runs.filter((run) => run.announcement?.kind === 'announced')).toHaveLength(1);
    expect(phone.received()).toHaveLength(1);
    expect(camera.received()).toHaveLength(1);
    expect((await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).rings).toHaveLength(1);
  });

  it('announces nothing for an object that is not a ring photo', async () => {
    // Prepare
    const { doorbell, phone } = await household();

    // Act
    const result = await doorbell.objectCreated('uploads/not-a-ring.jpg');

    // Assess
    expect(result).toEqual({ intake: { kind: 'rejected', reason: expect.any(String) }, attempts: 1 });
    expect(phone.received()).toEqual([]);
  });
});
