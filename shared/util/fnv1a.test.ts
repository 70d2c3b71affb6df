import { describe, expect, it } from 'vitest'
import { fnv1a32 } from './fnv1a.ts'

describe('fnv1a32', () => {
  it('matches the published 32-bit FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('foobar')).toBe(0xbf9cf968)
  })

  it('spreads decimal ids evenly enough to place them on shards', () => {
    const counts = new Array(8).fill(0)
    for (let i = 0; i < 8000; i++) counts[fnv1a32(String(1000 + i)) % 8]++
    for (const c of counts) expect(c).toBeGreaterThan(800)
  })
})
