// Hashed bag-of-words features for the embedded spam classifier, shared by training (Node, models/spam)
// and inference (the Worker): one featurizer so a trained weight means the same thing on both sides.
// Features are binary-ish (log1p of the count) and L2-normalised, so a 3 KB email and a 20-word post
// land on the same scale.
import { fnv1a32 } from '../../../../shared/util/fnv1a'

/** log2 of the number of hash buckets; the committed model's weight vector has this many entries. */
export const SPAM_HASH_BITS = 17
const BUCKET_MASK = (1 << SPAM_HASH_BITS) - 1

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi
const EMAIL_RE = /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g
const MONEY_RE = /[$€£]\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:usd|dollars?|euros?)\b/gi
const PERCENT_RE = /\b\d+\s?%/g
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu

/** Lower-cased word tokens plus shape tokens (links, addresses, money, shouting, exclamations). */
export function spamTokens(text: string): string[] {
  const shape: string[] = []
  const count = (re: RegExp, token: string) => {
    const hits = text.match(re)?.length ?? 0
    for (let i = 0; i < Math.min(hits, 3); i++) shape.push(token)
  }
  count(URL_RE, '<url>')
  count(EMAIL_RE, '<email>')
  count(MONEY_RE, '<money>')
  count(PERCENT_RE, '<percent>')
  count(/!{1,}/g, '<bang>')
  const stripped = text.replace(URL_RE, ' ').replace(EMAIL_RE, ' ')
  const words: string[] = []
  for (const m of stripped.matchAll(WORD_RE)) {
    const raw = m[0]
    if (raw.length > 24) continue
    if (raw.length >= 3 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw)) shape.push('<caps>')
    words.push(/^\d+$/.test(raw) ? '<num>' : raw.toLowerCase())
  }
  // A length token lets the model learn a separate intercept for post-sized texts and long emails.
  const lengthBucket = Math.min(8, Math.floor(Math.log2(words.length + 1)))
  return [...words, ...shape, `<len${lengthBucket}>`]
}

/** Sparse feature vector: bucket → value, unigrams and adjacent-word bigrams, L2-normalised. */
export function spamFeatures(text: string): Map<number, number> {
  const tokens = spamTokens(text)
  const counts = new Map<number, number>()
  const add = (key: string) => {
    const b = fnv1a32(key) & BUCKET_MASK
    counts.set(b, (counts.get(b) ?? 0) + 1)
  }
  for (let i = 0; i < tokens.length; i++) {
    add(tokens[i]!)
    if (i > 0) add(`${tokens[i - 1]} ${tokens[i]}`)
  }
  let norm = 0
  for (const [b, c] of counts) {
    const v = Math.log1p(c)
    counts.set(b, v)
    norm += v * v
  }
  norm = Math.sqrt(norm) || 1
  for (const [b, v] of counts) counts.set(b, v / norm)
  return counts
}
