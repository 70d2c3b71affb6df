/**
 * Maps with at most `limit` calls in flight. Bulk routes fan out to many Durable Objects; unbounded
 * fan-out wakes thousands at once, which exhausts local workerd (SQLITE_NOMEM, connect timeouts) and
 * Workers' simultaneous-subrequest budget alike.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i]
      if (item !== undefined) results[i] = await fn(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
