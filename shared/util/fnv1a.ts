// 32-bit FNV-1a: the one stable string hash shared by shard placement (edge) and text-token buckets
// (Phoenix, mirrored in models/train/features.py). Changing it moves stored data and breaks the model.

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** 32-bit FNV-1a over the string's UTF-16 code units (its bytes, for the ASCII keys and words we hash). */
export function fnv1a32(s: string): number {
  let h = FNV_OFFSET
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, FNV_PRIME)
  }
  return h >>> 0
}
