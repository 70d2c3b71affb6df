// Snowflake-style ids as decimal strings: (ms since the Twitter epoch) << 22 | 22 low bits (the edge
// splits them into worker and sequence bits, the synthetic world uses one sequence). Shared by both.

export const SNOWFLAKE_EPOCH_MS = 1_288_834_974_657
/** Bits below the timestamp. */
export const SNOWFLAKE_TIME_SHIFT = 22n

/** The creation time encoded in a snowflake id, epoch ms. */
export function snowflakeTimeMs(id: string): number {
  return Number(BigInt(id) >> SNOWFLAKE_TIME_SHIFT) + SNOWFLAKE_EPOCH_MS
}

/** Numeric order of decimal id strings without BigInt (no leading zeros): shorter is smaller, then lexicographic. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}
