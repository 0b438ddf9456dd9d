import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../../adapters/lambda/telemetry';
import { householdId } from '../../../domain/ids';
import { MAX_PUSH_PAYLOAD_BYTES, type RingPushPayload } from '../../../domain/protocol/push-payload';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../../infrastructure/local/local-doorbell';
import { deviceToken, pressAndUpload } from '../../support/local-doorbell-moves';
import { startPushService, startThrottlingProxy, type TestSubscription } from '../../support/push-service';
import { sample } from '../../support/sample-photos';
import { SocketDevice, type Message } from '../../support/socket-device';

/**
 * Web Push end to end: the local doorbell (real sockets, the deployed workflow definition with its PushRing state,
 * the real WebPushSender) against web-push-testing, a push service on loopback that checks the VAPID signature and
 * decrypts what it receives. A resident subscribes through the protocol as a dashboard would.
 */
let doorbell: RunningLocalDoorbell;
let pushService: Awaited<ReturnType<typeof startPushService>>;
const devices: SocketDevice[] = [];
let households = 0;

beforeAll(async () => {
  pushService = await startPushService();
  doorbell = await startLocalDoorbell({
    port: 0,
    telemetry: SILENT_TELEMETRY,
    settings: { debounceWindow: 0 },
    // A push service that hangs must not hold the test for the default 5 s per attempt.
    pushSender: { timeoutMs: 2_000, baseDelayMs: 50 },
  });
});

afterAll(async () => {
  for (const device of devices) device.socket.close();
  await doorbell?.stop();
  await pushService?.close();
});

const ofType =
  (type: string, extra: (message: Message) => boolean = () => true) =>
  (message: Message) =>
    message.type === type && extra(message);

/** A household of its own per test, with Alice enrolled, its doorbell and a resident connected. */
async function household() {
  const home = `push-home-${++households}`;
  await doorbell.container.get(TOKENS.Enroll).execute({ householdId: householdId(home), name: 'Alice', photos: [sample('alice-1.jpg')] });
  const connect = async (role: 'resident' | 'doorbell', name: string) => {
    const device = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, role, name, { household: home }));
    devices.push(device);
    return device;
  };
  return { home, camera: await connect('doorbell', 'front door'), phone: await connect('resident', "Sam's phone"), connect };
}

/** What a dashboard does: ask for the key, subscribe at the push service with it, hand the subscription over. */
async function subscribe(phone: SocketDevice, endpointOf: (subscription: TestSubscription) => string = (s) => s.endpoint) {
  phone.messages.length = 0;
  phone.send(JSON.stringify({ action: 'pushKey' }));
  const { publicKey } = await phone.next(ofType('pushKey'));
  const subscription = await pushService.subscribe(String(publicKey));
  const endpoint = endpointOf(subscription);
  phone.send(JSON.stringify({ action: 'subscribePush', subscription: { endpoint, expirationTime: null, keys: subscription.keys } }));
  const reply = await phone.next(ofType('pushSubscriptions'));
  return { subscription, endpoint, reply };
}

async function notificationsEventually(clientHash: string, count: number): Promise<RingPushPayload[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const received = await pushService.notifications(clientHash);
    if (received.length >= count || Date.now() > deadline) return received.map((text) => JSON.parse(text) as RingPushPayload);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends one frame and waits for its `pushSubscriptions` reply (one question at a time: replies carry no id). */
async function ask(phone: SocketDevice, frame: object): Promise<Message> {
  phone.messages.length = 0;
  phone.send(JSON.stringify(frame));
  return phone.next((message) => message.type === 'pushSubscriptions' || message.type === 'error');
}

async function subscriptionsOf(phone: SocketDevice): Promise<unknown[]> {
  return (await ask(phone, { action: 'pushSubscriptions' }))['subscriptions'] as unknown[];
}

describe('Web Push through the local doorbell and a push service on loopback', () => {
  it('subscribe, ring: the push arrives and decrypts to the documented payload, for this household only', async () => {
    // Prepare
    const { phone, camera } = await household();
    const { subscription, endpoint, reply } = await subscribe(phone);
    const neighbour = await household();
    const theirs = await subscribe(neighbour.phone);

    // Act
    const { ringId } = await pressAndUpload(camera, sample('alice-2.jpg'));

    // Assess
    expect(reply).toMatchObject({ type: 'pushSubscriptions', version: 1, subscriptions: [{ endpoint, createdAt: expect.any(String) }] });
    const ring = await phone.next(ofType('ring', (message) => message['ringId'] === ringId));
    const [payload, ...more] = await notificationsEventually(subscription.clientHash, 1);
    expect(more).toEqual([]);
    expect(payload).toEqual({
      type: 'ring',
      version: 1,
      ringId,
      at: ring['at'],
      outcome: 'known',
      text: 'Alice is at the front door',
      visitors: [{ name: 'Alice' }],
      unknownFaces: 0,
      snapshotUrl: expect.stringMatching(new RegExp(`^${doorbell.httpUrl}/photos/`)),
      answerBy: ring['answerableUntil'],
      quickReplies: ['Coming!', 'Leave it at the door'],
      quickReplyPresets: ['coming', 'leave-it-at-the-door'],
      url: `/dashboard/#ring=${ringId}`,
    });
    expect(new TextEncoder().encode(JSON.stringify(payload)).length).toBeLessThanOrEqual(MAX_PUSH_PAYLOAD_BYTES);
    expect(await pushService.notifications(theirs.subscription.clientHash)).toEqual([]);
  });

  it('subscribing again with the same endpoint keeps one subscription; a device removes its own', async () => {
    const { phone } = await household();
    const { subscription, endpoint } = await subscribe(phone);
    expect(await ask(phone, { action: 'subscribePush', subscription: { endpoint, keys: subscription.keys } })).toMatchObject({
      subscriptions: [{ endpoint }],
    });
    expect(await subscriptionsOf(phone)).toHaveLength(1);

    expect(await ask(phone, { action: 'unsubscribePush', endpoint })).toMatchObject({ subscriptions: [] });
    expect(await ask(phone, { action: 'unsubscribePush', endpoint })).toMatchObject({ subscriptions: [] });
    expect(await subscriptionsOf(phone)).toEqual([]);
  });

  it('a subscription the push service says is gone (410) is deleted, and the ring still reaches the sockets', async () => {
    const { phone, camera } = await household();
    const { subscription } = await subscribe(phone);
    await pushService.expire(subscription.clientHash);

    const { ringId } = await pressAndUpload(camera, sample('alice-2.jpg'));

    await phone.next(ofType('ring', (message) => message['ringId'] === ringId));
    const deadline = Date.now() + 10_000;
    while ((await subscriptionsOf(phone)).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await subscriptionsOf(phone)).toEqual([]);
    expect(await pushService.notifications(subscription.clientHash)).toEqual([]);
  });

  it('a push throttled once (429, Retry-After) is retried after the wait and delivered exactly once', async () => {
    const proxy = await startThrottlingProxy(pushService.origin, { times: 1, retryAfterSeconds: 1 });
    try {
      const { phone, camera } = await household();
      const { subscription, endpoint } = await subscribe(phone, (s) => proxy.via(s.endpoint));

      await pressAndUpload(camera, sample('alice-2.jpg'));

      expect(await notificationsEventually(subscription.clientHash, 1)).toHaveLength(1);
      expect(proxy.seen.get(new URL(endpoint).pathname)).toBe(2);
      expect(proxy.statuses).toEqual([429, 201]);
      // Nothing more comes: the one delivery was the only one.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await pushService.notifications(subscription.clientHash)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('a push service that hangs neither delays nor fails the ring: the sockets hear it while the push waits', async () => {
    const hanging = await startHangingServer();
    try {
      const { phone, camera, connect } = await household();
      const { subscription } = await subscribe(phone, (s) => `${hanging.origin}/push/${s.clientHash}`);

      const { ringId } = await pressAndUpload(camera, sample('alice-2.jpg'));
      await hanging.requested;

      // The push is still unanswered, and the ring has reached the household's sockets.
      expect(hanging.open()).toBeGreaterThan(0);
      await phone.next(ofType('ring', (message) => message['ringId'] === ringId));
      await camera.next(ofType('ring', (message) => message['ringId'] === ringId));
      // The run goes on to the answer wait once the push gives up: an answer is taken.
      const kim = await connect('resident', "Kim's tablet");
      kim.send(JSON.stringify({ action: 'answer', ringId, reply: 'coming' }));
      expect(await camera.next(ofType('answer'), 15_000)).toMatchObject({ ringId, reply: 'coming' });
      expect(await subscriptionsOf(phone)).toHaveLength(1);
      expect(await pushService.notifications(subscription.clientHash)).toEqual([]);
    } finally {
      hanging.close();
    }
  });
});

/** A "push service" that accepts requests and never answers them. */
async function startHangingServer() {
  const pending = new Set<ServerResponse>();
  let requested!: () => void;
  const firstRequest = new Promise<void>((resolve) => {
    requested = resolve;
  });
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    pending.add(response);
    response.once('close', () => pending.delete(response));
    requested();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested: firstRequest,
    open: () => pending.size,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
