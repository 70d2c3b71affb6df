// Hashed word tokens: what lets the ranker and the post tower read a brand-new post's topic from its
// text. Only ASCII letters are lower-cased and only [a-z0-9#@_] runs count as words, so that TypeScript
// and Python tokenise every string identically.
import { PHOENIX_CONFIG } from './config.ts'

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** 32-bit FNV-1a over the word's bytes (words are ASCII by construction). */
export function fnv1a32(word: string): number {
  let h = FNV_OFFSET
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i)
    h = Math.imul(h, FNV_PRIME) >>> 0
  }
  return h >>> 0
}

/** Words in order of first appearance, deduplicated. */
export function words(text: string): string[] {
  const seen = new Set<string>()
  let cur = ''
  const flush = () => {
    if (cur !== '' && !seen.has(cur)) seen.add(cur)
    cur = ''
  }
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    if (c >= 65 && c <= 90) c += 32
    const isWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 35 || c === 64 || c === 95
    if (isWord) cur += String.fromCharCode(c)
    else flush()
  }
  flush()
  return [...seen]
}

/** Up to `textTokens` bucket ids in [1, textBuckets − 1], written into `out` at `at` (rest stay 0). */
export function textTokenIds(text: string, out: Int32Array, at: number): void {
  const ws = words(text)
  const n = Math.min(ws.length, PHOENIX_CONFIG.textTokens)
  for (let i = 0; i < n; i++) out[at + i] = (fnv1a32(ws[i]!) % (PHOENIX_CONFIG.textBuckets - 1)) + 1
}
