/** Bounded concurrency for operations over many items, each of which waits on a daemon. */

/**
 * Runs `work` over `items` with at most `limit` running at once. The first error `work` throws ends the run, as
 * does `signal` (checked before each item).
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      if (signal?.aborted) throw signal.reason;
      await work(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
}
