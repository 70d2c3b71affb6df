// Snowflake-style ids: ((createdAtMs − Twitter epoch) << 22) | seq, as decimal strings. One allocator
// hands out every id in a world (accounts and posts), so ids are unique and sort like creation times.

export const TWITTER_EPOCH_MS = 1_288_834_974_657
const SEQ_BITS = 22n
const MAX_SEQ = (1 << 22) - 1

export function snowflakeId(createdAtMs: number, seq: number): string {
  if (!Number.isInteger(createdAtMs) || createdAtMs < TWITTER_EPOCH_MS) {
    throw new Error(`snowflake time out of range: ${createdAtMs}`)
  }
  if (seq < 0 || seq > MAX_SEQ) throw new Error(`snowflake seq out of range: ${seq}`)
  return ((BigInt(createdAtMs - TWITTER_EPOCH_MS) << SEQ_BITS) | BigInt(seq)).toString()
}

export function snowflakeTimeMs(id: string): number {
  return Number(BigInt(id) >> SEQ_BITS) + TWITTER_EPOCH_MS
}

export class IdAllocator {
  private readonly seqByMs = new Map<number, number>()

  /** The next free id for this millisecond. */
  next(createdAtMs: number): string {
    const seq = this.seqByMs.get(createdAtMs) ?? 0
    this.seqByMs.set(createdAtMs, seq + 1)
    return snowflakeId(createdAtMs, seq)
  }
}

/** Compare decimal id strings numerically without BigInt (ids have no leading zeros). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}
