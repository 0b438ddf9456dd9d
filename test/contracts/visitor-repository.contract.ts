import { describe, expect, it } from 'vitest';
import type { FaceId } from '../../domain/ids';
import type { VisitorRepository } from '../../domain/ports/visitor-repository';
import { aHouseholdId, aVisitor, aVisitorId } from '../support/builders';

export function visitorRepositoryContract(name: string, make: () => Promise<VisitorRepository>): void {
  describe(`VisitorRepository: ${name}`, () => {
    it('returns a saved visitor by id', async () => {
      const repository = await make();
      const visitor = aVisitor({ trusted: true, faceIds: ['face-1', 'face-2'] as FaceId[] });
      await repository.save(visitor);
      expect(await repository.get(visitor.householdId, visitor.id)).toEqual(visitor);
    });

    it('replaces a visitor saved again', async () => {
      const repository = await make();
      const visitor = aVisitor();
      const updated = { ...visitor, trusted: true, faceIds: ['face-9'] as FaceId[] };
      await repository.save(visitor);
      await repository.save(updated);
      expect(await repository.get(visitor.householdId, visitor.id)).toEqual(updated);
      expect(await repository.listByHousehold(visitor.householdId)).toEqual([updated]);
    });

    it('finds a visitor by name ignoring case and spacing, in their household only', async () => {
      const repository = await make();
      const visitor = aVisitor({ name: 'Mary Ann' });
      await repository.save(visitor);
      expect(await repository.findByName(visitor.householdId, '  mary   ANN ')).toEqual(visitor);
      expect(await repository.findByName(visitor.householdId, 'Mary')).toBeUndefined();
      expect(await repository.findByName(aHouseholdId(), 'Mary Ann')).toBeUndefined();
    });

    it('finds a visitor by name among many (the match may sit on any page)', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const crowd = Array.from({ length: 40 }, (_, n) => aVisitor({ householdId, name: `Visitor ${n}` }));
      await Promise.all(crowd.map((visitor) => repository.save(visitor)));
      for (const visitor of [crowd[0]!, crowd[21]!, crowd[39]!]) {
        expect(await repository.findByName(householdId, visitor.name.toUpperCase())).toEqual(visitor);
      }
    });

    it('lists every visitor of the household and none of another', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const mine = Array.from({ length: 40 }, (_, n) => aVisitor({ householdId, name: `Visitor ${n}` }));
      await Promise.all([...mine, aVisitor()].map((visitor) => repository.save(visitor)));
      const listed = await repository.listByHousehold(householdId);
      expect([...listed].sort(byId)).toEqual([...mine].sort(byId));
    });

    it('removes a visitor, and removing an unknown one resolves', async () => {
      const repository = await make();
      const visitor = aVisitor();
      await repository.save(visitor);
      await repository.remove(visitor.householdId, visitor.id);
      await expect(repository.remove(visitor.householdId, aVisitorId())).resolves.toBeUndefined();
      expect(await repository.get(visitor.householdId, visitor.id)).toBeUndefined();
      expect(await repository.findByName(visitor.householdId, visitor.name)).toBeUndefined();
    });

    it('does not return a visitor under another household', async () => {
      const repository = await make();
      const visitor = aVisitor();
      await repository.save(visitor);
      expect(await repository.get(aHouseholdId(), visitor.id)).toBeUndefined();
    });
  });
}

const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id);
