// Snowflake-style ids: ((createdAtMs − Twitter epoch) << 22) | seq, as decimal strings. One allocator
// hands out every id in a world (accounts and posts), so ids are unique and sort like creation times.
import { SNOWFLAKE_EPOCH_MS, SNOWFLAKE_TIME_SHIFT } from '../util/snowflake.ts'

const MAX_SEQ = (1 << 22) - 1

export function snowflakeId(createdAtMs: number, seq: number): string {
  if (!Number.isInteger(createdAtMs) || createdAtMs < SNOWFLAKE_EPOCH_MS) {
    throw new Error(`snowflake time out of range: ${createdAtMs}`)
  }
  if (seq < 0 || seq > MAX_SEQ) throw new Error(`snowflake seq out of range: ${seq}`)
  return ((BigInt(createdAtMs - SNOWFLAKE_EPOCH_MS) << SNOWFLAKE_TIME_SHIFT) | BigInt(seq)).toString()
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
