import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../adapters/in-memory/manual-clock';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { DEFAULT_RING_SETTINGS } from '../../application/settings';
import { householdId } from '../../domain/ids';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { deviceToken, requestUploadLink, upload } from '../support/local-doorbell-moves';
import { sample } from '../support/sample-photos';
import { SocketDevice } from '../support/socket-device';

/**
 * Upload and snapshot links expire, over real HTTP: the local doorbell's photo links (HMAC-signed, with the
 * doorbell's clock, here a manual one) refuse with 403 once past their expiry, and an expired upload stores nothing
 * and rings nobody. The S3 presigned links (`X-Amz-Expires`, refused by the loopback S3 after expiry) are tested in
 * test/adapters/s3/s3-photo-store.integration.test.ts.
 */
const { uploadLinkExpiry, snapshotLinkExpiry } = DEFAULT_RING_SETTINGS;
const photo = sample('stranger.jpg');

let doorbell: RunningLocalDoorbell;
let camera: SocketDevice;
let phone: SocketDevice;
const clock = new ManualClock(Date.now());

beforeAll(async () => {
  doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY, clock });
  camera = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'doorbell', 'front door'));
  phone = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Phone'));
});
afterAll(async () => {
  [camera, phone].forEach((device) => device?.socket.close());
  await doorbell?.stop();
});

const history = async () =>
  (await doorbell.container.get(TOKENS.RingHistory).execute({ householdId: householdId(doorbell.householdId) })).rings;

describe('photo links over real HTTP', () => {
  it('an upload link is refused once expired, and the late upload stores nothing and rings nobody', async () => {
    const link = await requestUploadLink(camera, photo.byteLength);

    clock.advance(uploadLinkExpiry + 1_000);
    const late = await upload(link, photo);

    expect(late.status).toBe(403);
    expect(await history()).toEqual([]);
    expect(phone.messages.filter((message) => message.type === 'ring')).toEqual([]);
  });

  it('an upload link works just before its expiry; the snapshot link works until its expiry, then is refused', async () => {
    const link = await requestUploadLink(camera, photo.byteLength);
    clock.advance(uploadLinkExpiry - 1_000);
    expect((await upload(link, photo)).status).toBe(200);
    const ring = await phone.next((message) => message.type === 'ring' && message['ringId'] === link.ringId);
    const snapshotUrl = String(ring['snapshotUrl']);

    clock.advance(snapshotLinkExpiry - 1_000);
    const inTime = await fetch(snapshotUrl);
    expect(inTime.status).toBe(200);
    expect(new Uint8Array(await inTime.arrayBuffer())).toEqual(photo);

    clock.advance(2_000);
    expect((await fetch(snapshotUrl)).status).toBe(403);
  });

  it('an upload link works once: a replay, even after the ring was announced, is refused and the photo kept', async () => {
    clock.advance(DEFAULT_RING_SETTINGS.debounceWindow + 1_000);
    const link = await requestUploadLink(camera, photo.byteLength);
    expect((await upload(link, photo)).status).toBe(200);
    const ring = await phone.next((message) => message.type === 'ring' && message['ringId'] === link.ringId);

    const html = new Uint8Array(photo.byteLength).fill(0x20);
    html.set(new TextEncoder().encode('<html><script>alert(1)</script>'));
    const replay = await upload(link, html);
    const served = await fetch(String(ring['snapshotUrl']));

    expect(replay.status).toBe(412);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(photo);
  });

  it('serves a snapshot as what its bytes are, never sniffed, under a policy that loads nothing', async () => {
    const jpeg = await ringWith(photo);
    const html = await ringWith(new TextEncoder().encode('<!doctype html><script>alert(document.cookie)</script>'));

    expect(Object.fromEntries(jpeg.headers)).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'content-security-policy': expect.stringMatching(/^default-src 'none'/),
    });
    expect(Object.fromEntries(html.headers)).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
      'content-security-policy': expect.stringMatching(/^default-src 'none'/),
    });
  });
});

/** The doorbell rings with these bytes; the residents' snapshot link, fetched. */
async function ringWith(bytes: Uint8Array): Promise<Response> {
  clock.advance(DEFAULT_RING_SETTINGS.debounceWindow + 1_000); // a new press, not one joining the last ring
  const link = await requestUploadLink(camera, bytes.byteLength);
  expect((await upload(link, bytes)).status).toBe(200);
  const ring = await phone.next((message) => message.type === 'ring' && message['ringId'] === link.ringId);
  const response = await fetch(String(ring['snapshotUrl']));
  expect(response.status).toBe(200);
  return response;
}
