// Hashed word tokens: what lets the ranker and the post tower read a brand-new post's topic from its
// text. Only ASCII letters are lower-cased and only [a-z0-9#@_] runs count as words, so that TypeScript
// and Python tokenise every string identically.
import { fnv1a32 } from '../util/fnv1a.ts'
import { PHOENIX_CONFIG } from './config.ts'

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
