import { describe, expect, it } from 'vitest';
import type { RequestUploadResult } from '../../application/request-upload';
import { DEFAULT_RING_SETTINGS } from '../../application/settings';
import { MAX_PHOTO_BYTES } from '../../domain/face';
import { parsePhotoKey } from '../../domain/photo-key';
import { seconds } from '../../domain/time';
import { TOKENS } from '../../infrastructure/di/tokens';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

type Granted = Extract<RequestUploadResult, { kind: 'granted' }>;

function granted(result: RequestUploadResult): Granted {
  if (result.kind !== 'granted') throw new Error(`expected an upload grant, got ${result.kind}: ${result.reason}`);
  return result;
}

async function setUp() {
  const doorbell = inMemoryDoorbell();
  const camera = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
  const requestUpload = () =>
    doorbell.get(TOKENS.RequestUpload).execute({ householdId: HOME, deviceId: camera.id, role: 'doorbell' });
  return { doorbell, camera, requestUpload };
}

describe('RequestUpload', () => {
  it('forbids a resident device to upload a ring photo', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const phone = await doorbell.registerDevice(HOME, 'resident', 'Phone');

    // Act
    const result = await doorbell.get(TOKENS.RequestUpload).execute({ householdId: HOME, deviceId: phone.id, role: 'resident' });

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
      headers: { 'content-type': 'image/jpeg' },
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

  it('gives every press its own ring id and photo key', async () => {
    // Prepare
    const { requestUpload } = await setUp();

    // Act
    const first = granted(await requestUpload());
    const second = granted(await requestUpload());

    // Assess
    expect(second.ringId).not.toBe(first.ringId);
    expect(second.photoKey).not.toBe(first.photoKey);
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

  it('grants a URL that accepts a photo of exactly MAX_PHOTO_BYTES', async () => {
    // Prepare
    const { doorbell, requestUpload } = await setUp();
    const grant = granted(await requestUpload());

    // Act
    const upload = doorbell.photos.acceptUpload(grant.upload.url, new Uint8Array(MAX_PHOTO_BYTES));

    // Assess
    expect(upload).toEqual({ kind: 'stored', key: grant.photoKey });
  });

  it('grants a URL that refuses a photo larger than MAX_PHOTO_BYTES and stores nothing', async () => {
    // Prepare
    const { doorbell, requestUpload } = await setUp();
    const grant = granted(await requestUpload());

    // Act
    const upload = doorbell.photos.acceptUpload(grant.upload.url, new Uint8Array(MAX_PHOTO_BYTES + 1));

    // Assess
    expect(upload).toEqual({ kind: 'refused', reason: expect.stringContaining(String(MAX_PHOTO_BYTES)) });
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
