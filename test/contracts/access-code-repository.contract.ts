import { describe, expect, it } from 'vitest';
import { ACCESS_CODE_LIFETIME, type AccessCode, type AccessCodeId } from '../../domain/access-code';
import type { AccessCodeRepository } from '../../domain/ports/access-code-repository';
import { aHouseholdId, aRingId, aVisitorId, T0 } from '../support/builders';

let codes = 0;
export function anAccessCode(overrides: Partial<AccessCode> = {}): AccessCode {
  return {
    id: `code-${++codes}-${Math.random().toString(36).slice(2, 8)}` as AccessCodeId,
    householdId: aHouseholdId(),
    ringId: aRingId(),
    visitorId: aVisitorId(),
    visitorName: 'Alice',
    salt: 'c2FsdHNhbHRzYWx0c2FsdA',
    codeHash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
    issuedAt: T0,
    expiresAt: T0 + ACCESS_CODE_LIFETIME,
    failedAttempts: 0,
    ...overrides,
  };
}

export function accessCodeRepositoryContract(name: string, make: () => Promise<AccessCodeRepository>): void {
  describe(`AccessCodeRepository: ${name}`, () => {
    it('returns a saved code, and nothing for an unknown one', async () => {
      const repository = await make();
      const code = anAccessCode();
      await repository.issue(code);
      expect(await repository.get(code.householdId, code.id)).toEqual(code);
      expect(await repository.get(code.householdId, 'code-unknown' as AccessCodeId)).toBeUndefined();
    });

    it('issues one code per ring and visitor: a second one is refused and the first kept', async () => {
      const repository = await make();
      const first = anAccessCode();
      expect(await repository.issue(first)).toBe(true);
      const again = anAccessCode({ householdId: first.householdId, ringId: first.ringId, visitorId: first.visitorId });
      expect(await repository.issue(again)).toBe(false);
      expect(await repository.get(first.householdId, again.id)).toBeUndefined();
      expect(await repository.get(first.householdId, first.id)).toEqual(first);
      const otherVisitor = anAccessCode({ householdId: first.householdId, ringId: first.ringId });
      expect(await repository.issue(otherVisitor)).toBe(true);
    });

    it('lets exactly one of concurrent issues for one ring and visitor win', async () => {
      const repository = await make();
      const first = anAccessCode();
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          repository.issue(anAccessCode({ householdId: first.householdId, ringId: first.ringId, visitorId: first.visitorId })),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await repository.activeByHousehold(first.householdId, T0)).toHaveLength(1);
    });

    it('lists as active only unused codes before their expiry, locked ones included', async () => {
      const repository = await make();
      const householdId = aHouseholdId();
      const live = anAccessCode({ householdId });
      const locked = anAccessCode({ householdId, failedAttempts: 5 });
      const used = anAccessCode({ householdId, usedAt: T0 + 1 });
      const expired = anAccessCode({ householdId, expiresAt: T0 + 10 });
      for (const code of [live, locked, used, expired]) await repository.issue(code);
      const active = await repository.activeByHousehold(householdId, T0 + 10);
      expect(active.map((code) => code.id).sort()).toEqual([live.id, locked.id].sort());
      expect(await repository.activeByHousehold(householdId, live.expiresAt)).toEqual([]);
    });

    it("never lists another household's codes", async () => {
      const repository = await make();
      const code = anAccessCode();
      await repository.issue(code);
      expect(await repository.activeByHousehold(aHouseholdId(), T0)).toEqual([]);
      expect(await repository.get(aHouseholdId(), code.id)).toBeUndefined();
    });

    it('updates only from the stored failedAttempts and usedAt (compare-and-set)', async () => {
      const repository = await make();
      const code = anAccessCode();
      await repository.issue(code);
      const failed = { ...code, failedAttempts: 1 };
      expect(await repository.update(code, failed)).toBe(true);
      expect(await repository.update(code, { ...code, usedAt: T0 + 1 })).toBe(false);
      const used = { ...failed, usedAt: T0 + 2 };
      expect(await repository.update(failed, used)).toBe(true);
      expect(await repository.update(failed, { ...failed, failedAttempts: 2 })).toBe(false);
      expect(await repository.get(code.householdId, code.id)).toEqual(used);
    });

    it('refuses to update a code that was never saved', async () => {
      const repository = await make();
      const code = anAccessCode();
      expect(await repository.update(code, { ...code, usedAt: T0 })).toBe(false);
      expect(await repository.get(code.householdId, code.id)).toBeUndefined();
    });

    it('lets exactly one of many concurrent keypads use a code', async () => {
      const repository = await make();
      const code = anAccessCode();
      await repository.issue(code);
      const results = await Promise.all(Array.from({ length: 6 }, (_, n) => repository.update(code, { ...code, usedAt: T0 + n })));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keeps what it stores apart from the caller’s objects', async () => {
      const repository = await make();
      const code = anAccessCode();
      await repository.issue(code);
      (code as { failedAttempts: number }).failedAttempts = 4;
      expect((await repository.get(code.householdId, code.id))?.failedAttempts).toBe(0);
    });
  });
}
