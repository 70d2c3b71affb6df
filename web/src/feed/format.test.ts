import { describe, expect, it } from 'vitest'
import { compactCount, fmt, relativeTime } from './format'

describe('format', () => {
  it('relative times', () => {
    const now = 1_000_000_000
    expect(relativeTime(now - 2000, now)).toBe('now')
    expect(relativeTime(now - 42_000, now)).toBe('42s')
    expect(relativeTime(now - 5 * 60_000 - 1000, now)).toBe('5m')
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3h')
    expect(relativeTime(now - 50 * 3_600_000, now)).toBe('2d')
  })
  it('counts and scores', () => {
    expect(compactCount(999)).toBe('999')
    expect(compactCount(1234)).toBe('1.2K')
    expect(compactCount(2_500_000)).toBe('2.5M')
    expect(fmt(0.123456)).toBe('0.1235')
    expect(fmt(null)).toBe('—')
  })
})
