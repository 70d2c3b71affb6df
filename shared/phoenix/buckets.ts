// Bucketing of continuous context features, identical in TypeScript and Python.
import { PHOENIX_CONFIG } from './config.ts'

const HOUR_MS = 3_600_000

/** Hours since creation + 1, clipped to the last bucket; 0 when unknown or in the future. */
export function postAgeBucket(createdAtMs: number | undefined, atMs: number | undefined): number {
  if (createdAtMs === undefined || atMs === undefined || !(createdAtMs > 0) || !(atMs > 0)) return 0
  const age = atMs - createdAtMs
  if (age < 0) return 0
  return Math.min(Math.floor(age / HOUR_MS) + 1, PHOENIX_CONFIG.ageBuckets - 1)
}

/** floor(log2(count)) + 1 (the count's bit length), 0 for 0, clipped to `max`. */
export function countBucket(count: number, max: number): number {
  if (!(count >= 1)) return 0
  const c = Math.floor(count)
  const bits = c < 2 ** 31 ? 32 - Math.clz32(c) : Math.floor(Math.log2(c)) + 1
  return Math.min(bits, max)
}

/** Words in `text`: runs of characters other than space, tab, CR and LF. */
export function wordCount(text: string): number {
  let n = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const sep = c === 32 || c === 9 || c === 10 || c === 13
    if (!sep && !inWord) n++
    inWord = !sep
  }
  return n
}

/** The `words` column of `cand_counts`: the word count, capped at `max` (linear, not log2). */
export function wordsBucket(text: string, max: number): number {
  return Math.min(wordCount(text), max)
}

/** 0 pad, 1 text only, 2 image, 3 short video (< 10 s), 4 video, 5 gif. */
export function mediaClass(media: 'none' | 'image' | 'video' | 'gif', videoDurationMs?: number): number {
  switch (media) {
    case 'none':
      return 1
    case 'image':
      return 2
    case 'video':
      return (videoDurationMs ?? 0) < 10_000 ? 3 : 4
    case 'gif':
      return 5
  }
}
