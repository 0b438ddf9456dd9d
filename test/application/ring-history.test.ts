import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_LIMIT, type RingHistoryCommand, type RingHistoryPage } from '../../application/ring-history';
import { MAX_HISTORY_LIMIT } from '../../domain/protocol/limits';
import type { RingIntakeResult } from '../../application/ring-intake';
import type { Device } from '../../domain/device';
import { ringId } from '../../domain/ids';
import { cursorOf, type Ring } from '../../domain/ring';
import { days, isoTime, minutes, seconds } from '../../domain/time';
import { TOKENS } from '../../infrastructure/di/tokens';
import { aRing, T0 } from '../support/builders';
import { HOME, OTHER_HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

type Doorbell = ReturnType<typeof inMemoryDoorbell>;

function ringOf(result: RingIntakeResult): Ring {
  if (result.kind !== 'recorded') throw new Error(`expected a recorded ring, got rejected: ${result.reason}`);
  return result.ring;
}

async function recordRing(doorbell: Doorbell, camera: Device, photo = sample('stranger.jpg')): Promise<Ring> {
  const photoKey = await doorbell.press(camera, photo);
  return ringOf(await doorbell.get(TOKENS.Identify).execute({ photoKey }));
}

const history = (doorbell: Doorbell, command: Partial<RingHistoryCommand> = {}): Promise<RingHistoryPage> =>
  doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME, ...command });

const ringIds = (page: RingHistoryPage): string[] => page.rings.map((summary) => summary.ringId);

/** Follows `next` from the first page until a page has none (at most 50 pages, so a loop cannot hang the test). */
async function allPages(doorbell: Doorbell, limit: number): Promise<RingHistoryPage[]> {
  const pages: RingHistoryPage[] = [];
  let page = await history(doorbell, { limit });
  pages.push(page);
  while (page.next !== undefined && pages.length < 50) {
    page = await history(doorbell, { limit, after: page.next });
    pages.push(page);
  }
  return pages;
}

/** Three rings of HOME's front door, a minute apart: Alice, a stranger, nobody. */
async function threeRings() {
  const doorbell = inMemoryDoorbell();
  const camera = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
  await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
  const alice = await recordRing(doorbell, camera, sample('alice-2.jpg'));
  doorbell.clock.advance(minutes(1));
  const stranger = await recordRing(doorbell, camera, sample('stranger.jpg'));
  doorbell.clock.advance(minutes(1));
  const nobody = await recordRing(doorbell, camera, sample('empty-porch.jpg'));
  return { doorbell, camera, alice, stranger, nobody };
}

/** `count` rings of one doorbell, stored directly, one minute apart from T0 (the last is the newest). */
async function storedRings(doorbell: Doorbell, count: number): Promise<Ring[]> {
  const camera = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
  const rings = Array.from({ length: count }, (_, i) =>
    aRing({ householdId: HOME, doorbellId: camera.id, id: ringId(`stored-${String(i).padStart(3, '0')}`), at: T0 + minutes(i) }),
  );
  for (const ring of rings) await doorbell.get(TOKENS.RingRepository).create(ring);
  return rings;
}

/** Stores rings of HOME with the given ids and times directly. */
async function storeRings(doorbell: Doorbell, rings: readonly (readonly [id: string, at: number])[]): Promise<void> {
  for (const [id, at] of rings) await doorbell.get(TOKENS.RingRepository).create(aRing({ householdId: HOME, id: ringId(id), at }));
}

describe('RingHistory', () => {
  it('lists the rings newest first, each with its outcome and text', async () => {
    // Prepare
    const { doorbell, camera, alice, stranger, nobody } = await threeRings();

    // Act
    const page = await history(doorbell);

    // Assess
    expect(ringIds(page)).toEqual([nobody.id, stranger.id, alice.id]);
    expect(page.rings.map((summary) => [summary.outcome, summary.text])).toEqual([
      ['no-face', 'Someone is at the front door, but no face is visible'],
      ['unknown', 'An unknown visitor is at the front door'],
      ['known', 'Alice is at the front door'],
    ]);
    expect(page.rings[0]).toMatchObject({ doorbellId: camera.id, at: isoTime(nobody.at) });
    expect(page.next).toBeUndefined();
  });

  it("names each ring's door after its doorbell and gives a working snapshot link", async () => {
    // Prepare
    const { doorbell, alice, stranger, nobody } = await threeRings();
    const photoKeys = [nobody.photoKey, stranger.photoKey, alice.photoKey];

    // Act
    const page = await history(doorbell);

    // Assess
    expect(page.rings).toHaveLength(3);
    page.rings.forEach((summary, index) => {
      expect(summary.doorName).toBe('front door');
      if (summary.snapshotUrl === undefined) throw new Error(`ring ${summary.ringId} has no snapshot link`);
      expect(doorbell.photos.checkSnapshotUrl(summary.snapshotUrl)).toEqual({ kind: 'ok', key: photoKeys[index] });
    });
  });

  it("names the door after the doorbell's door when it has one, not its device name", async () => {
    const doorbell = inMemoryDoorbell();
    const registered = await doorbell
      .get(TOKENS.RegisterDevice)
      .execute({ householdId: HOME, role: 'doorbell', name: 'Door page', door: 'front door' });
    if (registered.kind !== 'registered') throw new Error(registered.reason);
    await recordRing(doorbell, registered.device);

    const page = await history(doorbell);

    expect(page.rings.map(({ doorName, text }) => ({ doorName, text }))).toEqual([
      { doorName: 'front door', text: 'An unknown visitor is at the front door' },
    ]);
  });

  it('lists the presses of one debounce window as one ring, at the press of the photo processed first', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const camera = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
    const opening = await recordRing(doorbell, camera);
    doorbell.clock.advance(seconds(10));
    const second = await recordRing(doorbell, camera);

    // Act
    const page = await history(doorbell);

    // Assess
    expect(second.id).toBe(opening.id);
    expect(page.rings).toEqual([expect.objectContaining({ ringId: opening.id, at: isoTime(opening.at) })]);
  });

  it("excludes other households' rings", async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const mine = await recordRing(doorbell, await doorbell.registerDevice(HOME, 'doorbell', 'front door'));
    const theirs = await recordRing(doorbell, await doorbell.registerDevice(OTHER_HOME, 'doorbell', 'front door'));

    // Act
    const page = await history(doorbell);
    const theirPage = await history(doorbell, { householdId: OTHER_HOME });

    // Assess
    expect(ringIds(page)).toEqual([mine.id]);
    expect(ringIds(theirPage)).toEqual([theirs.id]);
  });

  it.each<[string, number | undefined, number]>([
    ['no limit', undefined, DEFAULT_HISTORY_LIMIT],
    ['limit NaN', Number.NaN, DEFAULT_HISTORY_LIMIT],
    ['limit 0', 0, 1],
    ['limit 0.5', 0.5, 1],
    ['a negative limit', -5, 1],
    ['limit -Infinity', Number.NEGATIVE_INFINITY, 1],
    ['a fractional limit', 2.9, 2],
    ['limit 100', 100, 100],
    ['limit 1000', 1000, MAX_HISTORY_LIMIT],
    ['limit Infinity', Number.POSITIVE_INFINITY, MAX_HISTORY_LIMIT],
  ])('returns the right number of newest rings, and where to go on, for %s', async (_, limit, expected) => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const rings = await storedRings(doorbell, MAX_HISTORY_LIMIT + 20);

    // Act
    const page = await history(doorbell, limit === undefined ? {} : { limit });

    // Assess
    const newestFirst = [...rings].reverse();
    expect(ringIds(page)).toEqual(newestFirst.slice(0, expected).map((ring) => ring.id));
    expect(page.next).toEqual(cursorOf(newestFirst[expected - 1] as Ring));
  });

  it('pages back in time with `next` and `after`, without gaps or repeats, and gives no `next` on the last page', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const rings = await storedRings(doorbell, 5);

    // Act
    const pages = await allPages(doorbell, 2);

    // Assess
    const [r0, r1, r2, r3, r4] = rings.map((ring) => ring.id);
    expect(pages.map(ringIds)).toEqual([[r4, r3], [r2, r1], [r0]]);
    expect(pages.map((page) => page.next)).toEqual([cursorOf(rings[3] as Ring), cursorOf(rings[1] as Ring), undefined]);
    expect(pages.at(-1)).not.toHaveProperty('next');
  });

  it('gives no `next` when the last page is exactly full', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const rings = await storedRings(doorbell, 4);

    // Act
    const pages = await allPages(doorbell, 2);

    // Assess
    expect(pages.map(ringIds)).toEqual([
      [rings[3]?.id, rings[2]?.id],
      [rings[1]?.id, rings[0]?.id],
    ]);
    expect(pages[1]).not.toHaveProperty('next');
  });

  it('pages one ring at a time through two doorbells pressed at the same instant, listing each once', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const front = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
    const back = await doorbell.registerDevice(HOME, 'doorbell', 'back door');
    const earlier = await recordRing(doorbell, front);
    doorbell.clock.advance(minutes(1));
    const together = [await recordRing(doorbell, front), await recordRing(doorbell, back)];
    doorbell.clock.advance(minutes(1));
    const later = await recordRing(doorbell, back);

    // Act
    const pages = await allPages(doorbell, 1);

    // Assess
    const [first, second] = together as [Ring, Ring];
    expect(first.at).toBe(second.at);
    expect(first.id).not.toBe(second.id);
    const sameInstantNewestFirst = [first.id, second.id].sort().reverse();
    expect(pages.map(ringIds)).toEqual([[later.id], ...sameInstantNewestFirst.map((id) => [id]), [earlier.id]]);
    expect(pages.at(-1)).not.toHaveProperty('next');
  });

  it('continues strictly after the cursor: rings of the same millisecond with a smaller id still follow', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await storeRings(doorbell, [
      ['ring-a', T0],
      ['ring-b', T0],
      ['ring-c', T0],
      ['ring-old', T0 - 1],
      ['ring-new', T0 + 1],
    ]);

    // Act
    const page = await history(doorbell, { after: { at: T0, ringId: ringId('ring-b') } });

    // Assess
    expect(ringIds(page)).toEqual(['ring-a', 'ring-old']);
    expect(page.next).toBeUndefined();
  });

  it('forgets rings once their 30 days of retention are over', async () => {
    // Prepare
    const { doorbell, nobody } = await threeRings();
    doorbell.clock.set(nobody.at + days(30) - 1);
    const lastMoment = await history(doorbell);

    // Act
    doorbell.clock.set(nobody.at + days(31));
    const page = await history(doorbell);

    // Assess
    expect(ringIds(lastMoment)).toEqual([nobody.id]);
    expect(page).toEqual({ rings: [] });
  });

  it('names the door "door" when the doorbell is not registered', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await doorbell.get(TOKENS.RingRepository).create(aRing({ householdId: HOME, at: T0 }));

    // Act
    const page = await history(doorbell);

    // Assess
    expect(page.rings.map((summary) => summary.doorName)).toEqual(['door']);
  });
});
