import { describe, expect, it, vi } from 'vitest';
import { IN_MEMORY_MATCH_SIMILARITY } from '../../adapters/in-memory/in-memory-face-recognizer';
import type { EnrollResult } from '../../application/enroll';
import type { RingIntakeResult } from '../../application/ring-intake';
import type { Device } from '../../domain/device';
import { MAX_PHOTO_BYTES } from '../../domain/face';
import { ringId } from '../../domain/ids';
import { formatPhotoKey, parsePhotoKey } from '../../domain/photo-key';
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

  it("records what the photo's bytes are with the ring: a JPEG, a PNG, or not an image", async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

    // Act
    const jpeg = ringOf(await pressAndIdentify(doorbell, camera, sample('stranger.jpg')));
    doorbell.clock.advance(seconds(60));
    const notPng = ringOf(await pressAndIdentify(doorbell, camera, png));
    doorbell.clock.advance(seconds(60));
    const html = ringOf(await pressAndIdentify(doorbell, camera, new TextEncoder().encode('<!doctype html><p>hi')));

    // Assess
    expect([jpeg.photoType, notPng.photoType, html.photoType]).toEqual(['image/jpeg', 'image/png', 'not-an-image']);
  });

  it('records "unavailable: missing" when the photo was never uploaded', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const photoKey = formatPhotoKey({
      householdId: HOME,
      doorbellId: camera.id,
      pressedAt: doorbell.clock.now(),
      ringId: ringId('never-uploaded'),
    });

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

  it('records "unavailable: no-camera" for a camera-less press without scanning it, whatever the photo shows', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
    const scan = vi.spyOn(doorbell.get(TOKENS.FaceRecognizer), 'scan');

    // Act
    const photoKey = await doorbell.press(camera, sample('alice-2.jpg'), { camera: false });
    const result = await doorbell.get(TOKENS.Identify).execute({ photoKey });

    // Assess
    expect(ringOf(result)).toMatchObject({ identification: { kind: 'unavailable', reason: 'no-camera' }, photoType: 'image/jpeg' });
    expect(scan).not.toHaveBeenCalled();
  });

  it('records a camera-less ring as such even when identification failed for good (RecordUnidentifiedRing)', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const photoKey = await doorbell.press(camera, sample('alice-2.jpg'), { camera: false });

    // Act
    const result = await doorbell.get(TOKENS.RecordUnidentifiedRing).execute({ photoKey, reason: 'recognizer-unavailable' });

    // Assess
    expect(ringOf(result).identification).toEqual({ kind: 'unavailable', reason: 'no-camera' });
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
    expect(await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).toEqual({ rings: [] });
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
  it('lands a second press 10 s later on the first ring: not fresh, no second notification, one ring in the history', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell');
    const first = await doorbell.ring(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(10));
    const secondKey = await doorbell.press(camera.device, sample('alice-2.jpg'));

    // Act
    const second = await doorbell.objectCreated(secondKey);

    // Assess
    const opening = ringOf(first.intake);
    expect(parsePhotoKey(secondKey)?.ringId).toBe(opening.id);
    expect(first.intake).toMatchObject({ kind: 'recorded', fresh: true });
    expect(second.intake).toEqual({ kind: 'recorded', ring: opening, fresh: false });
    expect(second.announcement).toEqual({ kind: 'skipped', reason: 'already-announced' });
    expect(phone.received()).toHaveLength(1);
    const history = await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME });
    expect(history.rings.map((summary) => summary.ringId)).toEqual([opening.id]);
  });

  it('does not scan the photo of a press whose ring is already recorded', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    await pressAndIdentify(doorbell, camera, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(10));
    const scan = vi.spyOn(doorbell.get(TOKENS.FaceRecognizer), 'scan');

    // Act
    const second = await pressAndIdentify(doorbell, camera, sample('alice-2.jpg'));

    // Assess
    expect(second).toMatchObject({ kind: 'recorded', fresh: false, ring: { identification: { kind: 'unknown' } } });
    expect(scan).not.toHaveBeenCalled();
  });

  it.each([
    ['exactly one window (30 s)', seconds(30)],
    ['31 s', seconds(31)],
  ])('opens and announces a new ring for a press %s after the opening press', async (_, later) => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell');
    const first = await doorbell.ring(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(later);

    // Act
    const second = await doorbell.ring(camera.device, sample('stranger.jpg'));

    // Assess
    expect(second.intake).toMatchObject({ kind: 'recorded', fresh: true, ring: { at: doorbell.clock.now() } });
    expect(ringOf(second.intake).id).not.toBe(ringOf(first.intake).id);
    expect(second.announcement).toMatchObject({ kind: 'announced' });
    expect(phone.received()).toHaveLength(2);
  });

  it('measures the window from the opening press, not the latest one (0 s and 20 s share a ring, 31 s opens one)', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell');
    const opening = await doorbell.ring(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(20));
    const folded = await doorbell.ring(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(11));

    // Act
    const third = await doorbell.ring(camera.device, sample('stranger.jpg'));

    // Assess
    expect(folded.intake).toMatchObject({ fresh: false, ring: { id: ringOf(opening.intake).id } });
    expect(third.intake).toMatchObject({ fresh: true, ring: { at: doorbell.clock.now() } });
    expect(ringOf(third.intake).id).not.toBe(ringOf(opening.intake).id);
    expect(phone.received()).toHaveLength(2);
  });

  it('keeps presses of two different doorbells within the window apart', async () => {
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
    expect(first.intake).toMatchObject({ fresh: true, ring: { doorbellId: front.device.id } });
    expect(second.intake).toMatchObject({ fresh: true, ring: { doorbellId: back.device.id } });
    expect(ringOf(second.intake).id).not.toBe(ringOf(first.intake).id);
    expect(phone.received().map((message) => message.type === 'ring' && message.doorName)).toEqual(['front door', 'back door']);
  });

  it('lands two presses of one window on one ring even when both workflows run concurrently', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell');
    const firstKey = await doorbell.press(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(2));
    const secondKey = await doorbell.press(camera.device, sample('stranger.jpg'));

    // Act
    const runs = await Promise.all([doorbell.objectCreated(firstKey), doorbell.objectCreated(secondKey)]);

    // Assess
    expect(new Set(runs.map((run) => ringOf(run.intake).id)).size).toBe(1);
    expect(runs.filter((run) => run.intake.kind === 'recorded' && run.intake.fresh)).toHaveLength(1);
    expect(runs.filter((run) => run.announcement?.kind === 'announced')).toHaveLength(1);
    expect(phone.received()).toHaveLength(1);
    expect(camera.received()).toHaveLength(1);
    expect((await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).rings).toHaveLength(1);
  });

  it('announces a window once even when the later press is processed before the earlier one', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.connect(HOME, 'resident');
    const camera = await doorbell.connect(HOME, 'doorbell');
    const earlierKey = await doorbell.press(camera.device, sample('stranger.jpg'));
    doorbell.clock.advance(seconds(2));
    const laterKey = await doorbell.press(camera.device, sample('empty-porch.jpg'));

    // Act
    const later = await doorbell.objectCreated(laterKey);
    const earlier = await doorbell.objectCreated(earlierKey);

    // Assess
    const ring = ringOf(later.intake);
    expect(ring).toMatchObject({ photoKey: laterKey, at: doorbell.clock.now(), identification: { kind: 'no-face' } });
    expect(earlier.intake).toEqual({ kind: 'recorded', ring, fresh: false });
    expect(phone.received()).toHaveLength(1);
    expect(camera.received()).toHaveLength(1);
    const history = await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME });
    expect(history.rings.map((summary) => summary.ringId)).toEqual([ring.id]);
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
