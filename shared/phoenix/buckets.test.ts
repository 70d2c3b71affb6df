import { describe, expect, it } from 'vitest'
import { wordCount, wordsBucket } from './buckets.ts'

describe('wordCount / wordsBucket', () => {
  it('counts runs separated by space, tab, CR and LF only', () => {
    expect(wordCount('')).toBe(0)
    expect(wordCount('   ')).toBe(0)
    expect(wordCount('one')).toBe(1)
    expect(wordCount('  two  words ')).toBe(2)
    expect(wordCount('a\tb\nc\r\nd')).toBe(4)
    // a non-breaking space is not a separator, so "x\u00a0y" is one word
    expect(wordCount('x\u00a0y z')).toBe(2)
    expect(wordCount('東京 😀 café')).toBe(3)
  })

  it('buckets linearly and caps at max', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ')
    expect(wordsBucket(words(0), 31)).toBe(0)
    expect(wordsBucket(words(7), 31)).toBe(7)
    expect(wordsBucket(words(31), 31)).toBe(31)
    expect(wordsBucket(words(80), 31)).toBe(31)
  })
})
