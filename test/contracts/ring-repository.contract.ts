import { describe, expect, it } from 'vitest';
import type { RingRepository } from '../../domain/ports/ring-repository';
import { seconds } from '../../domain/time';
import { cursorOf, historyOrder, type Ring } from '../../domain/ring';
import { aHouseholdId, aRing, aRingId, T0 } from '../support/builders';

export function ringRepositoryContract(name: string, make: () => Promise<RingRepository>): void {
  describe(`RingRepository: ${name}`, () => {
    it('creates a ring and returns it', async () => {
      const repository = await make();
      const ring = aRing({
        identification: {
          kind: 'known',
          unknownFaces: 1,
          visitors: [{ visitorId: 'v-1' as never, name: 'Alice', trusted: true, similarity: 99.5 }],
        },
      });
      expect(await repository.create(ring)).toEqual({ kind: 'created', ring });
      expect(await repository.get(ring.householdId, ring.id, T0)).toEqual(ring);
    });

    it('keeps the type of its photo, and reads a ring stored without one as without one', async () => {
      const repository = await make();
      const typed = aRing({ photoType: 'not-an-image' });
      const untyped = aRing();
      await repository.create(typed);
      await repository.create(untyped);
      expect(await repository.get(typed.householdId, typed.id, T0)).toEqual(typed);
      expect(await repository.get(untyped.householdId, untyped.id, T0)).not.toHaveProperty('photoType');
    });

    it('keeps the first ring when one with the same id is created again (conditional write)', async () => {
      const repository = await make();
      const first = aRing();
      const second = { ...first, identification: { kind: 'no-face' as const } };
      await repository.create(first);
      expect(await repository.create(second)).toEqual({ kind: 'exists', ring: first });
      expect(await repository.get(first.householdId, first.id, T0)).toEqual(first);
    });

    it('lets exactly one of many concurrent creates of the same ring win', async () => {
      const repository = await make();
      const ring = aRing();
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => repository.create({ ...ring, at: ring.at + i, expiresAt: ring.expiresAt + i })),
      );
      expect(results.filter((result) => result.kind === 'created')).toHaveLength(1);
      const winner = results.find((result) => result.kind === 'created')!.ring;
      expect(results.every((result) => JSON.stringify(result.ring) === JSON.stringify(winner))).toBe(true);
    });

    it('does not return a ring of another household or an unknown id', async () => {
      const repository = await make();
      const ring = aRing();
      await repository.create(ring);
      expect(await repository.get(aHouseholdId(), ring.id, T0)).toBeUndefined();
      expect(await repository.get(ring.householdId, aRingId(), T0)).toBeUndefined();
    });

    it('never returns a ring past its retention, although it is still stored', async () => {
      const repository = await make();
      const ring = aRing();
      await repository.create(ring);
      expect(await repository.get(ring.householdId, ring.id, ring.expiresAt - 1)).toEqual(ring);
      expect(await repository.get(ring.householdId, ring.id, ring.expiresAt)).toBeUndefined();
      expect((await repository.history(ring.householdId, { now: ring.expiresAt, limit: 10 })).rings).toEqual([]);
    });

    it('lists the history newest first, without other households', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const rings = [3, 1, 2].map((n) => aRing({ householdId, at: T0 + seconds(n * 60) }));
      await Promise.all([...rings, aRing({ at: T0 + seconds(500) })].map((ring) => repository.create(ring)));
      const page = await repository.history(householdId, { now: T0 + seconds(600), limit: 10 });
      expect(page.rings.map((ring) => ring.at)).toEqual([T0 + seconds(180), T0 + seconds(120), T0 + seconds(60)]);
      expect(page.next).toBeUndefined();
    });

    it('pages with a cursor, neither skipping nor repeating rings that share a millisecond', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const rings = [0, 1, 1, 1, 2, 3, 3].map((n) => aRing({ householdId, at: T0 + seconds(n) }));
      await Promise.all(rings.map((ring) => repository.create(ring)));
      const now = T0 + seconds(100);
      const seen: Ring[] = [];
      let page = await repository.history(householdId, { now, limit: 3 });
      seen.push(...page.rings);
      while (page.next) {
        expect(page.rings).toHaveLength(3);
        page = await repository.history(householdId, { now, limit: 3, after: page.next });
        seen.push(...page.rings);
      }
      const expected = [...rings].sort((a, b) => historyOrder(cursorOf(a), cursorOf(b)));
      expect(seen.map((ring) => ring.id)).toEqual(expected.map((ring) => ring.id));
    });

    it('gives no cursor when the page holds the last retained ring, even if it is exactly full', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const now = T0 + seconds(100);
      const rings = Array.from({ length: 3 }, (_, n) => aRing({ householdId, at: T0 + seconds(n + 10) }));
      const expiredOlder = aRing({ householdId, at: T0, expiresAt: now - 1 });
      await Promise.all([...rings, expiredOlder].map((ring) => repository.create(ring)));
      const page = await repository.history(householdId, { now, limit: 3 });
      expect(page.rings).toHaveLength(3);
      expect(page.next).toBeUndefined();
    });

    it('fills the limit even when many expired rings sit among the newest (filtering does not shorten pages)', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const now = T0 + seconds(1000);
      const kept = Array.from({ length: 5 }, (_, n) => aRing({ householdId, at: T0 + seconds(n) }));
      // Newer rings kept for a shorter time (retention lowered since) are already gone.
      const expired = Array.from({ length: 120 }, (_, n) => aRing({ householdId, at: T0 + seconds(10 + n), expiresAt: now - 1 }));
      await Promise.all([...kept, ...expired].map((ring) => repository.create(ring)));
      const { rings } = await repository.history(householdId, { now, limit: 5 });
      expect(rings.map((ring) => ring.id)).toEqual([...kept].reverse().map((ring) => ring.id));
    });

    it('grants the announcement claim to the first claimant, again to it, and to nobody else', async () => {
      const repository = await make();
      const ring = aRing();
      await repository.create(ring);
      expect(await repository.claimAnnouncement(ring.householdId, ring.id, 'run-1')).toBe(true);
      expect(await repository.claimAnnouncement(ring.householdId, ring.id, 'run-1')).toBe(true);
      expect(await repository.claimAnnouncement(ring.householdId, ring.id, 'run-2')).toBe(false);
    });

    it('grants the claim of a ring to exactly one of many concurrent claimants', async () => {
      const repository = await make();
      const ring = aRing();
      await repository.create(ring);
      const claims = await Promise.all(
        Array.from({ length: 5 }, (_, i) => repository.claimAnnouncement(ring.householdId, ring.id, `run-${i}`)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('refuses to claim a ring that does not exist', async () => {
      const repository = await make();
      expect(await repository.claimAnnouncement(aHouseholdId(), aRingId(), 'run-1')).toBe(false);
    });
  });
}
