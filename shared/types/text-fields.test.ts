// The text rules of shared/text at the schema boundaries: which bodies refuse reserved names, how display
// names, post text and languages are normalised, and that each failure names its field.
import { describe, expect, it } from 'vitest'
import { createPostBody, ingestPostSchema } from './api/posts.ts'
import { createUserBody, ingestAccountSchema, patchUserBody } from './api/users.ts'

const account = {
  id: '1800000000000000001',
  handle: 'alice',
  displayName: 'Alice',
  createdAt: 1_750_000_000_000,
}

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return (result.error?.issues ?? []).map((i) => i.path.join('.'))
}

describe('handles', () => {
  const reserved = [
    'admin',
    'Admin',
    'ROOT',
    'support',
    'XSupport',
    'TwitterSafety',
    'X',
    'x',
    'r00t',
    'X_Support',
  ]
  it.each(reserved)('create and patch refuse %s, naming handle', (handle) => {
    expect(fieldsOf(createUserBody.safeParse({ ...account, handle }))).toEqual(['handle'])
    expect(fieldsOf(patchUserBody.safeParse({ handle }))).toEqual(['handle'])
  })
  it('the admin ingest may create the operator accounts', () => {
    expect(ingestAccountSchema.parse({ ...account, handle: 'XSupport' }).handle).toBe('XSupport')
  })
  it('ordinary handles pass', () => {
    expect(createUserBody.parse({ ...account, handle: 'admiral_7' }).handle).toBe('admiral_7')
  })
})

describe('display names', () => {
  const refused: [string, string][] = [
    ['a bidi override', 'Ann\u202Egnp.exe'],
    ['zero-width characters only', '\u200B\u200C\u200D'],
    ['Hangul fillers only', '\u3164\u3164'],
    ['a verification mark', 'Ann ✔️'],
  ]
  it.each(refused)('every account body refuses %s', (_what, displayName) => {
    expect(fieldsOf(createUserBody.safeParse({ ...account, displayName }))).toEqual(['displayName'])
    expect(fieldsOf(patchUserBody.safeParse({ displayName }))).toEqual(['displayName'])
    expect(fieldsOf(ingestAccountSchema.safeParse({ ...account, displayName }))).toEqual(['displayName'])
  })
  it.each(['\u0410dmin', 'X Support', 'ＲＯＯＴ'])(
    'create and patch refuse the impersonation %s',
    (displayName) => {
      expect(fieldsOf(createUserBody.safeParse({ ...account, displayName }))).toEqual(['displayName'])
      expect(fieldsOf(patchUserBody.safeParse({ displayName }))).toEqual(['displayName'])
    },
  )
  it('stores NFC', () => {
    // "e" + combining acute (2 code points) becomes "é" (1).
    expect(createUserBody.parse({ ...account, displayName: 'Jose\u0301' }).displayName).toBe('Jos\u00E9')
    expect(patchUserBody.parse({ displayName: 'Jose\u0301' }).displayName).toBe('Jos\u00E9')
  })
})

describe('post text and language', () => {
  it.each(['   ', '\u200B\u200B', ' \n\t\u3164'])('refuses blank text %j, naming text', (text) => {
    expect(fieldsOf(createPostBody.safeParse({ text }))).toEqual(['text'])
  })
  it('keeps empty text for media posts and stores NFC', () => {
    expect(createPostBody.parse({ media: [{ type: 'image' }] }).text).toBe('')
    expect(createPostBody.parse({ text: 'cafe\u0301' }).text).toBe('caf\u00E9')
  })
  it.each([
    ['en-US', 'en-US'],
    ['zh-Hant', 'zh-Hant'],
    ['en-us', 'en-US'],
    ['und', 'und'],
  ])('stores language %s as %s', (language, canonical) => {
    expect(createPostBody.parse({ text: 'hi', language }).language).toBe(canonical)
  })
  it.each(['zz', 'qqq', 'en_US'])('refuses language %s, naming language', (language) => {
    expect(fieldsOf(createPostBody.safeParse({ text: 'hi', language }))).toEqual(['language'])
    const ingest = ingestPostSchema.safeParse({
      id: '1900000000000000001',
      authorId: '1800000000000000001',
      text: 'hi',
      createdAt: 1_750_000_000_000,
      language,
    })
    expect(fieldsOf(ingest)).toEqual(['language'])
  })
})
