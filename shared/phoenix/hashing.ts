// Hash-based entity embeddings as upstream: two hash functions per entity, (x·scale + bias) mod modulus,
// folded into the entity's bucket range, 0 reserved for padding. Ids are 64-bit decimal strings; the
// arithmetic is exact (no float rounding, no int64 wrap-around) without BigInt on the hot path.
import { PHOENIX_CONFIG, TABLE_OFFSETS } from './config.ts'

export interface HashFamily {
  scales: readonly [number, number]
  biases: readonly [number, number]
  modulus: number
}

/** Upstream's constants (x-algorithm-facts §1.3). */
export const HASH_FAMILIES = {
  user: { scales: [196742702, 1852108266], biases: [1935840681, 167407236], modulus: 2859568897 },
  post: { scales: [2161410491, 1754358832], biases: [1935840681, 167407236], modulus: 2361375383 },
  author: { scales: [371965780, 328930218], biases: [139686260, 37755056], modulus: 631860353 },
} as const satisfies Record<string, HashFamily>

export type HashedEntity = keyof typeof HASH_FAMILIES

const BUCKETS: Record<HashedEntity, number> = {
  user: PHOENIX_CONFIG.userBuckets,
  post: PHOENIX_CONFIG.postBuckets,
  author: PHOENIX_CONFIG.authorBuckets,
}

const MAX_U64 = '18446744073709551615'

/** Validates a decimal 64-bit unsigned id string; throws on anything else. */
export function assertU64(id: string): void {
  if (!/^(0|[1-9][0-9]{0,19})$/.test(id) || (id.length === 20 && id > MAX_U64)) {
    throw new RangeError(`not a 64-bit unsigned decimal id: ${JSON.stringify(id)}`)
  }
}

/** id mod m for a decimal string, by Horner's rule: every intermediate stays below 10·m < 2^36. */
export function decimalMod(id: string, m: number): number {
  let r = 0
  for (let i = 0; i < id.length; i++) r = (r * 10 + (id.charCodeAt(i) - 48)) % m
  return r
}

/** (a·b) mod m for a, b < m < 2^32, splitting b into 16-bit halves so products stay below 2^53. */
export function mulMod(a: number, b: number, m: number): number {
  const hi = Math.floor(b / 65536)
  const lo = b % 65536
  return (((a * hi) % m) * 65536 + a * lo) % m
}

/** Table row (offset included) for hash `j` of an entity id; 0 for the padding id "0". */
export function hashRow(entity: HashedEntity, id: string, j: 0 | 1): number {
  if (id === '0') return 0
  const f = HASH_FAMILIES[entity]
  const x = decimalMod(id, f.modulus)
  const raw = (mulMod(x, f.scales[j], f.modulus) + f.biases[j]) % f.modulus
  // Upstream: (raw mod (size − 1)) + 1, then the entity's offset; our offsets already count the pad row.
  return TABLE_OFFSETS[entity] + (raw % (BUCKETS[entity] - 1))
}

/** Both hash rows of an entity id, written into `out` at `at`. */
export function hashRows(entity: HashedEntity, id: string, out: Int32Array, at: number): void {
  out[at] = hashRow(entity, id, 0)
  out[at + 1] = hashRow(entity, id, 1)
}
