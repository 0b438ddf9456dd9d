import { describe, expect, it } from 'vitest';
import { HouseholdBroadcast } from '../../application/household-broadcast';
import { Announce, type AnnounceResult } from '../../application/announce';
import { DEFAULT_RING_SETTINGS, InvalidSettingsError } from '../../application/settings';
import type { Device } from '../../domain/device';
import { ringId, type ConnectionId } from '../../domain/ids';
import type { RingMessage, ServerMessage } from '../../domain/protocol/server-messages';
import type { DeviceNotifier, PushResult } from '../../domain/ports/device-notifier';
import type { Ring } from '../../domain/ring';
import { hours, seconds } from '../../domain/time';
import { TOKENS } from '../../infrastructure/di/tokens';
import { HOME, OTHER_HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

type Doorbell = ReturnType<typeof inMemoryDoorbell>;
type Announced = Extract<AnnounceResult, { kind: 'announced' }>;

/** Press and identify only: the ring is recorded but not yet announced. */
async function recordRing(doorbell: Doorbell, camera: Device, photo = sample('stranger.jpg')): Promise<Ring> {
  const photoKey = await doorbell.press(camera, photo);
  const result = await doorbell.get(TOKENS.Identify).execute({ photoKey });
  if (result.kind !== 'recorded') throw new Error(`expected a recorded ring, got rejected: ${result.reason}`);
  return result.ring;
}

function announced(result: AnnounceResult): Announced {
  if (result.kind !== 'announced') throw new Error(`expected an announcement, got skipped: ${result.reason}`);
  return result;
}

function ringMessages(messages: readonly ServerMessage[]): RingMessage[] {
  return messages.filter((message): message is RingMessage => message.type === 'ring');
}

const sorted = (ids: readonly ConnectionId[]): string[] => [...ids].sort();

/** A household with two residents and its doorbell connected, plus a neighbour's phone. */
async function household(settings: Parameters<typeof inMemoryDoorbell>[0] = {}) {
  const doorbell = inMemoryDoorbell(settings);
  const phone = await doorbell.connect(HOME, 'resident', 'Phone');
  const tablet = await doorbell.connect(HOME, 'resident', 'Kitchen tablet');
  const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
  const neighbour = await doorbell.connect(OTHER_HOME, 'resident', 'Phone');
  const announce = (ring: Ring, claimant = 'run-1') =>
    doorbell.get(TOKENS.Announce).execute({ householdId: ring.householdId, ringId: ring.id, claimant });
  return { doorbell, phone, tablet, camera, neighbour, announce };
}

describe('Announce: who receives the ring', () => {
  it('pushes the ring to every resident of the household and "ringing" to the doorbell', async () => {
    // Prepare
    const { doorbell, phone, tablet, camera, announce } = await household();
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
    const ring = await recordRing(doorbell, camera.device, sample('alice-2.jpg'));

    // Act
    const result = announced(await announce(ring));

    // Assess
    expect(sorted(result.delivered)).toEqual(sorted([phone.connectionId, tablet.connectionId, camera.connectionId]));
    expect(result.pruned).toEqual([]);
    expect(result.failed).toEqual([]);
    // The doorbell learns that it rang and until when an answer may come: not who is there, nor the snapshot.
    expect(camera.received()).toEqual([
      { type: 'ringing', version: 1, ringId: ring.id, at: expect.any(String), answerableUntil: expect.any(String) },
    ]);
    for (const device of [phone, tablet]) {
      expect(device.received()).toEqual([
        expect.objectContaining({
          type: 'ring',
          version: 1,
          ringId: ring.id,
          doorbellId: camera.device.id,
          doorName: 'front door',
          outcome: 'known',
          visitors: [{ name: 'Alice', similarity: 99.2 }],
          unknownFaces: 0,
          text: 'Alice is at the front door',
        }),
      ]);
    }
  });

  it("pushes nothing to another household's devices", async () => {
    // Prepare
    const { doorbell, camera, neighbour, announce } = await household();
    const ring = await recordRing(doorbell, camera.device);

    // Act
    const result = announced(await announce(ring));

    // Assess
    expect(result.delivered).not.toContain(neighbour.connectionId);
    expect(neighbour.received()).toEqual([]);
  });

  it('does not push to connections past their 2 hours', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const oldPhone = await doorbell.connect(HOME, 'resident', 'Old phone');
    doorbell.clock.advance(hours(1));
    const camera = await doorbell.connect(HOME, 'doorbell');
    doorbell.clock.advance(hours(1));
    const ring = await recordRing(doorbell, camera.device);

    // Act
    const result = announced(await doorbell.get(TOKENS.Announce).execute({ householdId: HOME, ringId: ring.id, claimant: 'run-1' }));

    // Assess
    expect(result.delivered).toEqual([camera.connectionId]);
    expect(oldPhone.received()).toEqual([]);
    expect(camera.received()).toHaveLength(1);
  });
});

describe('Announce: failing devices', () => {
  it('prunes a vanished device from the connections and still reaches the others', async () => {
    // Prepare
    const { doorbell, phone, tablet, camera, announce } = await household();
    const connections = doorbell.get(TOKENS.ConnectionRepository);
    const ring = await recordRing(doorbell, camera.device);
    doorbell.notifier.vanish(tablet.connectionId);

    // Act
    const result = announced(await announce(ring));

    // Assess
    expect(result.pruned).toEqual([tablet.connectionId]);
    expect(sorted(result.delivered)).toEqual(sorted([phone.connectionId, camera.connectionId]));
    expect(await connections.get(tablet.connectionId, doorbell.clock.now())).toBeUndefined();
    expect(await connections.get(phone.connectionId, doorbell.clock.now())).toBeDefined();
    expect(phone.received()).toHaveLength(1);
    expect(camera.received()).toHaveLength(1);
  });

  it('reports a broken device in failed, keeps its connection and still reaches the others', async () => {
    // Prepare
    const { doorbell, phone, tablet, camera, announce } = await household();
    const connections = doorbell.get(TOKENS.ConnectionRepository);
    const ring = await recordRing(doorbell, camera.device);
    doorbell.notifier.breakConnection(tablet.connectionId, 'socket reset');

    // Act
    const result = announced(await announce(ring));

    // Assess
    expect(result.failed).toEqual([
      { connectionId: tablet.connectionId, error: expect.stringMatching(/^NotificationError: .*socket reset/) },
    ]);
    expect(result.pruned).toEqual([]);
    expect(sorted(result.delivered)).toEqual(sorted([phone.connectionId, camera.connectionId]));
    expect(await connections.get(tablet.connectionId, doorbell.clock.now())).toBeDefined();
    expect(tablet.received()).toEqual([]);
    expect(phone.received()).toHaveLength(1);
  });
});

describe('Announce: once per ring', () => {
  it("skips a second announcement by another claimant as 'already-announced'", async () => {
    // Prepare
    const { doorbell, phone, camera, announce } = await household();
    const ring = await recordRing(doorbell, camera.device);
    await announce(ring, 'run-1');

    // Act
    const second = await announce(ring, 'run-2');

    // Assess
    expect(second).toEqual({ kind: 'skipped', reason: 'already-announced' });
    expect(phone.received()).toHaveLength(1);
    expect(camera.received()).toHaveLength(1);
  });

  it('announces again when the same claimant retries', async () => {
    // Prepare
    const { doorbell, phone, camera, announce } = await household();
    const ring = await recordRing(doorbell, camera.device);
    await announce(ring, 'run-1');

    // Act
    const retry = await announce(ring, 'run-1');

    // Assess
    expect(retry).toMatchObject({ kind: 'announced' });
    expect(ringMessages(phone.received()).map((message) => message.ringId)).toEqual([ring.id, ring.id]);
  });

  it("announces a debounce window once: the run for a later press of the window is 'already-announced'", async () => {
    // Prepare
    const { doorbell, phone, camera, announce } = await household();
    const opening = await recordRing(doorbell, camera.device);
    await announce(opening, 'run-1');
    doorbell.clock.advance(seconds(10));
    const sameWindow = await recordRing(doorbell, camera.device);

    // Act
    const result = await announce(sameWindow, 'run-2');

    // Assess
    expect(sameWindow.id).toBe(opening.id);
    expect(result).toEqual({ kind: 'skipped', reason: 'already-announced' });
    expect(phone.received()).toHaveLength(1);
  });

  it("skips an unknown ring id as 'ring-not-found'", async () => {
    // Prepare
    const { doorbell, phone } = await household();

    // Act
    const result = await doorbell.get(TOKENS.Announce).execute({ householdId: HOME, ringId: ringId('no-such-ring'), claimant: 'run-1' });

    // Assess
    expect(result).toEqual({ kind: 'skipped', reason: 'ring-not-found' });
    expect(phone.received()).toEqual([]);
  });

  it("skips a ring named under another household as 'ring-not-found'", async () => {
    // Prepare
    const { doorbell, phone, neighbour, camera } = await household();
    const ring = await recordRing(doorbell, camera.device);

    // Act
    const result = await doorbell.get(TOKENS.Announce).execute({ householdId: OTHER_HOME, ringId: ring.id, claimant: 'run-1' });

    // Assess
    expect(result).toEqual({ kind: 'skipped', reason: 'ring-not-found' });
    expect(neighbour.received()).toEqual([]);
    expect(phone.received()).toEqual([]);
  });
});

/** Wraps a notifier and records how many pushes are in flight at once. */
class InFlightCountingNotifier implements DeviceNotifier {
  inFlight = 0;
  maxInFlight = 0;
  pushes = 0;

  constructor(private readonly inner: DeviceNotifier) {}

  async push(connectionId: ConnectionId, message: ServerMessage): Promise<PushResult> {
    this.pushes += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return await this.inner.push(connectionId, message);
    } finally {
      this.inFlight -= 1;
    }
  }
}

describe('Announce: bounded concurrency', () => {
  it('keeps at most pushConcurrency pushes in flight and still delivers to all 20 connections', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell({ pushConcurrency: 3 });
    const camera = await doorbell.connect(HOME, 'doorbell');
    const residents = [];
    for (let i = 0; i < 19; i++) residents.push(await doorbell.connect(HOME, 'resident', `Phone ${i}`));
    const ring = await recordRing(doorbell, camera.device);
    const counting = new InFlightCountingNotifier(doorbell.get(TOKENS.DeviceNotifier));
    const get = doorbell.get;
    const announce = new Announce(
      get(TOKENS.RingRepository),
      get(TOKENS.DeviceRepository),
      get(TOKENS.PhotoStore),
      new HouseholdBroadcast(get(TOKENS.ConnectionRepository), counting, get(TOKENS.Clock), get(TOKENS.RingSettings)),
      get(TOKENS.Clock),
      get(TOKENS.RingSettings),
    );

    // Act
    const result = announced(await announce.execute({ householdId: HOME, ringId: ring.id, claimant: 'run-1' }));

    // Assess
    expect(counting.maxInFlight).toBe(3);
    expect(counting.pushes).toBe(20);
    expect(result.delivered).toHaveLength(20);
    expect(new Set(result.delivered).size).toBe(20);
    for (const device of [camera, ...residents]) expect(device.received()).toHaveLength(1);
  });
});

describe('Announce: misconfigured concurrency', () => {
  it.each([
    ['NaN', Number.NaN],
    ['0', 0],
    ['1.5', 1.5],
  ])('refuses to assemble a doorbell whose pushConcurrency is %s, naming the setting', (_, pushConcurrency) => {
    // Prepare
    const assemble = () => inMemoryDoorbell({ pushConcurrency });

    // Act + Assess
    expect(assemble).toThrow(InvalidSettingsError);
    expect(assemble).toThrow(/pushConcurrency/);
  });
});

describe('Announce: snapshot link', () => {
  it('carries a snapshot URL of the ring photo that works until snapshotLinkExpiry', async () => {
    // Prepare
    const { doorbell, phone, camera, announce } = await household();
    const ring = await recordRing(doorbell, camera.device);

    // Act
    await announce(ring);

    // Assess
    const [message] = ringMessages(phone.received());
    const url = message?.snapshotUrl;
    if (url === undefined) throw new Error('expected a snapshot URL in the ring message');
    expect(doorbell.photos.checkSnapshotUrl(url)).toEqual({ kind: 'ok', key: ring.photoKey });
    doorbell.clock.advance(DEFAULT_RING_SETTINGS.snapshotLinkExpiry - seconds(1));
    expect(doorbell.photos.checkSnapshotUrl(url)).toEqual({ kind: 'ok', key: ring.photoKey });
    doorbell.clock.advance(seconds(1) + 1);
    expect(doorbell.photos.checkSnapshotUrl(url)).toEqual({ kind: 'expired' });
  });
});
