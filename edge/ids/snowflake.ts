// 64-bit snowflake-style ids: (ms since the Twitter epoch) << 22 | 10 worker bits << 12 | 12 sequence bits.

export const SNOWFLAKE_EPOCH_MS = 1288834974657

// One random worker id per isolate; the post store's primary key catches the rare collision.
const WORKER_ID = BigInt(Math.floor(Math.random() * 1024))
let sequence = 0

/** A new id whose timestamp bits encode `atMs`, as a decimal string. */
export function snowflakeAt(atMs: number): string {
  sequence = (sequence + 1) & 0xfff
  const ms = BigInt(Math.max(0, Math.floor(atMs) - SNOWFLAKE_EPOCH_MS))
  return ((ms << 22n) | (WORKER_ID << 12n) | BigInt(sequence)).toString()
}

/** The creation time encoded in a snowflake id, epoch ms. */
export function snowflakeTimeMs(id: string): number {
  return Number(BigInt(id) >> 22n) + SNOWFLAKE_EPOCH_MS
}
