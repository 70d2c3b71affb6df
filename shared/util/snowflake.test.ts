import { describe, expect, it } from 'vitest'
import { compareIds, SNOWFLAKE_EPOCH_MS, snowflakeTimeMs } from './snowflake.ts'

describe('snowflake helpers', () => {
  it('read the time above the 22 low bits', () => {
    expect(snowflakeTimeMs('0')).toBe(SNOWFLAKE_EPOCH_MS)
    expect(snowflakeTimeMs(String((1 << 22) + 4095))).toBe(SNOWFLAKE_EPOCH_MS + 1)
    // 2^22 · 1000 + 5 → 1000 ms after the epoch.
    expect(snowflakeTimeMs('4194304005')).toBe(SNOWFLAKE_EPOCH_MS + 1000)
  })

  it('compare decimal ids numerically', () => {
    expect(compareIds('9', '10')).toBeLessThan(0)
    expect(compareIds('10', '9')).toBeGreaterThan(0)
    expect(compareIds('123', '124')).toBeLessThan(0)
    expect(compareIds('1844674407370955161', '1844674407370955161')).toBe(0)
  })
})
