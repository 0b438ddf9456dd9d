import type { RingWindow } from '../debounce';
import type { DeviceId, HouseholdId } from '../ids';

/** Each doorbell's current ring window (see debounce.ts): the state that makes debouncing safe under concurrency. */
export interface RingWindowRepository {
  /** The window the doorbell opened last, if any (old windows may be returned; the caller judges them). */
  current(householdId: HouseholdId, doorbellId: DeviceId): Promise<RingWindow | undefined>;
  /**
   * Compare-and-set: makes `next` the doorbell's window only if its stored window is still `expected` (same ring id;
   * `undefined` = none stored). Resolves true when stored, false when another press got there first; of concurrent
   * calls with the same `expected`, exactly one succeeds.
   */
  replace(expected: RingWindow | undefined, next: RingWindow): Promise<boolean>;
}
