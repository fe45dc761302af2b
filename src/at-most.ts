// Runs `task` on every item, at most `limit` at a time, and resolves with the results in the
// items' order. The first failure rejects (once the tasks under way have settled, so nothing
// opened is left running unseen); the tasks not started by then are not started.
export async function atMost<T, R> (limit: number, items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  let failed = false
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++
      try {
        results[i] = await task(items[i])
      } catch (err) {
        failed = true
        throw err
      }
    }
  }
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane)
  const settled = await Promise.allSettled(lanes)
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failure !== undefined) throw failure.reason
  return results
}
