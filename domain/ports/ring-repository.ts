import type { HouseholdId, RingId } from '../ids';
import type { Ring, RingCursor } from '../ring';
import type { Instant } from '../time';

export type CreateRingResult =
  | { readonly kind: 'created'; readonly ring: Ring }
  /** A ring with this id was stored before: the stored one is returned unchanged. */
  | { readonly kind: 'exists'; readonly ring: Ring };

export interface RingPage {
  /** Newest first: by `at` descending, then ring id descending. */
  readonly rings: readonly Ring[];
  /** Where the next (older) page starts; absent when there is none. */
  readonly next?: RingCursor;
}

/** The rings of every household. Rings past `expiresAt` are never returned (retention). */
export interface RingRepository {
  /** Conditional create: stores the ring unless one with the same household and id exists, which wins. */
  create(ring: Ring): Promise<CreateRingResult>;
  /** The ring if stored and retained at `now`. */
  get(householdId: HouseholdId, id: RingId, now: Instant): Promise<Ring | undefined>;
  /**
   * The household's retained rings, newest first, at most `limit` (all pages followed until the limit is filled),
   * starting strictly after `after` when given. Rings sharing a millisecond are neither skipped nor repeated.
   */
  history(
    householdId: HouseholdId,
    query: { readonly now: Instant; readonly limit: number; readonly after?: RingCursor },
  ): Promise<RingPage>;
  /**
   * Conditional claim of the right to announce the ring. Resolves true when the ring was unclaimed or is already
   * claimed by the same `claimant` (a retry of the same workflow run announces again); false when another claimant
   * holds it (a duplicate event must not notify twice) or the ring does not exist.
   */
  claimAnnouncement(householdId: HouseholdId, id: RingId, claimant: string): Promise<boolean>;
}
