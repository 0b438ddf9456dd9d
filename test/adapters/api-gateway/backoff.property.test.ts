import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay, RetriesExhaustedError, withBackoff } from '../../../adapters/api-gateway/backoff';

const anyRetry = fc.integer({ min: 0, max: 40 });
const anyBase = fc.integer({ min: 0, max: 10_000 });
const anyMax = fc.integer({ min: 0, max: 60_000 });
const anyFraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('fullJitterDelay', () => {
  it('is a whole number of milliseconds between 0 and the capped exponential bound', () => {
    fc.assert(
      fc.property(anyRetry, anyBase, anyMax, anyFraction, (retry, base, max, fraction) => {
        // Act
        const delay = fullJitterDelay(retry, base, () => fraction, max);

        // Assess
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(max, base * 2 ** retry));
      }),
    );
  });

  it('grows with the random draw (the jitter is spread over the whole range)', () => {
    fc.assert(
      fc.property(anyRetry, anyBase, anyFraction, anyFraction, (retry, base, a, b) => {
        // Arrange
        const [low, high] = a <= b ? [a, b] : [b, a];

        // Assess
        expect(fullJitterDelay(retry, base, () => low)).toBeLessThanOrEqual(fullJitterDelay(retry, base, () => high));
      }),
    );
  });

  it('reaches just under the cap at the top of the draw, whatever the attempt', () => {
    fc.assert(
      fc.property(anyRetry, fc.integer({ min: 1, max: 1_000 }), (retry, base) => {
        // Arrange
        const cap = Math.min(20_000, base * 2 ** retry);

        // Act
        const delay = fullJitterDelay(retry, base, () => 1 - Number.EPSILON);

        // Assess
        expect(delay).toBeGreaterThanOrEqual(cap - 1);
      }),
    );
  });

  it('stays within the cap even when the injected random misbehaves', () => {
    fc.assert(
      fc.property(anyRetry, anyBase, fc.double(), (retry, base, wild) => {
        // Act
        const delay = fullJitterDelay(retry, base, () => wild);

        // Assess
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(20_000, base * 2 ** retry));
      }),
    );
  });
});

describe('withBackoff', () => {
  it('makes at most maxAttempts attempts, sleeping once between each two', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 12 }), async (maxAttempts, failures) => {
        // Arrange
        let attempts = 0;
        const sleeps: number[] = [];
        const attempt = async () => {
          if (++attempts <= failures) throw new Error('throttled');
          return 'ok';
        };

        // Act
        const outcome = await withBackoff(attempt, () => true, {
          maxAttempts,
          baseDelayMs: 10,
          sleep: async (ms) => void sleeps.push(ms),
          random: () => 0.5,
        }).catch((error: unknown) => error);

        // Assess
        expect(attempts).toBe(Math.min(failures + 1, maxAttempts));
        expect(sleeps).toHaveLength(attempts - 1);
        if (failures < maxAttempts) expect(outcome).toBe('ok');
        else expect(outcome).toBeInstanceOf(RetriesExhaustedError);
      }),
    );
  });

  it('rethrows an error that is not retryable at once, as is', async () => {
    // Arrange
    const fatal = new Error('forbidden');
    let attempts = 0;

    // Act
    const outcome = withBackoff(
      async () => {
        attempts++;
        throw fatal;
      },
      () => false,
      { maxAttempts: 5, baseDelayMs: 10, sleep: async () => {}, random: Math.random },
    );

    // Assess
    await expect(outcome).rejects.toBe(fatal);
    expect(attempts).toBe(1);
  });
});
