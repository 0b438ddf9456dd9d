import { describe, expect, it } from 'vitest';
import type { DeviceRepository } from '../../domain/ports/device-repository';
import { aDevice, aDeviceId, aHouseholdId, T0 } from '../support/builders';

export function deviceRepositoryContract(name: string, make: () => Promise<DeviceRepository>): void {
  describe(`DeviceRepository: ${name}`, () => {
    it('returns a saved device', async () => {
      const repository = await make();
      const device = aDevice({ role: 'doorbell', name: 'Front door' });
      await repository.save(device);
      expect(await repository.get(device.householdId, device.id)).toEqual(device);
    });

    it("keeps a doorbell's door apart from its name, and a device without a door without one", async () => {
      const repository = await make();
      const doorPage = aDevice({ role: 'doorbell', name: 'Door page', door: 'front door' });
      const phone = aDevice({ householdId: doorPage.householdId, role: 'resident', name: 'Phone' });
      await repository.save(doorPage);
      await repository.save(phone);
      expect(await repository.get(doorPage.householdId, doorPage.id)).toEqual(doorPage);
      expect(await repository.get(phone.householdId, phone.id)).not.toHaveProperty('door');
      expect(await repository.listByHousehold(doorPage.householdId)).toEqual(expect.arrayContaining([doorPage, phone]));
    });

    it('keeps a revocation, and the token cut-off of a device registered again', async () => {
      const repository = await make();
      const device = aDevice();
      await repository.save(device);
      await repository.save({ ...device, revokedAt: T0 + 1 });
      expect((await repository.get(device.householdId, device.id))?.revokedAt).toBe(T0 + 1);
      const registeredAgain = { ...device, tokensNotBefore: T0 + 1 };
      await repository.save(registeredAgain);
      expect(await repository.get(device.householdId, device.id)).toEqual(registeredAgain);
    });

    it('lists the devices of one household, revoked ones included, and none of another', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const mine = [aDevice({ householdId }), aDevice({ householdId, role: 'doorbell', revokedAt: T0 })];
      await Promise.all([...mine, aDevice()].map((device) => repository.save(device)));
      const listed = await repository.listByHousehold(householdId);
      expect([...listed].sort(byId)).toEqual([...mine].sort(byId));
    });

    it('lists every device of a household with many (no silently truncated page)', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const many = Array.from({ length: 30 }, (_, n) => aDevice({ householdId, name: `Device ${n}` }));
      await Promise.all(many.map((device) => repository.save(device)));
      expect(await repository.listByHousehold(householdId)).toHaveLength(30);
    });

    it('does not find an unknown device or one under another household', async () => {
      const repository = await make();
      const device = aDevice();
      await repository.save(device);
      expect(await repository.get(device.householdId, aDeviceId())).toBeUndefined();
      expect(await repository.get(aHouseholdId(), device.id)).toBeUndefined();
    });
  });
}

const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id);
