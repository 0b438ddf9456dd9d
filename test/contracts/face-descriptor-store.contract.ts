import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faceId, householdId, visitorId } from '../../domain/ids';
import type { FaceDescriptor, FaceDescriptorStore } from '../../domain/ports/face-descriptor-store';
import { aHouseholdId } from '../support/builders';

/** 128 float32 numbers, as the face model gives them. */
const descriptor = (seed: number) => [...Float32Array.from({ length: 128 }, (_, i) => Math.sin(seed * 131 + i) / 3)];
const face = (id: string, visitor: string, seed = id.length): FaceDescriptor => ({
  faceId: faceId(id),
  visitorId: visitorId(visitor),
  descriptor: descriptor(seed),
});
/** Descriptors added to households 0–2, each for one of two visitors of that household. */
const adds = fc.array(fc.record({ home: fc.integer({ min: 0, max: 2 }), visitor: fc.constantFrom('alice', 'bob') }), { maxLength: 6 });
const byFaceId = (faces: readonly FaceDescriptor[]) => [...faces].sort((a, b) => a.faceId.localeCompare(b.faceId));

export function faceDescriptorStoreContract(name: string, make: () => Promise<FaceDescriptorStore>): void {
  describe(`FaceDescriptorStore: ${name}`, () => {
    it('lists what was added, numbers exactly; nothing for an unknown household', async () => {
      const store = await make();
      const home = aHouseholdId();
      const faces = [face('f1', 'alice', 1), face('f2', 'alice', 2), face('f3', 'bob', 3)];
      await store.add(home, faces.slice(0, 2));
      await store.add(home, faces.slice(2));
      expect(byFaceId(await store.list(home))).toEqual(faces);
      expect(await store.list(aHouseholdId())).toEqual([]);
    });

    it('replaces a face id added again', async () => {
      const store = await make();
      const home = aHouseholdId();
      await store.add(home, [face('f1', 'alice', 1)]);
      await store.add(home, [face('f1', 'alice', 9)]);
      expect(await store.list(home)).toEqual([face('f1', 'alice', 9)]);
    });

    it("removes every descriptor of the visitor and nobody else's; removing again resolves", async () => {
      const store = await make();
      const home = aHouseholdId();
      const many = Array.from({ length: 30 }, (_, i) => face(`a${String(i).padStart(2, '0')}`, 'alice', i));
      await store.add(home, [...many, face('b1', 'bob', 99)]);
      await store.removeVisitor(home, visitorId('alice'));
      await expect(store.removeVisitor(home, visitorId('alice'))).resolves.toBeUndefined();
      await expect(store.removeVisitor(aHouseholdId(), visitorId('nobody'))).resolves.toBeUndefined();
      expect(await store.list(home)).toEqual([face('b1', 'bob', 99)]);
    });

    it('never lists or removes across households', async () => {
      await fc.assert(
        fc.asyncProperty(adds, async (added) => {
          const store = await make();
          const run = aHouseholdId();
          const home = (index: number) => householdId(`${run}-${index}`);
          for (const [i, add] of added.entries()) {
            await store.add(home(add.home), [face(`f${i}`, `${add.home}-${add.visitor}`, i)]);
          }
          await store.removeVisitor(home(0), visitorId('1-alice'));
          for (const index of [0, 1, 2]) {
            const listed = await store.list(home(index));
            expect(listed.every((listedFace) => listedFace.visitorId.startsWith(`${index}-`))).toBe(true);
            expect(listed).toHaveLength(added.filter((add) => add.home === index).length);
          }
        }),
        { numRuns: 10 },
      );
    });
  });
}
