import type { AccessCode, AccessCodeId } from '../../domain/access-code';
import type { HouseholdId } from '../../domain/ids';
import type { AccessCodeRepository } from '../../domain/ports/access-code-repository';
import type { Instant } from '../../domain/time';
import { copy } from './copy';

export class InMemoryAccessCodeRepository implements AccessCodeRepository {
  private readonly codes = new Map<string, AccessCode>();

  async issue(code: AccessCode): Promise<boolean> {
    const key = storageKey(code.householdId, code.id);
    const taken = [...this.codes.values()].some(
      (stored) => stored.householdId === code.householdId && stored.ringId === code.ringId && stored.visitorId === code.visitorId,
    );
    if (taken || this.codes.has(key)) return false;
    this.codes.set(key, copy(code));
    return true;
  }

  async get(householdId: HouseholdId, id: AccessCodeId): Promise<AccessCode | undefined> {
    const code = this.codes.get(storageKey(householdId, id));
    return code && copy(code);
  }

  async activeByHousehold(householdId: HouseholdId, now: Instant): Promise<readonly AccessCode[]> {
    return [...this.codes.values()]
      .filter((code) => code.householdId === householdId && code.usedAt === undefined && now < code.expiresAt)
      .map(copy);
  }

  async update(previous: AccessCode, next: AccessCode): Promise<boolean> {
    if (next.householdId !== previous.householdId || next.id !== previous.id) return false;
    const key = storageKey(previous.householdId, previous.id);
    const stored = this.codes.get(key);
    // Check and set in one synchronous step: nothing can interleave, like a conditional write.
    if (!stored || stored.failedAttempts !== previous.failedAttempts || stored.usedAt !== previous.usedAt) return false;
    this.codes.set(key, copy(next));
    return true;
  }

  /** Everything stored, for tests that check what is (not) kept. */
  snapshot(): readonly AccessCode[] {
    return [...this.codes.values()].map(copy);
  }
}

function storageKey(householdId: HouseholdId, id: AccessCodeId): string {
  return `${householdId}/${id}`;
}
