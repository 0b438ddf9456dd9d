import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import type { DeviceCredentials } from '../../dashboard/src/push/device-credentials';
import {
  renewSubscription,
  type RenewableSubscription,
  type RenewalContext,
  type SubscriptionChange,
} from '../../dashboard/src/push/subscription-renewal';
import { householdId } from '../../domain/ids';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { deviceToken } from '../support/local-doorbell-moves';
import { startPushService, type TestSubscription } from '../support/push-service';
import { SocketDevice } from '../support/socket-device';

/**
 * What the service worker does on `pushsubscriptionchange` (a browser renewing its push subscription), run here over
 * Node's `ws` against a real local doorbell, with real subscriptions made by a push service on loopback: the server
 * ends up pushing to the new endpoint only, whichever of the event's subscriptions the browser filled in.
 */
describe("renewing a push subscription: the service worker's pushsubscriptionchange", () => {
  let doorbell: RunningLocalDoorbell;
  let pushService: Awaited<ReturnType<typeof startPushService>>;
  let phone: SocketDevice;
  let credentials: DeviceCredentials;
  let serverKey: string;

  const asBrowserSubscription = (subscription: TestSubscription): RenewableSubscription => ({
    endpoint: subscription.endpoint,
    toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: { ...subscription.keys } }),
  });
  const keyBytes = (base64url: string): ArrayBuffer => new Uint8Array(Buffer.from(base64url, 'base64url')).buffer;
  const storedEndpoints = async () =>
    (await doorbell.container.get(TOKENS.PushSubscriptionRepository).listByHousehold(householdId(doorbell.householdId)))
      .map((s) => s.endpoint)
      .sort();
  /** The phone's subscription as the page registers it when "Notify this device" is switched on. */
  const subscribedAsThePageDoes = async (): Promise<TestSubscription> => {
    const subscription = await pushService.subscribe(serverKey);
    phone.send(JSON.stringify({ action: 'subscribePush', subscription: { endpoint: subscription.endpoint, keys: subscription.keys } }));
    await phone.next((m) => m.type === 'pushSubscriptions' && JSON.stringify(m).includes(subscription.endpoint));
    return subscription;
  };
  const context = (overrides: Partial<RenewalContext> = {}): RenewalContext => ({
    subscribe: async (key) => asBrowserSubscription(await pushService.subscribe(Buffer.from(key).toString('base64url'))),
    credentials: async () => credentials,
    timeoutMs: 10_000,
    openSocket: (url) => new WebSocket(url),
    ...overrides,
  });

  beforeAll(async () => {
    doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY });
    pushService = await startPushService();
    const token = await deviceToken(doorbell, 'resident', 'Phone');
    credentials = { url: doorbell.webSocketUrl, token };
    phone = await SocketDevice.open(doorbell.webSocketUrl, token);
    phone.send(JSON.stringify({ action: 'pushKey' }));
    serverKey = String((await phone.next((m) => m.type === 'pushKey'))['publicKey']);
  }, 60_000);

  beforeEach(async () => {
    // Each test starts from the phone's one subscription of the page's switch, or none.
    for (const endpoint of await storedEndpoints()) {
      phone.send(JSON.stringify({ action: 'unsubscribePush', endpoint }));
      await phone.next((m) => m.type === 'pushSubscriptions' && !JSON.stringify(m).includes(endpoint));
    }
  });

  afterAll(async () => {
    phone?.socket.close();
    await pushService?.close();
    await doorbell?.stop();
  });

  it('registers the subscription the event names and forgets the old endpoint', async () => {
    const old = await subscribedAsThePageDoes();
    const renewed = await pushService.subscribe(serverKey);
    const change: SubscriptionChange = { oldSubscription: { endpoint: old.endpoint }, newSubscription: asBrowserSubscription(renewed) };

    await expect(renewSubscription(change, context())).resolves.toEqual({ kind: 'renewed', endpoint: renewed.endpoint });
    expect(await storedEndpoints()).toEqual([renewed.endpoint]);
  });

  it("without a new subscription, subscribes again with the old one's server key", async () => {
    const old = await subscribedAsThePageDoes();
    const keysAsked: string[] = [];
    const change: SubscriptionChange = {
      oldSubscription: { endpoint: old.endpoint, options: { applicationServerKey: keyBytes(serverKey) } },
    };

    const outcome = await renewSubscription(
      change,
      context({
        subscribe: async (key) => {
          keysAsked.push(Buffer.from(key).toString('base64url'));
          return context().subscribe(key);
        },
      }),
    );

    expect(keysAsked).toEqual([serverKey.replace(/=+$/u, '')]);
    expect(outcome.kind).toBe('renewed');
    const endpoint = (outcome as { endpoint: string }).endpoint;
    expect(endpoint).not.toBe(old.endpoint);
    expect(await storedEndpoints()).toEqual([endpoint]);
  });

  it('changes nothing when there is neither a new subscription nor a server key to make one', async () => {
    await subscribedAsThePageDoes();
    const before = await storedEndpoints();
    await expect(renewSubscription({ oldSubscription: { endpoint: before[0]! } }, context())).resolves.toEqual({
      kind: 'not-resubscribed',
      reason: "the old subscription's server key is unknown",
    });
    await expect(
      renewSubscription(
        { oldSubscription: { endpoint: before[0]!, options: { applicationServerKey: keyBytes(serverKey) } } },
        context({ subscribe: () => Promise.reject(new Error('AbortError: push service unavailable')) }),
      ),
    ).resolves.toEqual({ kind: 'not-resubscribed', reason: 'AbortError: push service unavailable' });
    expect(await storedEndpoints()).toEqual(before);
  });

  it('does nothing once notifications were switched off on this browser (no stored credentials)', async () => {
    await subscribedAsThePageDoes();
    const before = await storedEndpoints();
    let subscribed = false;
    const renewed = await pushService.subscribe(serverKey);
    await expect(
      renewSubscription(
        { newSubscription: asBrowserSubscription(renewed) },
        context({
          credentials: async () => undefined,
          subscribe: async () => {
            subscribed = true;
            return asBrowserSubscription(renewed);
          },
        }),
      ),
    ).resolves.toEqual({ kind: 'not-set-up' });
    expect(subscribed).toBe(false);
    expect(await storedEndpoints()).toEqual(before);
  });

  it("reports the server's refusal, and an unreachable server, without throwing", async () => {
    await subscribedAsThePageDoes();
    const before = await storedEndpoints();
    const foreign: RenewableSubscription = {
      endpoint: 'http://push.example.com/x',
      toJSON: () => ({ endpoint: 'http://push.example.com/x', keys: { p256dh: 'a', auth: 'b' } }),
    };
    await expect(renewSubscription({ newSubscription: foreign }, context())).resolves.toMatchObject({
      kind: 'refused',
      code: 'bad-request',
    });
    expect(await storedEndpoints()).toEqual(before);

    const renewed = asBrowserSubscription(await pushService.subscribe(serverKey));
    await expect(
      renewSubscription({ newSubscription: renewed }, context({ credentials: async () => ({ ...credentials, token: 'not-a-token' }) })),
    ).resolves.toEqual({ kind: 'unreachable' });
    expect(await storedEndpoints()).toEqual(before);
  });
});
