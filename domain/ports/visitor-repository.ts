import type { HouseholdId, VisitorId } from '../ids';
import type { Visitor } from '../visitor';

/** The enrolled visitors of every household. */
export interface VisitorRepository {
  /** Stores the visitor, replacing one with the same household and id. */
  save(visitor: Visitor): Promise<void>;
  get(householdId: HouseholdId, id: VisitorId): Promise<Visitor | undefined>;
  /** The household's visitor whose name equals `name` ignoring case and spacing (see `sameName`). */
  findByName(householdId: HouseholdId, name: string): Promise<Visitor | undefined>;
  /** Every visitor of the household (all pages), in no particular order; never another household's. */
  listByHousehold(householdId: HouseholdId): Promise<readonly Visitor[]>;
  /** Idempotent: removing an unknown visitor resolves. */
  remove(householdId: HouseholdId, id: VisitorId): Promise<void>;
}
