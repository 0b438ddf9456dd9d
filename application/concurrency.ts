/**
 * Runs `work` for every item with at most `limit` in flight. Every item is attempted: a rejection is returned
 * in its slot instead of stopping the others, because one failing device must never block the rest.
 */
export async function settleWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await work(items[index] as T) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  // A bad limit (0, negative, NaN) must not mean "no workers": every item is still attempted, one at a time.
  const bound = Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : limit === Infinity ? items.length : 1;
  const workers = Math.min(bound, items.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
