import { setTimeout as delay } from 'node:timers/promises';

/**
 * Faults injected into `POST @connections`, to see how pushes cope with a slow or throttling API Gateway
 * (benchmarks, resilience tests). Off unless given.
 */
export interface PostFaults {
  /** Every post waits this long before it is answered (ms). Default 0. */
  readonly delayMs?: number;
  /** This share of posts (0–1) answers 429 LimitExceededException instead of delivering. Default 0. */
  readonly throttleRate?: number;
  /** Uniform in [0, 1), drawn once per post. Default Math.random; seed it for repeatable runs. */
  readonly random?: () => number;
}

/**
 * Validated faults: a bad value is a RangeError naming it, at construction.
 * @throws RangeError when `delayMs` is not an integer in 0–60000 or `throttleRate` not in 0–1.
 */
export function postFaults(faults: PostFaults): Required<PostFaults> {
  const { delayMs = 0, throttleRate = 0, random = Math.random } = faults;
  if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > 60_000) {
    throw new RangeError(`LocalWebSocketGateway: postFaults.delayMs must be an integer in 0–60000, got ${delayMs}`);
  }
  if (!(throttleRate >= 0 && throttleRate <= 1)) {
    throw new RangeError(`LocalWebSocketGateway: postFaults.throttleRate must be in 0–1, got ${throttleRate}`);
  }
  return { delayMs, throttleRate, random };
}

/** Waits the post's delay; then whether this post is throttled. */
export async function applyPostFaults(faults: Required<PostFaults>): Promise<'throttled' | 'pass'> {
  if (faults.delayMs > 0) await delay(faults.delayMs);
  return faults.random() < faults.throttleRate ? 'throttled' : 'pass';
}
