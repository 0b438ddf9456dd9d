import { describe, expect, it, vi } from 'vitest';
import { IN_MEMORY_MATCH_SIMILARITY } from '../../adapters/in-memory/in-memory-face-recognizer';
import type { EnrollResult } from '../../application/enroll';
import type { RingIntakeResult } from '../../application/ring-intake';
import type { Device } from '../../domain/device';
import { MAX_PHOTO_BYTES } from '../../domain/face';
import { ringId } from '../../domain/ids';
import { formatPhotoKey } from '../../domain/photo-key';
import type { Ring } from '../../domain/ring';
import { seconds } from '../../domain/time';
import type { Visitor } from '../../domain/visitor';
import { TOKENS } from '../../infrastructure/di/tokens';
import { HOME, OTHER_HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

type Doorbell = ReturnType<typeof inMemoryDoorbell>;

function ringOf(result: RingIntakeResult): Ring {
  if (result.kind !== 'recorded') throw new Error(`expected a recorded ring, got rejected: ${result.reason}`);
  return result.ring;
}

function visitorOf(result: EnrollResult): Visitor {
  if (result.kind !== 'enrolled') throw new Error(`expected an enrolled visitor, got ${result.kind}`);
  return result.visitor;
}

/** The doorbell is pressed and its photo uploaded; only Identify runs (no announcement). */
async function pressAndIdentify(doorbell: Doorbell, camera: Device, photo: Uint8Array): Promise<RingIntakeResult> {
  const photoKey = await doorbell.press(camera, photo);
  return doorbell.get(TOKENS.Identify).execute({ photoKey });
}

async function setUp(settings: Parameters<typeof inMemoryDoorbell>[0] = {}) {
  const doorbell = inMemoryDoorbell(settings);
  const camera = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
  return { doorbell, camera };
}

describe('Identify: outcomes', () => {
  it('names an enrolled visitor from a different photo of them (known)', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const alice = visitorOf(await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg')));

    // Act
    const result = await pressAndIdentify(doorbell, camera, sample('alice-2.jpg'));

    // Assess
    expect(result).toMatchObject({ kind: 'recorded', fresh: true });
    expect(ringOf(result).identification).toEqual({
      kind: 'known',
      visitors: [{ visitorId: alice.id, name: 'Alice', trusted: false, similarity: IN_MEMORY_MATCH_SIMILARITY }],
      unknownFaces: 0,
    });
  });

  it('records the ring under the household, doorbell, press time and id of its photo key', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const photoKey = await doorbell.press(camera, sample('stranger.jpg'));
    const pressedAt = doorbell.clock.now();
    doorbell.clock.advance(seconds(3));

    // Act
    const ring = ringOf(await doorbell.get(TOKENS.Identify).execute({ photoKey }));

    // Assess
    expect(ring).toMatchObject({ householdId: HOME, doorbellId: camera.id, photoKey, at: pressedAt });
    expect(photoKey).toContain(`-${ring.id}.jpg`);
    expect(await doorbell.get(TOKENS.RingRepository).get(HOME, ring.id, doorbell.clock.now())).toEqual(ring);
  });

  it('reports one unknown visitor for a stranger', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));

    // Act
    const result = await pressAndIdentify(doorbell, camera, sample('stranger.jpg'));

    // Assess
    expect(ringOf(result).identification).toEqual({ kind: 'unknown', unknownFaces: 1 });
  });

  it('reports no face for an empty porch', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();

    // Act
    const result = await pressAndIdentify(doorbell, camera, sample('empty-porch.jpg'));

    // Assess
    expect(ringOf(result).identification).toEqual({ kind: 'no-face' });
  });

  it('names the enrolled visitor and counts the stranger beside her as one unknown face', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const alice = visitorOf(await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg')));

    // Act
    const result = await pressAndIdentify(doorbell, camera, sample('alice-and-stranger.jpg'));

    // Assess
    expect(ringOf(result).identification).toEqual({
      kind: 'known',
      visitors: [expect.objectContaining({ visitorId: alice.id, name: 'Alice' })],
      unknownFaces: 1,
    });
  });

  it('records "unavailable: bad-format" for bytes that are not an image', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();

    // Act
    const result = await pressAndIdentify(doorbell, camera, new TextEncoder().encode('this is not a photo'));

    // Assess
    expect(ringOf(result).identification).toEqual({ kind: 'unavailable', reason: 'bad-format' });
  });

  it('records "unavailable: missing" when the photo was never uploaded', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const photoKey = formatPhotoKey({ householdId: HOME, doorbellId: camera.id, pressedAt: doorbell.clock.now(), ringId: ringId('never-uploaded') });

    // Act
    const result = await doorbell.get(TOKENS.Identify).execute({ photoKey });

    // Assess
    expect(result).toMatchObject({ kind: 'recorded', fresh: true });
    expect(ringOf(result)).toMatchObject({ id: 'never-uploaded', identification: { kind: 'unavailable', reason: 'missing' } });
  });

  it('records "unavailable: too-large" for a stored photo above MAX_PHOTO_BYTES, without scanning it', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const scan = vi.spyOn(doorbell.get(TOKENS.FaceRecognizer), 'scan');
    const photoKey = formatPhotoKey({ householdId: HOME, doorbellId: camera.id, pressedAt: doorbell.clock.now(), ringId: ringId('huge') });
    doorbell.photos.put(photoKey, new Uint8Array(MAX_PHOTO_BYTES + 1));

    // Act
    const result = await doorbell.get(TOKENS.Identify).execute({ photoKey });

    // Assess
    expect(ringOf(result).identification).toEqual({ kind: 'unavailable', reason: 'too-large' });
    expect(scan).not.toHaveBeenCalled();
  });

  it.each([
    ['an object outside rings/', 'uploads/party.jpg'],
    ['a key whose press time is not a number', 'rings/home-1/bell/yesterday-ring-1.jpg'],
    ['a key that is not a JPEG', 'rings/home-1/bell/1700000000000-ring-1.png'],
    ['an empty key', ''],
  ])('rejects %s without throwing and records nothing', async (_, photoKey) => {
    // Prepare
    const { doorbell } = await setUp();
    const scan = vi.spyOn(doorbell.get(TOKENS.FaceRecognizer), 'scan');

    // Act
    const result = await doorbell.get(TOKENS.Identify).execute({ photoKey });

    // Assess
    expect(result).toEqual({ kind: 'rejected', reason: expect.stringContaining('not a ring photo key') });
    expect(scan).not.toHaveBeenCalled();
    expect(await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).toEqual([]);
  });
});

describe('Identify: idempotency', () => {
  it('returns the same ring for the same photo key, not fresh the second time, scanning once', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
    const scan = vi.spyOn(doorbell.get(TOKENS.FaceRecognizer), 'scan');
    const photoKey = await doorbell.press(camera, sample('alice-2.jpg'));
    const identify = doorbell.get(TOKENS.Identify);

    // Act
    const first = await identify.execute({ photoKey });
    const second = await identify.execute({ photoKey });

    // Assess
    expect(first).toMatchObject({ kind: 'recorded', fresh: true });
    expect(second).toMatchObject({ kind: 'recorded', fresh: false });
    expect(ringOf(second)).toEqual(ringOf(first));
    expect(scan).toHaveBeenCalledTimes(1);
  });
});

describe('Identify: households are kept apart', () => {
  it('never identifies a visitor enrolled in another household', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    await doorbell.enroll(OTHER_HOME, 'Alice', sample('alice-1.jpg'));

    // Act
    const result = await pressAndIdentify(doorbell, camera, sample('alice-2.jpg'));

    // Assess
    expect(ringOf(result).identification).toEqual({ kind: 'unknown', unknownFaces: 1 });
  });

  it('never identifies a visitor of another household even with the very photo she enrolled with', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    await doorbell.enroll(OTHER_HOME, 'Alice', sample('alice-1.jpg'));

    // Act
    const result = await pressAndIdentify(doorbell, camera, sample('alice-1.jpg'));

    // Assess
    expect(ringOf(result).identification).toEqual({ kind: 'unknown', unknownFaces: 1 });
  });
});

describe('Identify: debounce', () => {
  it('folds a second press of the same doorbell 10 s later into the first ring, without a second notification', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell');
    const first = await doorbell.ring(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(10));

    // Act
    const second = await doorbell.ring(camera.device, sample('stranger.jpg'));

    // Assess
    const opening = ringOf(first.intake);
    expect(opening.foldedInto).toBeUndefined();
    expect(ringOf(second.intake)).toMatchObject({ foldedInto: opening.id, identification: opening.identification });
    expect(ringOf(second.intake).id).not.toBe(opening.id);
    expect(second.announcement).toEqual({ kind: 'skipped', reason: 'folded' });
    expect(phone.received()).toHaveLength(1);
  });

  it('opens a new ring for a press 31 s after the first', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell');
    const first = await doorbell.ring(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(31));

    // Act
    const second = await doorbell.ring(camera.device, sample('stranger.jpg'));

    // Assess
    expect(ringOf(second.intake).foldedInto).toBeUndefined();
    expect(ringOf(second.intake).id).not.toBe(ringOf(first.intake).id);
    expect(second.announcement).toMatchObject({ kind: 'announced' });
    expect(phone.received()).toHaveLength(2);
  });

  it('opens a new ring for a press exactly one window (30 s) after the first', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    await pressAndIdentify(doorbell, camera, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(30));

    // Act
    const second = await pressAndIdentify(doorbell, camera, sample('stranger.jpg'));

    // Assess
    expect(ringOf(second).foldedInto).toBeUndefined();
  });

  it('measures the window from the opening press, not the latest one (20 s folds, 31 s opens)', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const opening = ringOf(await pressAndIdentify(doorbell, camera, sample('stranger.jpg')));
    doorbell.clock.advance(seconds(20));
    const folded = ringOf(await pressAndIdentify(doorbell, camera, sample('stranger.jpg')));
    doorbell.clock.advance(seconds(11));

    // Act
    const third = ringOf(await pressAndIdentify(doorbell, camera, sample('stranger.jpg')));

    // Assess
    expect(folded.foldedInto).toBe(opening.id);
    expect(third.foldedInto).toBeUndefined();
  });

  // PRODUCTION BUG (application/ring-intake.ts, RingIntake.begin): the debounce only sees rings already *recorded*,
  // and a ring is recorded only after identification. When the workflows of two presses 2 s apart run concurrently
  // (each S3 event starts its own execution; a scan takes about a second), both find no opening ring, both open a
  // ring, and the household is notified twice. Expected: the second press folds into the first.
  it.fails('folds a second press into the first even when both workflows run concurrently', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell');
    const firstKey = await doorbell.press(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(2));
    const secondKey = await doorbell.press(camera.device, sample('stranger.jpg'));

    // Act
    const [first, second] = await Promise.all([doorbell.objectCreated(firstKey), doorbell.objectCreated(secondKey)]);

    // Assess
    if (!first || !second) throw new Error('expected two workflow results');
    expect(ringOf(second.intake).foldedInto).toBe(ringOf(first.intake).id);
    expect(phone.received()).toHaveLength(1);
  });

  // PRODUCTION BUG (same root cause, application/ring-intake.ts + domain/debounce.ts foldsInto): events are not
  // delivered in order. When the second press (2 s later) is processed first it opens a ring, and the earlier press
  // then opens another one because foldsInto requires pressAt >= the opening press. groupPresses promises a result
  // that does not depend on the order of presses; the incremental intake does not keep that promise, and the
  // household is notified twice within one debounce window.
  it.fails('announces a window once even when the later press is processed before the earlier one', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell');
    const earlierKey = await doorbell.press(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(2));
    const laterKey = await doorbell.press(camera.device, sample('stranger.jpg'));

    // Act
    await doorbell.objectCreated(laterKey);
    await doorbell.objectCreated(earlierKey);

    // Assess
    expect(phone.received()).toHaveLength(1);
    expect(await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).toHaveLength(1);
  });

  it('does not fold presses of two different doorbells within the window', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const front = await doorbell.connect(HOME, 'doorbell', 'front door');
    const back = await doorbell.connect(HOME, 'doorbell', 'back door');
    const first = await doorbell.ring(front.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(5));

    // Act
    const second = await doorbell.ring(back.device, sample('stranger.jpg'));

    // Assess
    expect(ringOf(first.intake).foldedInto).toBeUndefined();
    expect(ringOf(second.intake).foldedInto).toBeUndefined();
    expect(phone.received().map((message) => message.type === 'ring' && message.doorName)).toEqual(['front door', 'back door']);
  });
});

describe('Identify: match threshold', () => {
  it('calls a visitor unknown when her similarity is below the configured threshold', async () => {
    // Prepare
    const { doorbell, camera } = await setUp({ matchThreshold: 99.5 });
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));

    // Act
    const result = await pressAndIdentify(doorbell, camera, sample('alice-2.jpg'));

    // Assess
    expect(IN_MEMORY_MATCH_SIMILARITY).toBeLessThan(99.5);
    expect(ringOf(result).identification).toEqual({ kind: 'unknown', unknownFaces: 1 });
  });

  it('names a visitor whose similarity equals the threshold', async () => {
    // Prepare
    const { doorbell, camera } = await setUp({ matchThreshold: IN_MEMORY_MATCH_SIMILARITY });
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));

    // Act
    const result = await pressAndIdentify(doorbell, camera, sample('alice-2.jpg'));

    // Assess
    expect(ringOf(result).identification).toMatchObject({ kind: 'known', visitors: [{ name: 'Alice' }] });
  });
});
