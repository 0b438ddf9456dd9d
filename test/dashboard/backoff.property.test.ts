import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from '../../dashboard/src/connection/backoff';
import { KEEP_ALIVE_MS, PONG_TIMEOUT_MS } from '../../dashboard/src/connection/keep-alive';

/** API Gateway closes a WebSocket connection after 10 minutes without a message. */
const API_GATEWAY_IDLE_TIMEOUT_MS = 10 * 60_000;

describe("the dashboard's reconnect backoff", () => {
  it('stays between half and all of the capped exponential delay', () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
        const delay = retryDelayMs(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(retryDelayMs(1_000_000, 0.999)).toBeLessThanOrEqual(MAX_RETRY_MS);
  });

  it('pings, and gives up on a silent connection, well within API Gateway idle timeout', () => {
    expect(KEEP_ALIVE_MS + PONG_TIMEOUT_MS).toBeLessThan(API_GATEWAY_IDLE_TIMEOUT_MS);
  });
});
