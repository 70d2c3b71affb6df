import { describe, expect, it } from 'vitest'
import { SNOWFLAKE_EPOCH_MS, snowflakeTimeMs } from '../../shared/util/snowflake.ts'
import { snowflakeAt } from './snowflake'

describe('snowflake ids', () => {
  it('encode the creation time in the high bits and stay unique within a millisecond', () => {
    const at = Date.UTC(2026, 10, 1, 12, 0, 0)
    const ids = Array.from({ length: 1000 }, () => snowflakeAt(at))
    expect(new Set(ids).size).toBe(1000)
    for (const id of ids) {
      expect(id).toMatch(/^[1-9][0-9]{17,18}$/)
      expect(snowflakeTimeMs(id)).toBe(at)
    }
  })

  it('sort by time as integers', () => {
    const a = BigInt(snowflakeAt(SNOWFLAKE_EPOCH_MS + 1000))
    const b = BigInt(snowflakeAt(SNOWFLAKE_EPOCH_MS + 1001))
    expect(b > a).toBe(true)
  })
})
