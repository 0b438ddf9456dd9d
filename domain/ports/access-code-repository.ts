import type { AccessCode, AccessCodeId } from '../access-code';
import type { HouseholdId } from '../ids';
import type { Instant } from '../time';

/** The issued access codes of every household: salted hashes only, never a plain code. */
export interface AccessCodeRepository {
  /**
   * Conditional create: stores a newly issued code unless the household already holds one for the same ring and
   * visitor (whatever its state), so a retried workflow run can never issue a second code. True when stored.
   */
  issue(code: AccessCode): Promise<boolean>;
  /** The code if stored, whatever its state (used, locked, expired alike); never another household's. */
  get(householdId: HouseholdId, id: AccessCodeId): Promise<AccessCode | undefined>;
  /**
   * Every code of the household that is unused and not expired at `now` (locked ones included: the policy judges
   * them), in no particular order; other households' codes are never returned.
   */
  activeByHousehold(householdId: HouseholdId, now: Instant): Promise<readonly AccessCode[]>;
  /**
   * Compare-and-set: stores `next` (same household and id as `previous`) only if the stored code still has
   * `previous.failedAttempts` and `previous.usedAt` (absent = unused). Resolves true when stored, false when another
   * attempt changed it first or it does not exist; of concurrent updates from the same `previous`, exactly one
   * succeeds, so two keypads can never both use one code.
   */
  update(previous: AccessCode, next: AccessCode): Promise<boolean>;
}
