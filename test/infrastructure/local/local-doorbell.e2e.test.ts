import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../../adapters/lambda/telemetry';
import { openConnection } from '../../../domain/connection';
import { connectionId, deviceId, householdId, type HouseholdId } from '../../../domain/ids';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../../infrastructure/local/local-doorbell';
import { sample } from '../../support/sample-photos';
import { deviceToken, pressAndUpload } from '../../support/local-doorbell-moves';
import { SocketDevice as Device } from '../../support/socket-device';

let doorbell: RunningLocalDoorbell;
let home: HouseholdId;

const token = (role: 'resident' | 'doorbell', name: string) => deviceToken(doorbell, role, name);

async function ring(camera: Device, file: string): Promise<string> {
  const { ringId, status } = await pressAndUpload(camera, sample(file));
  expect(status).toBe(200);
  return ringId;
}

const listed = () => doorbell.container.get(TOKENS.ConnectionRepository).listByHousehold(home, Date.now());

beforeAll(async () => {
  doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY, settings: { debounceWindow: 0 } });
  home = householdId(doorbell.householdId);
  await doorbell.container.get(TOKENS.Enroll).execute({ householdId: home, name: 'Alice', photos: [sample('alice-1.jpg')] });
});
afterAll(() => doorbell.stop());

describe('the local doorbell over real sockets', () => {
  it('refuses a handshake without a token (401) or with a bad one (403), storing nothing', async () => {
    const before = (await listed()).length;
    await expect(Device.open(doorbell.webSocketUrl)).rejects.toThrow('refused 401');
    await expect(Device.open(doorbell.webSocketUrl, 'v1.bogus.token')).rejects.toThrow('refused 403');
    expect(await listed()).toHaveLength(before);
  });

  it('accepts a good token and answers ping', async () => {
    const phone = await Device.open(doorbell.webSocketUrl, await token('resident', 'Phone'));
    phone.send(JSON.stringify({ action: 'ping' }));
    expect(await phone.next((message) => message.type === 'pong')).toEqual({ type: 'pong', version: 1 });
    phone.socket.close();
  });

  it("rings every resident device with the visitor's name", async () => {
    const [phone, dashboard] = await Promise.all([
      Device.open(doorbell.webSocketUrl, await token('resident', 'Phone')),
      Device.open(doorbell.webSocketUrl, await token('resident', 'Dashboard')),
    ]);
    const camera = await Device.open(doorbell.webSocketUrl, await token('doorbell', 'front door'));

    const ringId = await ring(camera, 'alice-2.jpg');

    // The doorbell hears only that it rang (no name, no snapshot); the residents hear who is there.
    expect(await camera.next((message) => message.type === 'ringing' && message['ringId'] === ringId)).toEqual({
      type: 'ringing',
      version: 1,
      ringId,
      at: expect.any(String),
      answerableUntil: expect.any(String),
    });
    for (const device of [phone, dashboard]) {
      expect(await device.next((message) => message.type === 'ring' && message['ringId'] === ringId)).toMatchObject({
        outcome: 'known',
        text: 'Alice is at the front door',
        visitors: [{ name: 'Alice' }],
      });
    }
    const snapshot = await fetch(String(phone.messages.find((message) => message.type === 'ring')?.['snapshotUrl']));
    expect(new Uint8Array(await snapshot.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
    [phone, dashboard, camera].forEach((device) => device.socket.close());
  });

  it('rings without a camera: the resident hears exactly "Someone is at the front door", with the uploaded card', async () => {
    const phone = await Device.open(doorbell.webSocketUrl, await token('resident', 'Phone'));
    const camera = await Device.open(doorbell.webSocketUrl, await token('doorbell', 'front door'));

    // Alice's photo, marked camera-less: the doorbell's own word, so nobody is recognized on it.
    const { ringId, status } = await pressAndUpload(camera, sample('alice-2.jpg'), { camera: false });
    expect(status).toBe(200);

    const ring = await phone.next((message) => message.type === 'ring' && message['ringId'] === ringId);
    expect(ring).toMatchObject({ outcome: 'unavailable', text: 'Someone is at the front door', visitors: [], unknownFaces: 0 });
    const snapshot = await fetch(String(ring['snapshotUrl']));
    expect(snapshot.status).toBe(200);
    expect(await camera.next((message) => message.type === 'ringing' && message['ringId'] === ringId)).toMatchObject({ ringId });
    [phone, camera].forEach((device) => device.socket.close());
  });

  it('prunes a device that vanished without a close frame, and still notifies the others', async () => {
    const phone = await Device.open(doorbell.webSocketUrl, await token('resident', 'Phone'));
    const vanishing = await Device.open(doorbell.webSocketUrl, await token('resident', 'Tablet'));
    const camera = await Device.open(doorbell.webSocketUrl, await token('doorbell', 'side door'));
    // A stored connection the gateway no longer has: what a device that vanished leaves behind until a push 410s.
    const ghost = openConnection({
      id: connectionId('GhostConnId='),
      householdId: home,
      deviceId: deviceId('ghost'),
      role: 'resident',
      connectedAt: Date.now(),
    });
    await doorbell.container.get(TOKENS.ConnectionRepository).save(ghost);
    (vanishing.socket as unknown as { _socket: { destroy(): void } })._socket.destroy();

    const ringId = await ring(camera, 'stranger.jpg');

    expect(await phone.next((message) => message.type === 'ring' && message['ringId'] === ringId)).toMatchObject({ outcome: 'unknown' });
    await expect.poll(async () => (await listed()).map((connection) => connection.id)).not.toContain(ghost.id);
    expect(vanishing.messages.filter((message) => message['ringId'] === ringId)).toEqual([]);
    phone.socket.close();
    camera.socket.close();
  });

  it('answers garbage and non-JSON frames with an error, closes an oversize one with 1009, and keeps serving', async () => {
    const sender = await Device.open(doorbell.webSocketUrl, await token('resident', 'Phone'));
    const bystander = await Device.open(doorbell.webSocketUrl, await token('resident', 'Watch'));

    sender.send('this is not JSON');
    expect(await sender.next((message) => message.type === 'error')).toMatchObject({ code: 'bad-request' });
    sender.messages.length = 0;
    sender.send(JSON.stringify({ action: 'openTheDoor' }));
    expect(await sender.next((message) => message.type === 'error')).toMatchObject({ code: 'unknown-action' });
    sender.messages.length = 0;
    sender.send(JSON.stringify({ action: 'history', limit: 'lots' }));
    expect(await sender.next((message) => message.type === 'error')).toMatchObject({ code: 'bad-request' });

    const closed = sender.closed();
    sender.send(Buffer.alloc(129 * 1024, 'x').toString());
    expect(await closed).toBe(1009);

    bystander.send(JSON.stringify({ action: 'ping' }));
    expect(await bystander.next((message) => message.type === 'pong')).toMatchObject({ type: 'pong' });
    bystander.socket.close();
  });

  it('serves the history to a resident over the socket', async () => {
    const phone = await Device.open(doorbell.webSocketUrl, await token('resident', 'Phone'));
    phone.send(JSON.stringify({ action: 'history', limit: 1 }));
    const history = await phone.next((message) => message.type === 'history');
    expect(history['rings']).toHaveLength(1);
    expect(history['next']).toBeDefined();
    phone.socket.close();
  });
});
