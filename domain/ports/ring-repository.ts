import type { DeviceId, HouseholdId, RingId } from '../ids';
import type { Ring } from '../ring';
import type { Instant } from '../time';

export type CreateRingResult =
  | { readonly kind: 'created'; readonly ring: Ring }
  /** A ring with this id was stored before: the stored one is returned unchanged. */
  | { readonly kind: 'exists'; readonly ring: Ring };

export interface RingPage {
  /** Newest first. */
  readonly rings: readonly Ring[];
}

/** The rings of every household. Rings past `expiresAt` are never returned (retention). */
export interface RingRepository {
  /** Conditional create: stores the ring unless one with the same household and id exists, which wins. */
  create(ring: Ring): Promise<CreateRingResult>;
  /** The ring if stored and retained at `now`. */
  get(householdId: HouseholdId, id: RingId, now: Instant): Promise<Ring | undefined>;
  /** The doorbell's newest ring that is not folded into another, if retained at `now`. */
  latestOpeningRing(householdId: HouseholdId, doorbellId: DeviceId, now: Instant): Promise<Ring | undefined>;
  /**
   * The household's rings that are not folded, newest first (ties by id, descending), at most `limit`,
   * only those strictly older than `before` when given (to page back in time).
   */
  history(
    householdId: HouseholdId,
    query: { readonly now: Instant; readonly limit: number; readonly before?: Instant },
  ): Promise<RingPage>;
  /**
   * Conditional claim of the right to announce the ring. Resolves true when the ring was unclaimed or is already
   * claimed by the same `claimant` (a retry of the same workflow run announces again); false when another claimant
   * holds it (a duplicate event must not notify twice) or the ring does not exist.
   */
  claimAnnouncement(householdId: HouseholdId, id: RingId, claimant: string): Promise<boolean>;
}
