import { describe, expect, it } from 'vitest'
import { definedFields, pickFields } from './defined.ts'

describe('definedFields', () => {
  it('drops undefined values and keeps every other value, falsy ones included', () => {
    const out = definedFields({ a: 1, b: undefined, c: null, d: 0, e: '', f: false })
    expect(Object.keys(out)).toEqual(['a', 'c', 'd', 'e', 'f'])
    expect(out).toStrictEqual({ a: 1, c: null, d: 0, e: '', f: false })
  })

  it('keeps nested objects as they are (shallow)', () => {
    const nested = { x: undefined }
    const out = definedFields({ nested })
    expect(out.nested).toBe(nested)
  })

  it('returns a copy, not the input', () => {
    const input = { a: 1 }
    const out = definedFields(input)
    expect(out).not.toBe(input)
    expect(out).toStrictEqual({ a: 1 })
  })

  it('types a possibly-undefined field as optional without undefined', () => {
    const maybe = (n: number): string | undefined => (n > 0 ? 'yes' : undefined)
    const out: { id: string; note?: string } = definedFields({ id: '1', note: maybe(0) })
    expect('note' in out).toBe(false)
  })
})

describe('pickFields', () => {
  it('copies only the listed keys that are defined', () => {
    const source = { a: 1, b: undefined as number | undefined, secret: 'x' }
    const out = pickFields(source, ['a', 'b'])
    expect(out).toStrictEqual({ a: 1 })
    expect('secret' in out).toBe(false)
  })
})
