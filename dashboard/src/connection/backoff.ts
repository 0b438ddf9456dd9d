/** Reconnect delays: exponential from 1 s, capped at 30 s, with "equal jitter" so many pages don't retry in step. */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 30_000;

/** The delay before retry number `attempt` (0 for the first), given a random number in [0, 1). */
export function retryDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}
