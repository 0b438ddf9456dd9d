import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceRole } from '../../domain/device';
import { householdId, type HouseholdId } from '../../domain/ids';
import { seconds } from '../../domain/time';
import { startDynalite, type LocalDynamoDb } from '../support/dynalite';
import { createDoorbellTables, storeInDynamoDb } from '../support/dynamodb-storage';
import { inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

/**
 * No device ever receives another household's ring. Several households share one doorbell deployment, each with
 * its own residents and doorbells; the rings run through the deployed workflow. Whatever the households, devices,
 * photos and order of presses, every device receives exactly the rings of its own household, each once.
 *
 * The household ids are drawn as prefixes of one another (`h`, `h1`, `h10`, in any order): a lookup that matched
 * on a prefix (`home-1` finding `home-10`'s connections) fails here. The property runs on the in-memory adapters
 * and on the DynamoDB adapters against dynalite, where such a lookup would be a key condition.
 */
const PHOTOS = ['alice-2.jpg', 'stranger.jpg', 'empty-porch.jpg', 'alice-and-stranger.jpg'] as const;
const IN_MEMORY_RUNS = 50;
const DYNAMODB_RUNS = 15;

const idPiece = fc.string({ unit: fc.constantFrom('h', '1', '0', '-'), minLength: 1, maxLength: 3 });
/** 2–4 distinct household ids, each a prefix of the next (`h`, `h1`, `h10`), shuffled. */
const prefixChainOfIds = fc
  .tuple(idPiece, fc.array(idPiece, { minLength: 1, maxLength: 3 }))
  .map(([base, pieces]) => [base, ...pieces.map((_, index) => base + pieces.slice(0, index + 1).join(''))])
  .chain((ids) => fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }));

const household = fc.record({
  residents: fc.integer({ min: 0, max: 3 }),
  doorbells: fc.integer({ min: 1, max: 2 }),
  enrollsAlice: fc.boolean(),
});
const press = fc.record({
  household: fc.nat(),
  doorbell: fc.nat(),
  photo: fc.constantFrom(...PHOTOS),
  after: fc.integer({ min: 0, max: 60 }),
});
const scenario = prefixChainOfIds.chain((ids) =>
  fc.record({
    ids: fc.constant(ids),
    households: fc.array(household, { minLength: ids.length, maxLength: ids.length }),
    presses: fc.array(press, { minLength: 1, maxLength: 8 }),
  }),
);

type Doorbell = ReturnType<typeof inMemoryDoorbell>;

async function holdsIsolation(doorbell: Doorbell, { ids, households, presses }: Scenario): Promise<void> {
  const homes = await Promise.all(
    households.map(async (spec, index) => {
      const home: HouseholdId = householdId(ids[index]!);
      if (spec.enrollsAlice) await doorbell.enroll(home, 'Alice', sample('alice-1.jpg'));
      const connect = (role: DeviceRole, count: number) =>
        Promise.all(Array.from({ length: count }, (_, i) => doorbell.connect(home, role, `${role} ${i}`)));
      const cameras = await connect('doorbell', spec.doorbells);
      return { home, cameras, devices: [...(await connect('resident', spec.residents)), ...cameras], rings: new Set<string>() };
    }),
  );
  const householdOfRing = new Map<string, HouseholdId>();

  for (const { household: at, doorbell: which, photo, after } of presses) {
    const home = homes[at % homes.length]!;
    const camera = home.cameras[which % home.cameras.length]!;
    doorbell.clock.advance(seconds(after));
    const run = await doorbell.ring(camera.device, sample(photo));
    if (run.intake.kind !== 'recorded') throw new Error('the ring was not recorded');
    home.rings.add(run.intake.ring.id);
    householdOfRing.set(run.intake.ring.id, home.home);
  }

  for (const { home, devices, rings } of homes) {
    for (const device of devices) {
      // Residents hear `ring`, doorbells `ringing`: both name the ring, and neither may cross households.
      const received = device.received().filter((message) => message.type === 'ring' || message.type === 'ringing') as { ringId: string }[];
      expect(received.map(({ ringId }) => householdOfRing.get(ringId)).filter((owner) => owner !== home)).toEqual([]);
      expect(received.map(({ ringId }) => ringId).sort()).toEqual([...rings].sort());
    }
  }
}

type Scenario = {
  readonly ids: readonly string[];
  readonly households: readonly { residents: number; doorbells: number; enrollsAlice: boolean }[];
  readonly presses: readonly { household: number; doorbell: number; photo: (typeof PHOTOS)[number]; after: number }[];
};

describe('household isolation', () => {
  it('draws household ids that are prefixes of one another', () => {
    fc.assert(
      fc.property(prefixChainOfIds, (ids) => {
        const sorted = [...ids].sort((a, b) => a.length - b.length);
        expect(new Set(ids).size).toBe(ids.length);
        expect(sorted.every((id, i) => i === 0 || id.startsWith(sorted[i - 1]!))).toBe(true);
      }),
    );
  });

  it("in memory: no device ever receives another household's ring; each receives each of its own once", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (drawn) => holdsIsolation(inMemoryDoorbell(), drawn)),
      { numRuns: IN_MEMORY_RUNS },
    );
  }, 120_000);

  describe('on DynamoDB (dynalite)', () => {
    let dynamo: LocalDynamoDb;
    beforeAll(async () => {
      dynamo = await startDynalite();
    });
    afterAll(() => dynamo?.close());

    it("no device ever receives another household's ring; each receives each of its own once", async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (drawn) =>
          holdsIsolation(inMemoryDoorbell({}, { storage: storeInDynamoDb(dynamo.endpoint, await createDoorbellTables(dynamo)) }), drawn),
        ),
        { numRuns: DYNAMODB_RUNS },
      );
    }, 240_000);
  });
});
