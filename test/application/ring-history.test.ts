import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT, type RingHistoryCommand } from '../../application/ring-history';
import type { RingIntakeResult } from '../../application/ring-intake';
import type { Device } from '../../domain/device';
import { ringId } from '../../domain/ids';
import type { RingSummary } from '../../domain/messages';
import type { Ring } from '../../domain/ring';
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

const history = (doorbell: Doorbell, command: Partial<RingHistoryCommand> = {}): Promise<readonly RingSummary[]> =>
  doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME, ...command });

/** Three rings of HOME's front door, a minute apart: Alice, a stranger, nobody. */
async function threeRings() {
  const doorbell = inMemoryDoorbell();
  const camera = await doorbell.registerDevice(HOME, 'doorbell', 'Front door');
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

describe('RingHistory', () => {
  it('lists the rings newest first, each with its outcome and text', async () => {
    // Prepare
    const { doorbell, camera, alice, stranger, nobody } = await threeRings();

    // Act
    const summaries = await history(doorbell);

    // Assess
    expect(summaries.map((summary) => summary.ringId)).toEqual([nobody.id, stranger.id, alice.id]);
    expect(summaries.map((summary) => [summary.outcome, summary.text])).toEqual([
      ['no-face', 'Someone is at the front door, but no face is visible'],
      ['unknown', 'An unknown visitor is at the front door'],
      ['known', 'Alice is at the front door'],
    ]);
    expect(summaries[0]).toMatchObject({ doorbellId: camera.id, at: isoTime(nobody.at) });
  });

  it("names each ring's door after its doorbell and gives a working snapshot link", async () => {
    // Prepare
    const { doorbell, alice, stranger, nobody } = await threeRings();
    const photoKeys = [nobody.photoKey, stranger.photoKey, alice.photoKey];

    // Act
    const summaries = await history(doorbell);

    // Assess
    summaries.forEach((summary, index) => {
      expect(summary.doorName).toBe('front door');
      if (summary.snapshotUrl === undefined) throw new Error(`ring ${summary.ringId} has no snapshot link`);
      expect(doorbell.photos.checkSnapshotUrl(summary.snapshotUrl)).toEqual({ kind: 'ok', key: photoKeys[index] });
    });
  });

  it('excludes rings folded into another', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const camera = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
    const opening = await recordRing(doorbell, camera);
    doorbell.clock.advance(seconds(10));
    const folded = await recordRing(doorbell, camera);

    // Act
    const summaries = await history(doorbell);

    // Assess
    expect(folded.foldedInto).toBe(opening.id);
    expect(summaries.map((summary) => summary.ringId)).toEqual([opening.id]);
  });

  it("excludes other households' rings", async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const mine = await recordRing(doorbell, await doorbell.registerDevice(HOME, 'doorbell', 'front door'));
    const theirs = await recordRing(doorbell, await doorbell.registerDevice(OTHER_HOME, 'doorbell', 'front door'));

    // Act
    const summaries = await history(doorbell);
    const theirSummaries = await history(doorbell, { householdId: OTHER_HOME });

    // Assess
    expect(summaries.map((summary) => summary.ringId)).toEqual([mine.id]);
    expect(theirSummaries.map((summary) => summary.ringId)).toEqual([theirs.id]);
  });

  it.each<[string, number | undefined, number]>([
    ['no limit', undefined, DEFAULT_HISTORY_LIMIT],
    ['limit 0', 0, 1],
    ['a negative limit', -5, 1],
    ['limit 1000', 1000, MAX_HISTORY_LIMIT],
    ['limit NaN', Number.NaN, DEFAULT_HISTORY_LIMIT],
    ['a fractional limit', 2.9, 2],
    ['limit 100', 100, 100],
  ])('returns the right number of newest rings for %s', async (_, limit, expected) => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const rings = await storedRings(doorbell, MAX_HISTORY_LIMIT + 20);

    // Act
    const summaries = await history(doorbell, limit === undefined ? {} : { limit });

    // Assess
    const newestFirst = rings.map((ring) => ring.id).reverse();
    expect(summaries.map((summary) => summary.ringId)).toEqual(newestFirst.slice(0, expected));
  });

  it('pages back in time with `before`, strictly older, without gaps or repeats', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const rings = await storedRings(doorbell, 5);
    const pages: string[][] = [];

    // Act
    let before: number | undefined;
    for (let page = 0; page < 4; page++) {
      const summaries = await history(doorbell, before === undefined ? { limit: 2 } : { limit: 2, before });
      pages.push(summaries.map((summary) => summary.ringId));
      const last = summaries[summaries.length - 1];
      if (last === undefined) break;
      before = Date.parse(last.at);
    }

    // Assess
    const [r0, r1, r2, r3, r4] = rings.map((ring) => ring.id);
    expect(pages).toEqual([[r4, r3], [r2, r1], [r0], []]);
  });

  it('excludes a ring at exactly `before`', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const rings = await storedRings(doorbell, 3);

    // Act
    const summaries = await history(doorbell, { before: T0 + minutes(1) });

    // Assess
    expect(summaries.map((summary) => summary.ringId)).toEqual([rings[0]?.id]);
  });

  it('forgets rings once their 30 days of retention are over', async () => {
    // Prepare
    const { doorbell, nobody } = await threeRings();
    doorbell.clock.set(nobody.at + days(30) - 1);
    const lastMoment = await history(doorbell);

    // Act
    doorbell.clock.set(nobody.at + days(31));
    const summaries = await history(doorbell);

    // Assess
    expect(lastMoment.map((summary) => summary.ringId)).toEqual([nobody.id]);
    expect(summaries).toEqual([]);
  });

  it('names the door "door" when the doorbell is not registered', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    await doorbell.get(TOKENS.RingRepository).create(aRing({ householdId: HOME, at: T0 }));

    // Act
    const summaries = await history(doorbell);

    // Assess
    expect(summaries.map((summary) => summary.doorName)).toEqual(['door']);
  });
});
