import { describe, expect, it } from 'vitest'
import { looksAlike, skeleton } from './confusable-skeleton.ts'
import { displayNameProblem, hasVerificationMark } from './display-name.ts'
import { hasBidiControl, isBlank } from './invisible.ts'
import { canonicalLanguageTag } from './language-tag.ts'
import { isReservedLookAlike } from './reserved-names.ts'

describe('invisible and bidi characters', () => {
  const blank = [
    '',
    '   ',
    '\t\n ',
    '\u200B\u200C\u200D',
    '\u2060\uFEFF',
    '\u3164',
    '\u115F\u1160',
    '\uFFA0',
    '\u00A0\u2003\u3000',
    '\u2800',
    '\u200B \u3164 \u2060',
  ]
  it.each(blank.map((s) => [JSON.stringify(s), s]))('%s is blank', (_name, s) => {
    expect(isBlank(s)).toBe(true)
  })
  it.each(['a', ' . ', '\u200Bx', '日本', '🙂'])('%s is not blank', (s) => {
    expect(isBlank(s)).toBe(false)
  })
  it.each([
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200E',
    '\u200F',
  ])('U+%s is a bidi control', (c) => {
    expect(hasBidiControl(`ab${c}cd`)).toBe(true)
  })
  it('plain right-to-left text has no bidi control', () => {
    expect(hasBidiControl('שלום עולם')).toBe(false)
  })
})

describe('confusable skeletons', () => {
  it('maps look-alikes to one prototype', () => {
    expect(skeleton('\u0410dmin')).toBe(skeleton('Admin')) // Cyrillic А
    expect(skeleton('r00t')).toBe('rOOt')
    expect(skeleton('\u0445')).toBe('x') // Cyrillic х
  })
  it.each([
    ['ADMIN', 'admin'],
    ['\u0410dmin', 'admin'],
    ['\u0391DMIN', 'ADMlN'],
    ['ＡＤＭＩＮ', 'admin'],
    ['𝐀𝐝𝐦𝐢𝐧', 'admin'],
    ['X_Support', 'XSupport'],
    ['r00t', 'root'],
  ])('%s looks like %s', (a, b) => {
    expect(looksAlike(a, b)).toBe(true)
  })
  it.each([
    ['admins', 'admin'],
    ['rooted', 'root'],
    ['Xavier', 'X'],
  ])('%s does not look like %s', (a, b) => {
    expect(looksAlike(a, b)).toBe(false)
  })
})

describe('reserved names', () => {
  it.each([
    'admin',
    'ADMIN',
    'root',
    'support',
    'XSupport',
    'xsupport',
    'TwitterSafety',
    'X',
    'x',
    'X_Support',
    'r00t',
    'adm1n',
    'ADMlN',
  ])('%s is reserved', (h) => {
    expect(isReservedLookAlike(h)).toBe(true)
  })
  it.each(['\u0410dmin', 'ｘ', 'Х', 'X Support', 'Twitter Safety', '𝐒𝐮𝐩𝐩𝐨𝐫𝐭', 'ＲＯＯＴ'])(
    'the display name %s impersonates a reserved name',
    (name) => {
      expect(isReservedLookAlike(name)).toBe(true)
    },
  )
  it.each(['waffle1846', 'alice', 'xavier', 'admiral', 'support_group7', 'Ada Lovelace', 'Rooted Tree'])(
    '%s is free',
    (h) => {
      expect(isReservedLookAlike(h)).toBe(false)
    },
  )
})

describe('display names', () => {
  it.each([
    ['a bidi override', 'abc\u202Eexe.png'],
    ['an isolate', '\u2066Ann\u2069'],
    ['a left-to-right mark', 'Ann\u200E'],
    ['zero-width characters only', '\u200B\u200D'],
    ['Hangul fillers only', '\u3164\u3164'],
    ['spaces only', '   '],
    ['a heavy check mark', 'Ann ✔'],
    ['a check mark emoji with variation selector', 'Ann ✔️'],
    ['a ballot box with check', '☑ Ann'],
    ['a check mark button', 'Ann ✅'],
    ['a check mark', 'Ann ✓'],
  ])('refuses %s', (_what, name) => {
    expect(displayNameProblem(name)).not.toBeNull()
  })
  it.each(['Ann', 'Ann Lee 🙂', 'José', '李小龍', 'شهرزاد', 'Zoë\u200DX'])('accepts %s', (name) => {
    expect(displayNameProblem(name)).toBeNull()
  })
  it('finds check marks only where they are', () => {
    expect(hasVerificationMark('Ann')).toBe(false)
    expect(hasVerificationMark('\u2714\uFE0F')).toBe(true)
  })
})

describe('language tags', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en-US'],
    ['EN-us', 'en-US'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['pt-BR', 'pt-BR'],
    ['fil', 'fil'],
    ['iw', 'he'],
    ['und', 'und'],
  ])('%s is %s', (tag, canonical) => {
    expect(canonicalLanguageTag(tag)).toBe(canonical)
  })
  it.each([
    'zz',
    'qqq',
    'xx',
    'en_US',
    'en-',
    'e',
    '',
    'x-private',
    'i-klingon',
    'english',
    `en-${'a'.repeat(40)}`,
  ])('refuses %s', (tag) => {
    expect(canonicalLanguageTag(tag)).toBeNull()
  })
})
