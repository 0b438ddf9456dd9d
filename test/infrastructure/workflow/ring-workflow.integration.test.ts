import { describe, expect, it } from 'vitest';
import type { RingIntakeResult } from '../../../application/ring-intake';
import { RecognizerUnavailableError } from '../../../domain/errors';
import type { FaceScan } from '../../../domain/face';
import type { HouseholdId } from '../../../domain/ids';
import type { FaceRecognizer } from '../../../domain/ports/face-recognizer';
import type { Ring } from '../../../domain/ring';
import { TOKENS } from '../../../infrastructure/di/tokens';
import type { RingSettings } from '../../../application/settings';
import { seconds } from '../../../domain/time';
import { HOME, inMemoryDoorbell, type InMemoryDoorbellOptions } from '../../support/in-memory-doorbell';
import { sample } from '../../support/sample-photos';
import { expectHeardRing } from '../../support/heard-ring';

/**
 * The ring workflow exactly as CDK deploys it (infrastructure/workflow/ring-workflow-definition.ts), executed by
 * aws-local-stepfunctions with the real Lambda handlers over in-memory adapters: Retry, Catch and Choice as in AWS.
 */

function ringOf(result: RingIntakeResult): Ring {
  if (result.kind !== 'recorded') throw new Error(`expected a recorded ring, got rejected: ${result.reason}`);
  return result.ring;
}

/** The in-memory recognizer whose first `failures` scans throw `error()`. */
function failing(failures: number, error: () => Error) {
  const calls = { scans: 0 };
  const wrap = (inner: FaceRecognizer): FaceRecognizer => ({
    enroll: (...args) => inner.enroll(...args),
    forget: (...args) => inner.forget(...args),
    async scan(householdId: HouseholdId, photo: Uint8Array): Promise<FaceScan> {
      calls.scans += 1;
      if (calls.scans <= failures) throw error();
      return inner.scan(householdId, photo);
    },
  });
  return { calls, wrap };
}

const throttled = () => new RecognizerUnavailableError('ThrottlingException: rate exceeded');

async function household(options: InMemoryDoorbellOptions = {}) {
  const doorbell = inMemoryDoorbell({}, options);
  await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
  const phone = await doorbell.connect(HOME, 'resident');
  const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
  return { doorbell, phone, camera };
}

describe('the deployed ring workflow, run locally', () => {
  it.each([
    ['a known visitor', 'alice-2.jpg', 'known', 'Alice is at the front door'],
    ['an unknown visitor', 'stranger.jpg', 'unknown', 'An unknown visitor is at the front door'],
    ['no face', 'empty-porch.jpg', 'no-face', 'Someone is at the front door, but no face is visible'],
    ['a known visitor with a stranger', 'alice-and-stranger.jpg', 'known', 'Alice and 1 unknown visitor are at the front door'],
  ])('announces %s to every device of the household', async (_, photo, outcome, text) => {
    const { doorbell, phone, camera } = await household();

    const run = await doorbell.ring(camera.device, sample(photo));

    expect(run.final).toMatchObject({
      identified: { kind: 'recorded', outcome, fresh: true },
      announced: { kind: 'announced', delivered: 2 },
    });
    for (const device of [phone, camera]) expectHeardRing(device, { outcome, text });
  });

  it('retries a throttled recognizer (RecognizerUnavailableError) and identifies on the third attempt', async () => {
    const recognizer = failing(2, throttled);
    const { doorbell, phone, camera } = await household({ recognizer: recognizer.wrap });

    const run = await doorbell.ring(camera.device, sample('alice-2.jpg'));

    expect(recognizer.calls.scans).toBe(3);
    expect(ringOf(run.intake).identification).toMatchObject({ kind: 'known', visitors: [{ name: 'Alice' }] });
    expect(phone.received()).toEqual([expect.objectContaining({ text: 'Alice is at the front door' })]);
  });

  it('still announces "Someone is at the front door" when the recognizer stays down', async () => {
    const recognizer = failing(Number.POSITIVE_INFINITY, throttled);
    const { doorbell, phone, camera } = await household({ recognizer: recognizer.wrap });

    const run = await doorbell.ring(camera.device, sample('alice-2.jpg'));

    expect(recognizer.calls.scans).toBe(5); // the first attempt and the definition's 4 retries
    expect(run.final).toMatchObject({ identifyFailure: { Error: 'RecognizerUnavailableError' } });
    expect(ringOf(run.intake).identification).toEqual({ kind: 'unavailable', reason: 'recognizer-unavailable' });
    for (const device of [phone, camera]) {
      expectHeardRing(device, { outcome: 'unavailable', text: 'Someone is at the front door' });
    }
  });

  it('falls back at once, without retrying, on an error retrying cannot fix', async () => {
    const recognizer = failing(1, () => Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const { doorbell, phone, camera } = await household({ recognizer: recognizer.wrap });

    await doorbell.ring(camera.device, sample('alice-2.jpg'));

    expect(recognizer.calls.scans).toBe(1);
    expect(phone.received()).toEqual([expect.objectContaining({ text: 'Someone is at the front door' })]);
  });

  it('records one ring and notifies each device once when the same S3 event arrives 3 times', async () => {
    const { doorbell, phone, camera } = await household();
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));

    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await doorbell.objectCreated(photoKey));

    expect(runs.map((run) => run.final['identified'])).toEqual([
      expect.objectContaining({ fresh: true }),
      expect.objectContaining({ fresh: false }),
      expect.objectContaining({ fresh: false }),
    ]);
    expect(runs.map((run) => (run.final['announced'] as { kind: string }).kind)).toEqual(['announced', 'skipped', 'skipped']);
    expect(phone.received()).toHaveLength(1);
    expect(camera.received()).toHaveLength(1);
  });

  it('records one ring and notifies each device once when the 3 deliveries run concurrently', async () => {
    const { doorbell, phone } = await household();
    const photoKey = await doorbell.press((await doorbell.connect(HOME, 'doorbell', 'side door')).device, sample('alice-2.jpg'));

    const runs = await Promise.all([1, 2, 3].map(() => doorbell.objectCreated(photoKey)));

    expect(new Set(runs.map((run) => ringOf(run.intake).id)).size).toBe(1);
    expect(runs.filter((run) => run.announcement?.kind === 'announced')).toHaveLength(1);
    expect(phone.received()).toHaveLength(1);
    expect((await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).rings).toHaveLength(1);
  });

  it('keeps the identified ring when a late duplicate finds the recognizer down', async () => {
    const recognizer = failing(Number.POSITIVE_INFINITY, throttled);
    let broken = false;
    const { doorbell, phone, camera } = await household({
      recognizer: (inner) => {
        const faulty = recognizer.wrap(inner);
        return { ...faulty, scan: (...args) => (broken ? faulty.scan(...args) : inner.scan(...args)) };
      },
    });
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));
    const first = await doorbell.objectCreated(photoKey);
    broken = true;

    const late = await doorbell.objectCreated(photoKey);

    expect(recognizer.calls.scans).toBe(0);
    expect(late.intake).toEqual({ kind: 'recorded', ring: ringOf(first.intake), fresh: false });
    expect(phone.received()).toHaveLength(1);
  });

  it('ends quietly for an object that is not a ring photo, announcing nothing', async () => {
    const { doorbell, phone } = await household();

    const run = await doorbell.objectCreated('uploads/not-a-ring.jpg');

    expect(run.final['identified']).toEqual({ kind: 'rejected', reason: expect.stringContaining('not a ring photo') });
    expect(run.final['announced']).toBeUndefined();
    expect(phone.received()).toEqual([]);
  });
});

describe('the answer and the access codes, in the deployed workflow run locally', () => {
  async function trustedAlice(settings: Partial<RingSettings> = {}) {
    const doorbell = inMemoryDoorbell(settings);
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'), true);
    const phone = await doorbell.connect(HOME, 'resident', "Sam's phone");
    const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
    return { doorbell, phone, camera };
  }

  it('issues a code for a trusted visitor to the residents only, then waits; an answer ends the run with it', async () => {
    const { doorbell, phone, camera } = await trustedAlice();

    const run = await doorbell.ring(camera.device, sample('alice-2.jpg'));

    expect(run.final).toMatchObject({ announced: { kind: 'announced' }, accessCodes: { kind: 'issued', codes: 1 } });
    expect(phone.received().map((message) => message.type)).toEqual(['ring', 'accessCode']);
    expect(camera.received().map((message) => message.type)).toEqual(['ringing']);

    const answered = await doorbell.get(TOKENS.AnswerRing).execute({
      householdId: HOME,
      deviceId: phone.device.id,
      role: 'resident',
      connectionId: phone.connectionId,
      ringId: ringOf(run.intake).id,
      reply: 'coming',
    });

    expect(answered).toMatchObject({ kind: 'answered', workflow: 'resumed' });
    expect(await run.finished).toMatchObject({ response: { kind: 'answered', byName: "Sam's phone", reply: 'coming' } });
    // The door shows the reply without who answered.
    expect(camera.received().at(-1)).toEqual({
      type: 'reply',
      version: 1,
      ringId: expect.any(String),
      reply: 'coming',
      at: expect.any(String),
    });
  });

  it('records the ring unanswered when nobody answers within the answer window', async () => {
    const { doorbell, camera } = await trustedAlice({ answerWindow: seconds(5) });

    const run = await doorbell.ring(camera.device, sample('stranger.jpg'));
    const ring = ringOf(run.intake);

    expect(await run.finished).toMatchObject({ accessCodes: { kind: 'skipped' }, response: { kind: 'unanswered' } });
    expect(await doorbell.get(TOKENS.AnswerRepository).get(HOME, ring.id, doorbell.clock.now())).toMatchObject({ kind: 'unanswered' });
  });

  it('lets only the run that announced wait: a duplicate event ends without waiting or a second code', async () => {
    const { doorbell, phone, camera } = await trustedAlice();
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));
    await doorbell.objectCreated(photoKey);

    const duplicate = await doorbell.objectCreated(photoKey);

    expect(await duplicate.finished).toMatchObject({ announced: { kind: 'skipped', reason: 'already-announced' } });
    expect(await duplicate.finished).not.toHaveProperty('response');
    expect(phone.received().filter((message) => message.type === 'accessCode')).toHaveLength(1);
  });
});
