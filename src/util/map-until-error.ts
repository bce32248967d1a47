import pMap from 'p-map';

/**
 * Like pMap with bounded concurrency, but on the first failure it starts nothing new and waits for
 * the work already in flight to finish (or clean up after itself) before rejecting with that first
 * error: the caller's process does not exit with half-done work still running.
 */
export async function mapUntilError<T, R>(
  items: readonly T[],
  run: (item: T) => Promise<R>,
  options: { concurrency: number },
): Promise<R[]> {
  let failure: { error: unknown } | undefined;
  const results = await pMap(
    items,
    async (item) => {
      if (failure) return undefined;
      try {
        return await run(item);
      } catch (error) {
        failure ??= { error };
        return undefined;
      }
    },
    { concurrency: options.concurrency },
  );
  if (failure) throw failure.error;
  return results as R[];
}
