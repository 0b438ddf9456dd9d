import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceRole } from '../../domain/device';
import { householdId, type HouseholdId } from '../../domain/ids';
import { seconds } from '../../domain/time';
import { inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';

/**
 * No device ever receives another household's ring. Several households share one doorbell deployment, each with
 * its own residents and doorbells; the rings run through the deployed workflow. Whatever the households, devices,
 * photos and order of presses, every device receives exactly the rings of its own household, each once.
 */
const PHOTOS = ['alice-2.jpg', 'stranger.jpg', 'empty-porch.jpg', 'alice-and-stranger.jpg'] as const;

const household = fc.record({ residents: fc.integer({ min: 0, max: 3 }), doorbells: fc.integer({ min: 1, max: 2 }), enrollsAlice: fc.boolean() });
const scenario = fc.record({
  households: fc.array(household, { minLength: 2, maxLength: 4 }),
  presses: fc.array(fc.record({ household: fc.nat(), doorbell: fc.nat(), photo: fc.constantFrom(...PHOTOS), after: fc.integer({ min: 0, max: 60 }) }), {
    minLength: 1,
    maxLength: 8,
  }),
});

describe('household isolation', () => {
  it("no device ever receives another household's ring; each receives each of its own once", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ households, presses }) => {
        const doorbell = inMemoryDoorbell();
        const homes = await Promise.all(
          households.map(async (spec, index) => {
            const home: HouseholdId = householdId(`home-${index}`);
            if (spec.enrollsAlice) await doorbell.enroll(home, 'Alice', sample('alice-1.jpg'));
            const connect = (role: DeviceRole, count: number) => Promise.all(Array.from({ length: count }, (_, i) => doorbell.connect(home, role, `${role} ${i}`)));
            const cameras = await connect('doorbell', spec.doorbells);
            return { home, cameras, devices: [...(await connect('resident', spec.residents)), ...cameras], rings: new Set<string>() };
          }),
        );
        const householdOfRing = new Map<string, HouseholdId>();

        for (const press of presses) {
          const home = homes[press.household % homes.length]!;
          const camera = home.cameras[press.doorbell % home.cameras.length]!;
          doorbell.clock.advance(seconds(press.after));
          const run = await doorbell.ring(camera.device, sample(press.photo));
          if (run.intake.kind !== 'recorded') throw new Error('the ring was not recorded');
          home.rings.add(run.intake.ring.id);
          householdOfRing.set(run.intake.ring.id, home.home);
        }

        for (const { home, devices, rings } of homes) {
          for (const device of devices) {
            const received = device.received().filter((message) => message.type === 'ring') as { ringId: string }[];
            expect(received.map(({ ringId }) => householdOfRing.get(ringId)).filter((owner) => owner !== home)).toEqual([]);
            expect(received.map(({ ringId }) => ringId).sort()).toEqual([...rings].sort());
          }
        }
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});
