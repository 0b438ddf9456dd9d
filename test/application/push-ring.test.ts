import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordingPushSender } from '../../adapters/in-memory/recording-push-sender';
import { MAX_PUSH_SUBSCRIPTIONS_PER_DEVICE } from '../../application/subscribe-push';
import type { Device } from '../../domain/device';
import type { HouseholdId } from '../../domain/ids';
import type { RingPushPayload } from '../../domain/protocol/push-payload';
import { seconds } from '../../domain/time';
import { IN_MEMORY } from '../../infrastructure/di/in-memory.module';
import { TOKENS } from '../../infrastructure/di/tokens';
import { anyHouseholdId } from '../support/arbitraries';
import { HOME, inMemoryDoorbell, OTHER_HOME } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

const KEYS = { p256dh: `B${'p'.repeat(86)}`, auth: 'a'.repeat(22) };
let endpoints = 0;
const anEndpoint = () => `https://push.example.com/wpush/${++endpoints}`;

/** A household with Alice enrolled, its doorbell, and `phones` residents each subscribed once. */
async function household(phones = 1, settings: Parameters<typeof inMemoryDoorbell>[0] = {}) {
  const doorbell = inMemoryDoorbell({ debounceWindow: 0, ...settings });
  await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
  const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
  const sender: RecordingPushSender = doorbell.get(IN_MEMORY.PushSender);
  const subscribe = async (device: Device, endpoint = anEndpoint()) => {
    const result = await doorbell.get(TOKENS.SubscribePush).execute({
      householdId: device.householdId,
      deviceId: device.id,
      subscription: { endpoint, keys: KEYS },
    });
    if (result.kind !== 'subscribed') throw new Error(result.message);
    return endpoint;
  };
  const residents = await Promise.all(Array.from({ length: phones }, (_, n) => doorbell.registerDevice(HOME, 'resident', `Phone ${n}`)));
  const subscribed = await Promise.all(residents.map((resident) => subscribe(resident)));
  const subscriptions = () => doorbell.get(TOKENS.PushSubscriptionRepository).listByHousehold(HOME);
  return { doorbell, camera, sender, residents, subscribed, subscribe, subscriptions };
}

const payloadOf = (sender: RecordingPushSender, index = 0) => JSON.parse(sender.sent[index]!.payload) as RingPushPayload;

describe('PushRing: every subscription of the household hears an announced ring', () => {
  it('pushes the ring as its payload to each subscription, high urgency, one topic per ring, kept for the link', async () => {
    // Prepare
    const { doorbell, camera, sender, subscribed } = await household(2);
    // Act
    const { intake } = await doorbell.ring(camera.device, sample('alice-2.jpg'));
    // Assess
    if (intake.kind !== 'recorded') throw new Error('not recorded');
    expect(sender.sent.map((push) => push.subscription.endpoint).sort()).toEqual([...subscribed].sort());
    expect(payloadOf(sender)).toMatchObject({
      type: 'ring',
      ringId: intake.ring.id,
      outcome: 'known',
      text: 'Alice is at the front door',
      visitors: [{ name: 'Alice' }],
      url: `/dashboard/#ring=${intake.ring.id}`,
      snapshotUrl: expect.any(String),
    });
    expect(sender.sent[0]!.options).toEqual({ urgency: 'high', ttlSeconds: 900, replaceKey: `ring:${HOME}:${intake.ring.id}` });
    expect(sender.sent[1]!.options).toEqual(sender.sent[0]!.options);
  });

  it('never pushes to another household, nor for one', async () => {
    const { doorbell, camera, sender, subscribe } = await household(1);
    const neighbour = await doorbell.registerDevice(OTHER_HOME, 'resident', 'Phone');
    const theirs = await subscribe(neighbour);
    await doorbell.ring(camera.device, sample('alice-2.jpg'));
    expect(sender.sent.map((push) => push.subscription.endpoint)).not.toContain(theirs);
    expect(sender.sent.every((push) => push.subscription.householdId === HOME)).toBe(true);
  });

  it('deletes a gone subscription, keeps a failed one, and one throwing sender never stops the others', async () => {
    const { doorbell, camera, sender, subscribed, subscriptions } = await household(3);
    const [gone, failing, throwing] = subscribed as [string, string, string];
    sender.answer(gone, { kind: 'gone', status: 410 });
    sender.answer(failing, { kind: 'failed', reason: 'the push service answered 503, after 3 attempts' });
    sender.answer(throwing, new Error('broken adapter'));
    const ring = await doorbell.ring(camera.device, sample('alice-2.jpg'));
    if (ring.intake.kind !== 'recorded') throw new Error('not recorded');

    const result = await doorbell.get(TOKENS.PushRing).execute({ householdId: HOME, ringId: ring.intake.ring.id });

    expect(result).toEqual({
      kind: 'pushed',
      delivered: 0,
      pruned: 0,
      failed: [
        { origin: 'https://push.example.com', reason: 'the push service answered 503, after 3 attempts' },
        { origin: 'https://push.example.com', reason: 'Error: broken adapter' },
      ],
    });
    expect((await subscriptions()).map((s) => s.endpoint).sort()).toEqual([failing, throwing].sort());
  });

  it('never holds more than pushConcurrency pushes in flight', async () => {
    const { doorbell, camera, sender } = await household(12, { pushConcurrency: 3 });
    let inFlight = 0;
    let most = 0;
    const send = sender.send.bind(sender);
    sender.send = async (...args) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return send(...args);
    };
    await doorbell.ring(camera.device, sample('alice-2.jpg'));
    expect(sender.sent).toHaveLength(12);
    expect(most).toBe(3);
  });

  it('skips a household without subscriptions and a ring that does not exist', async () => {
    const { doorbell, camera, sender } = await household(0);
    const ring = await doorbell.ring(camera.device, sample('alice-2.jpg'));
    if (ring.intake.kind !== 'recorded') throw new Error('not recorded');
    const push = doorbell.get(TOKENS.PushRing);
    expect(await push.execute({ householdId: HOME, ringId: ring.intake.ring.id })).toEqual({ kind: 'skipped', reason: 'no-subscriptions' });
    expect(await push.execute({ householdId: HOME, ringId: 'no-such-ring' as never })).toEqual({
      kind: 'skipped',
      reason: 'ring-not-found',
    });
    expect(sender.sent).toEqual([]);
  });

  it('keeps the push for the answer window when that outlasts the snapshot link', async () => {
    const { doorbell, camera, sender } = await household(1, { snapshotLinkExpiry: seconds(30), answerWindow: seconds(120) });
    await doorbell.ring(camera.device, sample('alice-2.jpg'));
    expect(sender.sent[0]!.options.ttlSeconds).toBe(120);
  });
});

describe('push subscriptions of a device', () => {
  it('refuses an endpoint that is not https (http only on loopback), and a revoked device', async () => {
    const { doorbell, residents } = await household(1);
    const [phone] = residents as [Device];
    const subscribe = (endpoint: string, device: Device = phone) =>
      doorbell.get(TOKENS.SubscribePush).execute({ householdId: HOME, deviceId: device.id, subscription: { endpoint, keys: KEYS } });
    for (const endpoint of ['http://push.example.com/x', 'ftp://push.example.com/x', 'not a url', 'https://user:pw@push.example.com/x']) {
      expect(await subscribe(endpoint)).toMatchObject({ kind: 'rejected', reason: 'bad-endpoint' });
    }
    for (const endpoint of ['http://localhost:8090/notify/1', 'http://127.0.0.1:8090/notify/2', 'http://[::1]:8090/notify/3']) {
      expect(await subscribe(endpoint)).toMatchObject({ kind: 'subscribed' });
    }
    await doorbell.get(TOKENS.RevokeDevice).execute({ householdId: HOME, deviceId: phone.id });
    expect(await subscribe(anEndpoint())).toMatchObject({ kind: 'rejected', reason: 'revoked' });
  });

  it('revoking a device deletes its subscriptions, and only its own', async () => {
    const { doorbell, residents, subscriptions, subscribed } = await household(2);
    const [phone, tablet] = residents as [Device, Device];
    await doorbell.get(TOKENS.RevokeDevice).execute({ householdId: HOME, deviceId: phone.id });
    expect((await subscriptions()).map((s) => [s.deviceId, s.endpoint])).toEqual([[tablet.id, subscribed[1]]]);
  });

  it(`keeps at most ${MAX_PUSH_SUBSCRIPTIONS_PER_DEVICE} per device, dropping the oldest`, async () => {
    const { doorbell, residents, subscribe } = await household(0);
    const phone = residents[0] ?? (await doorbell.registerDevice(HOME, 'resident', 'Phone'));
    const endpoints: string[] = [];
    for (let n = 0; n < MAX_PUSH_SUBSCRIPTIONS_PER_DEVICE + 2; n++) {
      doorbell.clock.advance(1_000);
      endpoints.push(await subscribe(phone));
    }
    const kept = await doorbell.get(TOKENS.ListPushSubscriptions).execute({ householdId: HOME, deviceId: phone.id });
    expect(kept.map((s) => s.endpoint)).toEqual(endpoints.slice(2));
  });

  it('a device lists and removes only its own subscriptions, whatever the households and endpoints (property)', async () => {
    const doorbell = inMemoryDoorbell();
    await fc.assert(
      fc.asyncProperty(anyHouseholdId, anyHouseholdId, async (a: HouseholdId, b: HouseholdId) => {
        fc.pre(a !== b);
        const mine = await doorbell.registerDevice(a, 'resident', 'Mine');
        const theirs = await doorbell.registerDevice(b, 'resident', 'Theirs');
        const endpoint = anEndpoint();
        for (const device of [mine, theirs]) {
          await doorbell
            .get(TOKENS.SubscribePush)
            .execute({ householdId: device.householdId, deviceId: device.id, subscription: { endpoint, keys: KEYS } });
        }
        // The other household's device removes "the same" endpoint: mine stays.
        await doorbell.get(TOKENS.UnsubscribePush).execute({ householdId: b, deviceId: theirs.id, endpoint });
        const listed = await doorbell.get(TOKENS.ListPushSubscriptions).execute({ householdId: a, deviceId: mine.id });
        expect(listed.map((s) => [s.householdId, s.endpoint])).toEqual([[a, endpoint]]);
        expect(await doorbell.get(TOKENS.ListPushSubscriptions).execute({ householdId: b, deviceId: theirs.id })).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});
