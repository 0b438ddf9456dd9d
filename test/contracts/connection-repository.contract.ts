import { describe, expect, it } from 'vitest';
import type { ConnectionRepository } from '../../domain/ports/connection-repository';
import { minutes } from '../../domain/time';
import { aConnection, aConnectionId, aHouseholdId, T0 } from '../support/builders';

export function connectionRepositoryContract(name: string, make: () => Promise<ConnectionRepository>): void {
  describe(`ConnectionRepository: ${name}`, () => {
    it('removes an unknown id without error', async () => {
      await expect((await make()).remove(aConnectionId())).resolves.toBeUndefined();
    });

    it('returns a saved connection while it is live', async () => {
      const repository = await make();
      const connection = aConnection();
      await repository.save(connection);
      expect(await repository.get(connection.id, T0)).toEqual(connection);
    });

    it('replaces a connection saved again with the same id', async () => {
      const repository = await make();
      const first = aConnection();
      const second = { ...first, role: 'doorbell' as const, connectedAt: T0 + 1 };
      await repository.save(first);
      await repository.save(second);
      expect(await repository.get(first.id, T0 + 1)).toEqual(second);
      expect(await repository.listByHousehold(first.householdId, T0 + 1)).toEqual([second]);
    });

    it('never returns an expired connection, although it is still stored', async () => {
      const repository = await make();
      const connection = aConnection();
      await repository.save(connection);
      expect(await repository.get(connection.id, connection.expiresAt - 1)).toBeDefined();
      expect(await repository.get(connection.id, connection.expiresAt)).toBeUndefined();
      expect(await repository.listByHousehold(connection.householdId, connection.expiresAt)).toEqual([]);
    });

    it('lists only the live connections of the household asked for', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const mine = [aConnection({ householdId }), aConnection({ householdId, role: 'doorbell' })];
      const stale = aConnection({ householdId, connectedAt: T0 - minutes(125) });
      const theirs = aConnection();
      for (const connection of [...mine, stale, theirs]) await repository.save(connection);
      const listed = await repository.listByHousehold(householdId, T0);
      expect(sortById(listed)).toEqual(sortById(mine));
    });

    it('lists every connection of a large household (no silently truncated page)', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const many = Array.from({ length: 230 }, () => aConnection({ householdId }));
      await Promise.all(many.map((connection) => repository.save(connection)));
      expect(await repository.listByHousehold(householdId, T0)).toHaveLength(230);
    });

    it('forgets a removed connection', async () => {
      const repository = await make();
      const connection = aConnection();
      await repository.save(connection);
      await repository.remove(connection.id);
      expect(await repository.get(connection.id, T0)).toBeUndefined();
      expect(await repository.listByHousehold(connection.householdId, T0)).toEqual([]);
    });
  });
}

function sortById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.id.localeCompare(b.id));
}
