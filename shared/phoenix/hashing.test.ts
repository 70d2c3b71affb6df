import { describe, expect, it } from 'vitest'
import { PHOENIX_CONFIG, TABLE_OFFSETS } from './config.ts'
import { assertU64, decimalMod, HASH_FAMILIES, type HashedEntity, hashRow, mulMod } from './hashing.ts'

/** The definition, in BigInt: what the fast path must equal exactly. */
function slowRow(entity: HashedEntity, id: string, j: 0 | 1): number {
  if (id === '0') return 0
  const f = HASH_FAMILIES[entity]
  const m = BigInt(f.modulus)
  const raw = (BigInt(id) * BigInt(f.scales[j]) + BigInt(f.biases[j])) % m
  const buckets = {
    user: PHOENIX_CONFIG.userBuckets,
    post: PHOENIX_CONFIG.postBuckets,
    author: PHOENIX_CONFIG.authorBuckets,
  }[entity]
  return TABLE_OFFSETS[entity] + Number(raw % BigInt(buckets - 1))
}

function* ids(): Generator<string> {
  yield* ['1', '2', '9007199254740991', '9007199254740993', '18446744073709551615', '18446744073709551614']
  let x = 0x9e3779b97f4a7c15n
  for (let i = 0; i < 3000; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n)
    yield (x >> BigInt(i % 60)).toString()
  }
}

describe('hashRow', () => {
  it('equals the exact BigInt definition for 64-bit ids, both hashes, every entity', () => {
    for (const id of ids()) {
      for (const entity of ['user', 'post', 'author'] as const) {
        for (const j of [0, 1] as const) expect(hashRow(entity, id, j)).toBe(slowRow(entity, id, j))
      }
    }
  })

  it('keeps 0 for padding and lands every entity inside its own block', () => {
    expect(hashRow('post', '0', 0)).toBe(0)
    const u = hashRow('user', '123', 0)
    const p = hashRow('post', '123', 0)
    const a = hashRow('author', '123', 1)
    expect(u).toBeGreaterThanOrEqual(TABLE_OFFSETS.user)
    expect(u).toBeLessThan(TABLE_OFFSETS.post)
    expect(p).toBeGreaterThanOrEqual(TABLE_OFFSETS.post)
    expect(p).toBeLessThan(TABLE_OFFSETS.author)
    expect(a).toBeGreaterThanOrEqual(TABLE_OFFSETS.author)
  })

  it('distinguishes ids that collide as floats', () => {
    expect(decimalMod('9007199254740993', 1000)).toBe(993)
    expect(hashRow('post', '9007199254740993', 0)).not.toBe(hashRow('post', '9007199254740992', 0))
  })

  it('mulMod is exact where a·b exceeds 2^53', () => {
    expect(mulMod(4294967295, 4294967291, 4294967291)).toBe(0)
    expect(mulMod(2859568896, 2859568896, 2859568897)).toBe(1)
  })

  it('rejects what is not a 64-bit unsigned decimal id', () => {
    for (const bad of ['', '-1', '01', '1.5', '18446744073709551616', '1e5', ' 1', 'abc']) {
      expect(() => assertU64(bad), bad).toThrow(RangeError)
    }
    expect(() => assertU64('18446744073709551615')).not.toThrow()
  })
})
