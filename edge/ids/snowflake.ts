// 64-bit snowflake-style ids: (ms since the Twitter epoch) << 22 | 10 worker bits << 12 | 12 sequence bits.
import { SNOWFLAKE_EPOCH_MS, SNOWFLAKE_TIME_SHIFT } from '../../shared/util/snowflake.ts'

// One random worker id per isolate; the post store's primary key catches the rare collision.
const WORKER_ID = BigInt(Math.floor(Math.random() * 1024))
let sequence = 0

/** A new id whose timestamp bits encode `atMs`, as a decimal string. */
export function snowflakeAt(atMs: number): string {
  sequence = (sequence + 1) & 0xfff
  const ms = BigInt(Math.max(0, Math.floor(atMs) - SNOWFLAKE_EPOCH_MS))
  return ((ms << SNOWFLAKE_TIME_SHIFT) | (WORKER_ID << 12n) | BigInt(sequence)).toString()
}
