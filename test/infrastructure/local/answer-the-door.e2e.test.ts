import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../../adapters/lambda/telemetry';
import { householdId, ringId, type HouseholdId } from '../../../domain/ids';
import { seconds } from '../../../domain/time';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../../infrastructure/local/local-doorbell';
import { sample } from '../../support/sample-photos';
import { deviceToken, pressAndUpload } from '../../support/local-doorbell-moves';
import { SocketDevice as Device, type Message } from '../../support/socket-device';

/**
 * Quick replies and one-time access codes over the local doorbell: real WebSockets through the local gateway, the
 * same Lambda handlers, and the deployed workflow definition waiting for the answer with its task token.
 */
let doorbell: RunningLocalDoorbell;
let home: HouseholdId;
const devices: Device[] = [];

async function device(role: 'resident' | 'doorbell', name: string, household: HouseholdId = home): Promise<Device> {
  const opened = await Device.open(doorbell.webSocketUrl, await deviceToken(doorbell, role, name, { household }));
  devices.push(opened);
  return opened;
}

async function ring(camera: Device, file: string): Promise<string> {
  const { ringId, status } = await pressAndUpload(camera, sample(file));
  expect(status).toBe(200);
  return ringId;
}

const ofType =
  (type: string, extra: (message: Message) => boolean = () => true) =>
  (message: Message) =>
    message.type === type && extra(message);

beforeAll(async () => {
  // A short answer window, so that the unanswered path runs in seconds.
  doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY, settings: { debounceWindow: 0, answerWindow: seconds(5) } });
  home = householdId(doorbell.householdId);
  await doorbell.container.get(TOKENS.Enroll).execute({ householdId: home, name: 'Alice', trusted: true, photos: [sample('alice-1.jpg')] });
});

afterAll(async () => {
  for (const opened of devices) opened.socket.close();
  await doorbell?.stop();
});

describe('answering the door over the local doorbell', () => {
  it('ring → a resident answers → the doorbell shows it, the other resident sees who answered; the first answer wins', async () => {
    const camera = await device('doorbell', 'front door');
    const sam = await device('resident', "Sam's phone");
    const kim = await device('resident', "Kim's tablet");
    const ringId = await ring(camera, 'stranger.jpg');
    await sam.next(ofType('ring', (message) => message['ringId'] === ringId));

    sam.send(JSON.stringify({ action: 'answer', ringId, reply: 'leave-it-at-the-door' }));

    const shown = { type: 'answer', ringId, reply: 'leave-it-at-the-door', byName: "Sam's phone" };
    // The door shows the reply, never who answered.
    expect(await camera.next(ofType('reply'))).toEqual({
      type: 'reply',
      version: 1,
      ringId,
      reply: 'leave-it-at-the-door',
      at: expect.any(String),
    });
    expect(await kim.next(ofType('answer'))).toMatchObject(shown);
    expect(await sam.next(ofType('answer'))).toMatchObject(shown);

    kim.send(JSON.stringify({ action: 'answer', ringId, reply: 'coming' }));
    expect(await kim.next(ofType('error'))).toMatchObject({ code: 'conflict', message: expect.stringContaining("Sam's phone") });
    expect(camera.messages.filter(ofType('reply'))).toHaveLength(1);
    expect(camera.messages.filter(ofType('answer'))).toEqual([]);
  });

  it('refuses an answer from another household, to an unknown ring, and from the doorbell, each with a clear error', async () => {
    const camera = await device('doorbell', 'side door');
    const ringId = await ring(camera, 'stranger.jpg');
    const stranger = await device('resident', 'Next door', householdId('home-next-door'));

    stranger.send(JSON.stringify({ action: 'answer', ringId, reply: 'coming' }));
    expect(await stranger.next(ofType('error'))).toMatchObject({ code: 'not-found' });
    stranger.messages.length = 0;
    stranger.send(JSON.stringify({ action: 'answer', ringId: 'no-such-ring', reply: 'coming' }));
    expect(await stranger.next(ofType('error'))).toMatchObject({ code: 'not-found' });
    camera.send(JSON.stringify({ action: 'answer', ringId, reply: 'coming' }));
    expect(await camera.next(ofType('error'))).toMatchObject({ code: 'forbidden' });
  });

  it('trusted visitor → a code to the residents only → the keypad opens once, then refuses the same code', async () => {
    const camera = await device('doorbell', 'back door');
    const sam = await device('resident', "Sam's watch");
    const ringId = await ring(camera, 'alice-2.jpg');

    const issued = await sam.next(ofType('accessCode', (message) => message['ringId'] === ringId));
    expect(issued).toMatchObject({ visitorName: 'Alice', code: expect.stringMatching(/^[0-9]{6}$/) });
    await camera.next(ofType('ringing', (message) => message['ringId'] === ringId));
    expect(camera.messages.filter(ofType('accessCode'))).toEqual([]);

    camera.send(JSON.stringify({ action: 'verifyCode', code: issued['code'] }));
    expect(await camera.next(ofType('codeResult'))).toEqual({ type: 'codeResult', version: 1, result: 'valid', visitorName: 'Alice' });
    camera.send(JSON.stringify({ action: 'verifyCode', code: issued['code'] }));
    expect(await camera.next(ofType('codeResult', (message) => message['result'] === 'invalid'))).toEqual({
      type: 'codeResult',
      version: 1,
      result: 'invalid',
    });
  });

  it('nobody answers → the workflow records the ring unanswered at the window, and a late answer is refused', async () => {
    const camera = await device('doorbell', 'garage');
    const sam = await device('resident', "Sam's laptop");
    const id = await ring(camera, 'stranger.jpg');
    const announced = await sam.next(ofType('ring', (message) => message['ringId'] === id));
    // The ring tells devices the deployment's deadline (this doorbell's 5 s window), so they stop offering replies.
    expect(Date.parse(String(announced['answerableUntil'])) - Date.parse(String(announced['at']))).toBe(5_000);

    const answers = doorbell.container.get(TOKENS.AnswerRepository);
    const deadline = Date.now() + 20_000;
    let response = await answers.get(home, ringId(id), Date.now());
    while (response === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      response = await answers.get(home, ringId(id), Date.now());
    }
    expect(response).toMatchObject({ kind: 'unanswered', ringId: id });

    sam.send(JSON.stringify({ action: 'answer', ringId: id, reply: 'coming' }));
    expect(await sam.next(ofType('error'))).toMatchObject({ code: 'expired' });
  }, 30_000);
});
