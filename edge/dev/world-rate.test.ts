import { describe, expect, it } from 'vitest'
import { DEFAULT_WORLD_RATE, parseWorldRate } from './world-rate.ts'

describe('parseWorldRate', () => {
  it('takes the flag over the environment, and the default without either', () => {
    expect(parseWorldRate('12', '30')).toBe(12)
    expect(parseWorldRate(undefined, '30')).toBe(30)
    expect(parseWorldRate(undefined, undefined)).toBe(DEFAULT_WORLD_RATE)
    expect(parseWorldRate('0', undefined)).toBe(0)
    expect(parseWorldRate('0.5', undefined)).toBe(0.5)
  })

  it('names the source of a bad value', () => {
    expect(parseWorldRate('fast', undefined)).toMatch(/^--world-rate must be .* got fast$/)
    expect(parseWorldRate(undefined, '-1')).toMatch(/^WORLD_RATE must be/)
    expect(parseWorldRate('601', undefined)).toMatch(/from 0 to 600/)
    expect(parseWorldRate(' ', undefined)).toMatch(/^--world-rate must be/)
  })
})
