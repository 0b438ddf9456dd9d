import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { answerOverSocket, failureReason, type SocketAnswer } from '../../dashboard/src/push/answer-over-socket';
import { seconds } from '../../domain/time';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { deviceToken, pressAndUpload } from '../support/local-doorbell-moves';
import { sample } from '../support/sample-photos';
import { SocketDevice } from '../support/socket-device';

/**
 * How the service worker answers a ring from a notification, run here over Node's `ws` (the same WebSocket API as
 * the browser's) against a real local doorbell: the `answer` action, as this device, and every way it can go.
 */
describe("answering from a notification: the service worker's WebSocket call", () => {
  let doorbell: RunningLocalDoorbell;
  let camera: SocketDevice;
  let partner: SocketDevice;
  let phoneToken: string;
  const answer = (request: Partial<SocketAnswer> & Pick<SocketAnswer, 'ringId'>) =>
    answerOverSocket({
      url: doorbell.webSocketUrl,
      token: phoneToken,
      reply: 'coming',
      timeoutMs: 10_000,
      openSocket: (url) => new WebSocket(url),
      ...request,
    });

  beforeAll(async () => {
    doorbell = await startLocalDoorbell({
      port: 0,
      telemetry: SILENT_TELEMETRY,
      settings: { debounceWindow: 0, answerWindow: seconds(5) },
    });
    camera = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'doorbell', 'front door'));
    partner = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Partner'));
    phoneToken = await deviceToken(doorbell, 'resident', 'Phone');
  }, 60_000);

  afterAll(async () => {
    camera?.socket.close();
    partner?.socket.close();
    await doorbell?.stop();
  });

  it('answers a pending ring as this device: the household is told, and the outcome names who answered', async () => {
    const { ringId } = await pressAndUpload(camera, sample('stranger.jpg'));
    await expect(answer({ ringId })).resolves.toEqual({ kind: 'answered', byName: 'Phone' });
    await expect(partner.next((m) => m.type === 'answer' && m['ringId'] === ringId)).resolves.toMatchObject({
      reply: 'coming',
      byName: 'Phone',
    });

    // The first answer wins: a second one is refused in the server's words.
    await expect(answer({ ringId, reply: 'not-home' })).resolves.toEqual({
      kind: 'refused',
      code: 'conflict',
      message: 'Phone already answered this ring',
    });
  }, 30_000);

  it('is refused for a ring that is not there, and too late once the answer window closed', async () => {
    await expect(answer({ ringId: 'no-such-ring' })).resolves.toMatchObject({ kind: 'refused', code: 'not-found' });

    const { ringId } = await pressAndUpload(camera, sample('stranger.jpg'));
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const late = await answer({ ringId });
    expect(late).toMatchObject({ kind: 'refused', code: 'expired' });
    if (late.kind !== 'refused') throw new Error('expected a refusal');
    expect(failureReason(late)).toContain('too late');
  }, 30_000);

  it('says unreachable for a refused token or no server, and timed out for a server that never replies', async () => {
    await expect(answer({ ringId: 'r', token: 'v1.not-a-token' })).resolves.toEqual({ kind: 'unreachable' });
    await expect(answer({ ringId: 'r', url: 'ws://127.0.0.1:1' })).resolves.toEqual({ kind: 'unreachable' });
    await expect(answer({ ringId: 'r', url: 'not a url' })).resolves.toEqual({ kind: 'unreachable' });

    const silent = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => silent.once('listening', resolve));
    try {
      const { port } = silent.address() as { port: number };
      await expect(answer({ ringId: 'r', url: `ws://127.0.0.1:${port}`, timeoutMs: 500 })).resolves.toEqual({ kind: 'timed-out' });
    } finally {
      for (const client of silent.clients) client.terminate();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 30_000);
});
