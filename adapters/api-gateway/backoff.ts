/**
 * Capped exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): the n-th
 * retry waits a uniformly random time between 0 and min(maxDelayMs, baseDelayMs · 2ⁿ). Full jitter spreads the retries of
 * many pushes throttled at once, so they don't hit the API again in lockstep.
 */
export interface BackoffOptions {
  /** Attempts in all, the first included (≥ 1). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs?: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), like Math.random. */
  readonly random: () => number;
}

/** No retry waits longer than this, however many attempts are allowed (the SDK's own retries cap at 20 s too). */
export const DEFAULT_MAX_DELAY_MS = 20_000;

/** Whole milliseconds to wait before retry number `retry` (0 for the first retry). */
export function fullJitterDelay(retry: number, baseDelayMs: number, random: () => number, maxDelayMs = DEFAULT_MAX_DELAY_MS): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  // Clamped (NaN → 0): an injected random out of range must not push the delay past the cap.
  const fraction = Math.min(Math.max(random() || 0, 0), 1);
  return Math.floor(fraction * cap);
}

/** Outcome of `withBackoff` when every attempt failed with a retryable error. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    lastError: unknown,
  ) {
    super(`still failing after ${attempts} attempt${attempts === 1 ? '' : 's'}`, { cause: lastError });
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * Runs `attempt` until it succeeds, fails with an error `isRetryable` rejects (rethrown as is), or `maxAttempts`
 * are used up (RetriesExhaustedError, the last error as its cause).
 * @throws RetriesExhaustedError when every attempt failed with a retryable error (the last one is its cause).
 * @throws the first error `isRetryable` rejects, as is.
 */
export async function withBackoff<T>(
  attempt: () => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  options: BackoffOptions,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (n >= options.maxAttempts) throw new RetriesExhaustedError(n, error);
      await options.sleep(fullJitterDelay(n - 1, options.baseDelayMs, options.random, options.maxDelayMs));
    }
  }
}
