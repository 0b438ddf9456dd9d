import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../../adapters/lambda/telemetry';
import { MAX_PHOTO_BYTES } from '../../../domain/face';
import { householdId } from '../../../domain/ids';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../../infrastructure/local/local-doorbell';
import { deviceToken, pressAndUpload } from '../../support/local-doorbell-moves';
import { awkwardPhotos, realFacePhotos } from '../../support/real-face-photos';
import { SocketDevice as Device, type Message } from '../../support/socket-device';

/**
 * The local doorbell with the face model (what `doorbell start` runs), over real sockets, on real photos, with a
 * data folder. One doorbell (one loaded model) for the whole file; each test rings its own doorbells.
 */
const TIMEOUT = 120_000;
const HOME = householdId('home');
const NAMED_AT_FRONT_DOOR = 'Eileen Collins is at the front door';
const dataDir = mkdtempSync(join(tmpdir(), 'doorbell-model-'));
const start = () =>
  startLocalDoorbell({ port: 0, dataDir, recognizer: 'model', telemetry: SILENT_TELEMETRY, settings: { debounceWindow: 0 } });
let doorbell: RunningLocalDoorbell;
let phone: Device;

const camera = async (name: string) => Device.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'doorbell', name));
const ringFor = (ringId: string) => (message: Message) => message.type === 'ring' && message['ringId'] === ringId;

async function ring(name: string, photo: Uint8Array): Promise<Message> {
  const { ringId, status } = await pressAndUpload(await camera(name), photo);
  expect(status).toBe(200);
  return phone.next(ringFor(ringId));
}

beforeAll(async () => {
  doorbell = await start();
  await doorbell.container.get(TOKENS.Enroll).execute({ householdId: HOME, name: 'Eileen Collins', photos: [realFacePhotos.personA] });
  phone = await Device.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Phone'));
}, TIMEOUT);
afterAll(() => doorbell.stop());

describe('the local doorbell with the face model', () => {
  it('reports which recognizer runs and how long it took to load', () => {
    expect(doorbell.recognizer.choice).toBe('model');
    expect(doorbell.recognizer.loadMs).toBeGreaterThan(0);
  });

  it('names an enrolled visitor in another photo, alone or with someone; another person stays unknown', { timeout: TIMEOUT }, async () => {
    expect(await ring('front door', realFacePhotos.personAAgain)).toMatchObject({ outcome: 'known', text: NAMED_AT_FRONT_DOOR });
    expect(await ring('back door', realFacePhotos.personB)).toMatchObject({ outcome: 'unknown' });
    expect(await ring('garden gate', realFacePhotos.personAWithB)).toMatchObject({
      outcome: 'known',
      text: 'Eileen Collins and 1 unknown visitor are at the garden gate',
    });
  });

  it('answers every ping while ten photos are identified, before the first of them is announced', { timeout: TIMEOUT }, async () => {
    const cameras = await Promise.all(Array.from({ length: 10 }, (_, i) => camera(`gate ${i}`)));
    phone.messages.length = 0;
    const rings = await Promise.all(cameras.map((gate) => pressAndUpload(gate, realFacePhotos.personAAgain)));
    for (let ping = 0; ping < 10; ping++) {
      phone.send(JSON.stringify({ action: 'ping' }));
      await phone.next((message) => message.type === 'pong' && phone.messages.filter((m) => m.type === 'pong').length === ping + 1);
    }
    for (const { ringId } of rings) expect(await phone.next(ringFor(ringId))).toMatchObject({ outcome: 'known' });
    const kinds = phone.messages.map((message) => message.type).filter((type) => type === 'pong' || type === 'ring');
    expect(kinds).toEqual([...Array(10).fill('pong'), ...Array(10).fill('ring')]);
  });

  it('gives awkward photos a named outcome, records and announces every ring', { timeout: TIMEOUT }, async () => {
    // Empty and over-5-MB photos are refused before upload (no upload link is granted), so they never make a ring.
    const uploadable = (await awkwardPhotos()).filter(({ photo }) => photo.byteLength > 0 && photo.byteLength <= MAX_PHOTO_BYTES);
    for (const [index, { name, photo, expected }] of uploadable.entries()) {
      const announced = await ring(`door ${index}`, photo);
      const named = { outcome: 'known', text: `Eileen Collins is at the door ${index}` };
      const outcome = expected === 'face' ? named : { outcome: 'unavailable' };
      expect({ name, ...announced }).toMatchObject({ name, ...outcome });
    }
    const { rings } = await doorbell.container.get(TOKENS.RingHistory).execute({ householdId: HOME, limit: 50 });
    expect(rings.length).toBeGreaterThanOrEqual(uploadable.length);
  });

  it('keeps descriptors across a restart, readable by the owner only; forget deletes them from disk', { timeout: TIMEOUT }, async () => {
    await doorbell.stop();
    doorbell = await start();
    phone = await Device.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Phone'));
    expect(await ring('front door', realFacePhotos.personAAgain)).toMatchObject({ outcome: 'known', text: NAMED_AT_FRONT_DOOR });

    const folder = join(dataDir, 'face-descriptors');
    const [file] = readdirSync(folder);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, file!)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(folder, file!), 'utf8'))).toHaveLength(1);

    const forgotten = await doorbell.container.get(TOKENS.Forget).execute({ householdId: HOME, name: 'Eileen Collins' });
    expect(forgotten).toMatchObject({ kind: 'forgotten' });
    expect(readdirSync(folder)).toEqual([]);
    expect(await ring('side door', realFacePhotos.personAAgain)).toMatchObject({ outcome: 'unknown' });
  });
});
