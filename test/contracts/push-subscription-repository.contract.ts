import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PushSubscriptionRepository } from '../../domain/ports/push-subscription-repository';
import type { PushSubscription } from '../../domain/push-subscription';
import { aDeviceId, aHouseholdId, aPushSubscription, T0 } from '../support/builders';

export function pushSubscriptionRepositoryContract(name: string, make: () => Promise<PushSubscriptionRepository>): void {
  describe(`PushSubscriptionRepository: ${name}`, () => {
    it('lists a saved subscription under its household and its device', async () => {
      // Prepare
      const repository = await make();
      const subscription = aPushSubscription({ expirationTime: T0 + 86_400_000 });
      // Act
      await repository.save(subscription);
      // Assess
      expect(await repository.listByHousehold(subscription.householdId)).toEqual([subscription]);
      expect(await repository.listByDevice(subscription.householdId, subscription.deviceId)).toEqual([subscription]);
    });

    it('is idempotent on the endpoint: saving again replaces the keys and device, keeping the first createdAt', async () => {
      const repository = await make();
      const first = aPushSubscription();
      const again = { ...first, deviceId: aDeviceId(), keys: { p256dh: `B${'q'.repeat(86)}`, auth: 'b'.repeat(22) }, createdAt: T0 + 5 };
      await repository.save(first);
      await repository.save(again);
      expect(await repository.listByHousehold(first.householdId)).toEqual([{ ...again, createdAt: T0 }]);
      expect(await repository.listByDevice(first.householdId, first.deviceId)).toEqual([]);
    });

    it('drops an expiration time that a new save no longer has', async () => {
      const repository = await make();
      const subscription = aPushSubscription({ expirationTime: T0 + 1 });
      await repository.save(subscription);
      const { expirationTime: _gone, ...without } = subscription;
      await repository.save(without);
      expect(await repository.listByHousehold(subscription.householdId)).toEqual([without]);
    });

    it("lists a device's subscriptions only, and every one of a household with many (no truncated page)", async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const deviceId = aDeviceId();
      const mine = Array.from({ length: 12 }, () => aPushSubscription({ householdId, deviceId }));
      const others = Array.from({ length: 18 }, () => aPushSubscription({ householdId }));
      await Promise.all([...mine, ...others].map((subscription) => repository.save(subscription)));
      expect(sorted(await repository.listByDevice(householdId, deviceId))).toEqual(sorted(mine));
      expect(await repository.listByHousehold(householdId)).toHaveLength(30);
    });

    it('removes one endpoint, and an unknown one without error', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const [kept, removed] = [aPushSubscription({ householdId }), aPushSubscription({ householdId })];
      await Promise.all([repository.save(kept!), repository.save(removed!)]);
      await repository.remove(householdId, removed!.endpoint);
      await expect(repository.remove(householdId, 'https://push.example.com/never')).resolves.toBeUndefined();
      expect(await repository.listByHousehold(householdId)).toEqual([kept]);
    });

    it("removes every subscription of a device and says how many, leaving the household's other devices", async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const deviceId = aDeviceId();
      const other = aPushSubscription({ householdId });
      await Promise.all(
        [aPushSubscription({ householdId, deviceId }), aPushSubscription({ householdId, deviceId }), other].map((s) => repository.save(s)),
      );
      expect(await repository.removeByDevice(householdId, deviceId)).toBe(2);
      expect(await repository.removeByDevice(householdId, deviceId)).toBe(0);
      expect(await repository.listByHousehold(householdId)).toEqual([other]);
    });

    it('never lets anything cross households: the same endpoint and device ids in two households stay apart', async () => {
      const repository = await make();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1 })), { maxLength: 12 }),
          async (moves) => {
            const [a, b] = [aHouseholdId(), aHouseholdId()];
            const devices = [aDeviceId(), aDeviceId()];
            const endpoint = (n: number) => `https://push.example.com/shared/${n}-${a}`;
            const expected = new Map<string, PushSubscription>();
            for (const [inA, endpointNumber, device] of moves) {
              const householdId = inA ? a : b;
              const subscription = aPushSubscription({ householdId, deviceId: devices[device]!, endpoint: endpoint(endpointNumber) });
              await repository.save(subscription);
              const key = `${householdId} ${subscription.endpoint}`;
              expected.set(key, { ...subscription, createdAt: expected.get(key)?.createdAt ?? subscription.createdAt });
            }
            // Removing in b never touches a.
            await repository.removeByDevice(b, devices[0]!);
            await repository.remove(b, endpoint(1));
            const expectedIn = (householdId: string) =>
              [...expected.values()].filter(
                (s) => s.householdId === householdId && !(householdId === b && (s.deviceId === devices[0] || s.endpoint === endpoint(1))),
              );
            expect(sorted(await repository.listByHousehold(a))).toEqual(sorted(expectedIn(a)));
            expect(sorted(await repository.listByHousehold(b))).toEqual(sorted(expectedIn(b)));
          },
        ),
        { numRuns: 15 },
      );
    });
  });
}

const sorted = (subscriptions: readonly PushSubscription[]) => [...subscriptions].sort((x, y) => x.endpoint.localeCompare(y.endpoint));
