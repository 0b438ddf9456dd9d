import { describe, expect, it } from 'vitest';
import { RequestUpload, RingWindowContentionError, type RequestUploadResult } from '../../application/request-upload';
import { DEFAULT_RING_SETTINGS } from '../../application/settings';
import type { Device } from '../../domain/device';
import { MAX_PHOTO_BYTES } from '../../domain/face';
import { parsePhotoKey } from '../../domain/photo-key';
import type { RingWindowRepository } from '../../domain/ports/ring-window-repository';
import { seconds } from '../../domain/time';
import { TOKENS } from '../../infrastructure/di/tokens';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

type Granted = Extract<RequestUploadResult, { kind: 'granted' }>;

function granted(result: RequestUploadResult): Granted {
  if (result.kind !== 'granted') throw new Error(`expected an upload grant, got ${result.kind}: ${result.reason}`);
  return result;
}

type Doorbell = ReturnType<typeof inMemoryDoorbell>;

async function setUp() {
  const doorbell = inMemoryDoorbell();
  const camera = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
  const requestUpload = (device: Device = camera, contentLength = sample('alice-1.jpg').byteLength) =>
    doorbell.get(TOKENS.RequestUpload).execute({ householdId: device.householdId, deviceId: device.id, role: device.role, contentLength });
  return { doorbell, camera, requestUpload };
}

/** A RequestUpload like the container's, over another view of its ring windows (same store, same clock and ids). */
function requestUploadOver(doorbell: Doorbell, windows: RingWindowRepository): RequestUpload {
  const get = doorbell.get;
  return new RequestUpload(get(TOKENS.PhotoStore), windows, get(TOKENS.Clock), get(TOKENS.IdGenerator), get(TOKENS.RingSettings));
}

describe('RequestUpload', () => {
  it('forbids a resident device to upload a ring photo', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');

    // Act
    const result = await doorbell
      .get(TOKENS.RequestUpload)
      .execute({ householdId: HOME, deviceId: phone.id, role: 'resident', contentLength: 100 });

    // Assess
    expect(result).toEqual({ kind: 'forbidden', reason: expect.stringContaining('doorbell') });
  });

  it('gives a doorbell a PUT URL, a ring id and a photo key naming household, doorbell, press time and ring', async () => {
    // Prepare
    const { doorbell, camera, requestUpload } = await setUp();

    // Act
    const grant = granted(await requestUpload());

    // Assess
    expect(grant.upload).toEqual({
      url: expect.any(String),
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', 'content-length': String(sample('alice-1.jpg').byteLength), 'if-none-match': '*' },
      expiresInSeconds: DEFAULT_RING_SETTINGS.uploadLinkExpiry / 1000,
    });
    expect(grant.ringId).toMatch(/\S/);
    expect(parsePhotoKey(grant.photoKey)).toEqual({
      householdId: HOME,
      doorbellId: camera.id,
      pressedAt: doorbell.clock.now(),
      ringId: grant.ringId,
    });
  });

  it('grants a URL that accepts a photo and stores it under the photo key', async () => {
    // Prepare
    const { doorbell, requestUpload } = await setUp();
    const grant = granted(await requestUpload());
    const photo = sample('alice-1.jpg');

    // Act
    const upload = doorbell.photos.acceptUpload(grant.upload.url, photo);

    // Assess
    expect(upload).toEqual({ kind: 'stored', key: grant.photoKey });
    expect(await doorbell.get(TOKENS.PhotoStore).read(grant.photoKey)).toEqual(photo);
  });

  it('grants a URL for a photo of exactly MAX_PHOTO_BYTES', async () => {
    // Prepare
    const { doorbell, camera, requestUpload } = await setUp();
    const grant = granted(await requestUpload(camera, MAX_PHOTO_BYTES));

    // Act
    const upload = doorbell.photos.acceptUpload(grant.upload.url, new Uint8Array(MAX_PHOTO_BYTES));

    // Assess
    expect(upload).toEqual({ kind: 'stored', key: grant.photoKey });
  });

  it.each([MAX_PHOTO_BYTES + 1, 0, -1, 1.5, Number.NaN])('refuses to grant a URL for a photo of %d bytes', async (contentLength) => {
    // Prepare
    const { camera, requestUpload } = await setUp();

    // Act
    const result = await requestUpload(camera, contentLength);

    // Assess
    expect(result).toEqual({ kind: 'invalid', reason: expect.stringContaining(String(MAX_PHOTO_BYTES)) });
  });

  it('grants a URL that refuses a body of another length than signed, and stores nothing', async () => {
    // Prepare
    const { doorbell, camera, requestUpload } = await setUp();
    const grant = granted(await requestUpload(camera, 1000));

    // Act
    const upload = doorbell.photos.acceptUpload(grant.upload.url, new Uint8Array(1001));

    // Assess
    expect(upload).toEqual({ kind: 'refused', reason: 'the link is for a photo of 1000 bytes, got 1001' });
    expect(await doorbell.get(TOKENS.PhotoStore).read(grant.photoKey)).toBeUndefined();
  });

  it('grants a URL that still works just before the upload link expiry', async () => {
    // Prepare
    const { doorbell, requestUpload } = await setUp();
    const grant = granted(await requestUpload());
    doorbell.clock.advance(DEFAULT_RING_SETTINGS.uploadLinkExpiry - seconds(1));

    // Act
    const upload = doorbell.photos.acceptUpload(grant.upload.url, sample('alice-1.jpg'));

    // Assess
    expect(upload.kind).toBe('stored');
  });

  it('grants a URL that refuses an upload once the link has expired', async () => {
    // Prepare
    const { doorbell, requestUpload } = await setUp();
    const grant = granted(await requestUpload());
    doorbell.clock.advance(DEFAULT_RING_SETTINGS.uploadLinkExpiry + 1);

    // Act
    const upload = doorbell.photos.acceptUpload(grant.upload.url, sample('alice-1.jpg'));

    // Assess
    expect(upload).toEqual({ kind: 'refused', reason: 'upload link is expired' });
    expect(await doorbell.get(TOKENS.PhotoStore).read(grant.photoKey)).toBeUndefined();
  });

  it('grants a URL that cannot be redirected to another photo key', async () => {
    // Prepare
    const { doorbell, requestUpload } = await setUp();
    const grant = granted(await requestUpload());
    const tampered = grant.upload.url.replace(`-${grant.ringId}.jpg`, `-${grant.ringId}x.jpg`);

    // Act
    const upload = doorbell.photos.acceptUpload(tampered, sample('alice-1.jpg'));

    // Assess
    expect(tampered).not.toBe(grant.upload.url);
    expect(upload).toEqual({ kind: 'refused', reason: 'upload link is invalid' });
  });
});

describe('RequestUpload: without a camera', () => {
  it('puts camera: false in the photo key, and a camera-less press joins the open ring like any other', async () => {
    const { doorbell, camera } = await setUp();
    const press = (withCamera: boolean) =>
      doorbell.get(TOKENS.RequestUpload).execute({
        householdId: camera.householdId,
        deviceId: camera.id,
        role: camera.role,
        contentLength: 1000,
        camera: withCamera,
      });

    const first = granted(await press(false));
    doorbell.clock.advance(seconds(10));
    const second = granted(await press(true));

    expect(parsePhotoKey(first.photoKey)).toMatchObject({ ringId: first.ringId, camera: false });
    expect(first.photoKey).toContain('/no-camera/');
    expect(parsePhotoKey(second.photoKey)).not.toHaveProperty('camera');
    expect(second).toMatchObject({ ringId: first.ringId, debounced: true });
  });
});

describe('RequestUpload: debounce at press time', () => {
  it('gives a press 10 s after the opening press the same ring id, debounced, under its own photo key', async () => {
    // Prepare
    const { doorbell, requestUpload } = await setUp();
    const opening = granted(await requestUpload());
    doorbell.clock.advance(seconds(10));

    // Act
    const second = granted(await requestUpload());

    // Assess
    expect(opening.debounced).toBe(false);
    expect(second.debounced).toBe(true);
    expect(second.ringId).toBe(opening.ringId);
    expect(second.photoKey).not.toBe(opening.photoKey);
    expect(parsePhotoKey(second.photoKey)).toMatchObject({ ringId: opening.ringId, pressedAt: doorbell.clock.now() });
  });

  it.each([
    ['exactly one window (30 s)', seconds(30)],
    ['31 s', seconds(31)],
  ])('opens a new ring for a press %s after the opening press', async (_, later) => {
    // Prepare
    const { doorbell, requestUpload } = await setUp();
    const opening = granted(await requestUpload());
    doorbell.clock.advance(later);

    // Act
    const next = granted(await requestUpload());

    // Assess
    expect(next.debounced).toBe(false);
    expect(next.ringId).not.toBe(opening.ringId);
  });

  it('measures the window from the opening press, not the latest one (0 s and 20 s share a ring, 31 s opens one)', async () => {
    // Prepare
    const { doorbell, requestUpload } = await setUp();
    const opening = granted(await requestUpload());
    doorbell.clock.advance(seconds(20));
    const second = granted(await requestUpload());
    doorbell.clock.advance(seconds(11));

    // Act
    const third = granted(await requestUpload());
    doorbell.clock.advance(seconds(9));
    const fourth = granted(await requestUpload());

    // Assess
    expect(second).toMatchObject({ ringId: opening.ringId, debounced: true });
    expect(third.debounced).toBe(false);
    expect(third.ringId).not.toBe(opening.ringId);
    expect(fourth).toMatchObject({ ringId: third.ringId, debounced: true });
  });

  it('keeps the windows of two doorbells apart, even for presses at the same instant', async () => {
    // Prepare
    const { doorbell, camera, requestUpload } = await setUp();
    const back = await doorbell.registerDevice(HOME, 'doorbell', 'back door');

    // Act
    const front = granted(await requestUpload(camera));
    const rear = granted(await requestUpload(back));

    // Assess
    expect(front.debounced).toBe(false);
    expect(rear.debounced).toBe(false);
    expect(rear.ringId).not.toBe(front.ringId);
  });

  it('gives 5 concurrent presses of one doorbell one ring id, exactly one of them opening the window', async () => {
    // Prepare
    const { requestUpload } = await setUp();

    // Act
    const grants = (await Promise.all([1, 2, 3, 4, 5].map(() => requestUpload()))).map(granted);

    // Assess
    expect(new Set(grants.map((grant) => grant.ringId)).size).toBe(1);
    expect(grants.filter((grant) => !grant.debounced)).toHaveLength(1);
  });

  it('joins the window of a press that won the compare-and-set between its read and its write', async () => {
    // Prepare
    const { doorbell, camera, requestUpload } = await setUp();
    const store = doorbell.get(TOKENS.RingWindowRepository);
    let rival: Granted | undefined;
    const racing: RingWindowRepository = {
      current: (householdId, doorbellId) => store.current(householdId, doorbellId),
      replace: async (expected, next) => {
        // Another press of the same doorbell slips in just before this write.
        rival ??= granted(await requestUpload());
        return store.replace(expected, next);
      },
    };

    // Act
    const late = granted(
      await requestUploadOver(doorbell, racing).execute({ householdId: HOME, deviceId: camera.id, role: 'doorbell', contentLength: 100 }),
    );

    // Assess
    expect(rival?.debounced).toBe(false);
    expect(late).toMatchObject({ ringId: rival?.ringId, debounced: true });
  });

  it('gives up with RingWindowContentionError when it keeps losing the compare-and-set', async () => {
    // Prepare
    const { doorbell, camera } = await setUp();
    const store = doorbell.get(TOKENS.RingWindowRepository);
    let writes = 0;
    const alwaysLost: RingWindowRepository = {
      current: (householdId, doorbellId) => store.current(householdId, doorbellId),
      replace: async () => {
        writes += 1;
        return false;
      },
    };

    // Act
    const pressing = requestUploadOver(doorbell, alwaysLost).execute({
      householdId: HOME,
      deviceId: camera.id,
      role: 'doorbell',
      contentLength: 100,
    });

    // Assess
    await expect(pressing).rejects.toBeInstanceOf(RingWindowContentionError);
    expect(writes).toBeGreaterThan(1);
    expect(await store.current(HOME, camera.id)).toBeUndefined();
  });

  // A concurrent press A reads the clock at T0, but its read of the window is slow; press B at T0+5 ms opens the
  // window meanwhile. A must join B's window rather than open a second ring timed before it.
  it('folds a press timed a few ms before the opening press of a concurrently opened window into that window', async () => {
    // Prepare
    const { doorbell, camera, requestUpload } = await setUp();
    const store = doorbell.get(TOKENS.RingWindowRepository);
    let release: () => void = () => undefined;
    const slowRead = new Promise<void>((resolve) => (release = resolve));
    const slow: RingWindowRepository = {
      current: async (householdId, doorbellId) => {
        await slowRead;
        return store.current(householdId, doorbellId);
      },
      replace: (expected, next) => store.replace(expected, next),
    };
    const pressA = requestUploadOver(doorbell, slow).execute({
      householdId: HOME,
      deviceId: camera.id,
      role: 'doorbell',
      contentLength: 100,
    });
    doorbell.clock.advance(5);
    const b = granted(await requestUpload());

    // Act
    release();
    const a = granted(await pressA);

    // Assess
    expect(a.ringId).toBe(b.ringId);
    expect([a, b].filter((grant) => !grant.debounced)).toHaveLength(1);
  });
});
