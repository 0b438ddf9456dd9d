import type { RingResponse } from '../answer';
import type { HouseholdId, RingId } from '../ids';
import type { Instant } from '../time';

export type RecordResponseResult =
  | { readonly kind: 'recorded' }
  /** A response to this ring was recorded first: it is returned, unchanged. */
  | { readonly kind: 'already-responded'; readonly response: RingResponse };

export interface WaitingTask {
  readonly householdId: HouseholdId;
  readonly ringId: RingId;
  readonly taskToken: string;
}

/**
 * The response to each ring (its first answer, or `unanswered`). Kept apart from RingRepository so that adding
 * answers changes no stored ring.
 */
export interface AnswerRepository {
  /**
   * Conditional create: stores the ring's response unless one exists for the same household and ring, which wins.
   * Of concurrent calls for one ring exactly one resolves 'recorded'. `expiresAt` is the ring's retention: after
   * it the response is never returned.
   */
  record(response: RingResponse, expiresAt: Instant): Promise<RecordResponseResult>;
  /** The ring's response if recorded and retained at `now`; never another household's. */
  get(householdId: HouseholdId, ringId: RingId, now: Instant): Promise<RingResponse | undefined>;
  /**
   * Keeps, with the ring, the task token of the workflow run waiting for its response, replacing an earlier one (a
   * retried wait has a fresh token). Independent of the response: either may be stored first. `expiresAt` as in
   * `record`. The token resumes the run; it is never sent to devices.
   */
  keepWaitingTask(wait: WaitingTask, expiresAt: Instant): Promise<void>;
  /** The token kept for the ring, if any and retained at `now`; never another household's. */
  waitingTask(householdId: HouseholdId, ringId: RingId, now: Instant): Promise<string | undefined>;
}
