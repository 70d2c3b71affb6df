import { describe, expect, it } from 'vitest'
import { fnv1a, groupByShard, shardOf } from './shard-of'
import { SNOWFLAKE_EPOCH_MS, snowflakeAt, snowflakeTimeMs } from './snowflake'

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

describe('shardOf', () => {
  it('is deterministic and spreads ids over all shards', () => {
    expect(fnv1a('a')).toBe(0xe40c292c)
    const counts = new Array(8).fill(0)
    for (let i = 0; i < 8000; i++) counts[shardOf(String(1000 + i), 8)]++
    for (const c of counts) expect(c).toBeGreaterThan(800)
    expect(shardOf('123', 1)).toBe(0)
  })

  it('groups items by shard', () => {
    const groups = groupByShard(['1', '2', '3', '4'], (s) => s, 2)
    expect([...groups.values()].flat().sort()).toEqual(['1', '2', '3', '4'])
  })
})
