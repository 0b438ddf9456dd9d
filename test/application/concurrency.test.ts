import { describe, expect, it } from 'vitest';
import { settleWithConcurrency } from '../../application/concurrency';

/** Work that records how many items are in flight at once; each takes a macrotask, so overlapping is observable. */
function tracked<T>(work: (item: T) => T | Promise<T> = (item) => item) {
  const stats = { inFlight: 0, maxInFlight: 0, attempted: [] as T[] };
  const run = async (item: T): Promise<T> => {
    stats.attempted.push(item);
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return await work(item);
    } finally {
      stats.inFlight -= 1;
    }
  };
  return { stats, run };
}

const ITEMS = [1, 2, 3, 4, 5, 6];

describe('settleWithConcurrency', () => {
  it('keeps at most `limit` items in flight and settles every item', async () => {
    // Prepare
    const { stats, run } = tracked<number>();

    // Act
    const results = await settleWithConcurrency(ITEMS, 2, run);

    // Assess
    expect(stats.maxInFlight).toBe(2);
    expect(results).toEqual(ITEMS.map((value) => ({ status: 'fulfilled', value })));
  });

  it.each([
    ['NaN', Number.NaN],
    ['0', 0],
    ['-1', -1],
    ['0.5', 0.5],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('still attempts every item, one at a time, for a limit of %s', async (_, limit) => {
    // Prepare
    const { stats, run } = tracked<number>();

    // Act
    const results = await settleWithConcurrency(ITEMS, limit, run);

    // Assess
    expect(stats.attempted).toEqual(ITEMS);
    expect(stats.maxInFlight).toBe(1);
    expect(results).toEqual(ITEMS.map((value) => ({ status: 'fulfilled', value })));
  });

  it('runs every item at once for a limit of Infinity', async () => {
    // Prepare
    const { stats, run } = tracked<number>();

    // Act
    const results = await settleWithConcurrency(ITEMS, Number.POSITIVE_INFINITY, run);

    // Assess
    expect(stats.maxInFlight).toBe(ITEMS.length);
    expect(results).toHaveLength(ITEMS.length);
  });

  it('returns a rejection in its slot and still attempts the items after it', async () => {
    // Prepare
    const failure = new Error('device 3 is broken');
    const { stats, run } = tracked<number>((item) => {
      if (item === 3) throw failure;
      return item * 10;
    });

    // Act
    const results = await settleWithConcurrency(ITEMS, 1, run);

    // Assess
    expect(stats.attempted).toEqual(ITEMS);
    expect(results).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'fulfilled', value: 20 },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 40 },
      { status: 'fulfilled', value: 50 },
      { status: 'fulfilled', value: 60 },
    ]);
  });

  it('returns the results in input order even when later items finish first', async () => {
    // Prepare
    const delays = [30, 1, 20, 5, 10, 2];

    // Act
    const results = await settleWithConcurrency(delays, 3, async (delay) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      return `waited ${delay}`;
    });

    // Assess
    expect(results).toEqual(delays.map((delay) => ({ status: 'fulfilled', value: `waited ${delay}` })));
  });

  it('settles an empty list without calling the work', async () => {
    // Prepare
    const { stats, run } = tracked<number>();

    // Act
    const results = await settleWithConcurrency([], Number.POSITIVE_INFINITY, run);

    // Assess
    expect(results).toEqual([]);
    expect(stats.attempted).toEqual([]);
  });
});
