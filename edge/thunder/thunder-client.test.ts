import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { THUNDER_MAX_RESULTS } from '../../shared/types/api/thunder.ts'
import { failShardCalls } from '../shards/shard-failure.fixtures'
import { MIN, newId, original } from './thunder.fixtures'
import { fetchInNetwork, thunderShards, writeToThunder } from './thunder-client'
import { ThunderShard } from './thunder-shard'

const NOW = Date.now()
const shardOf = (authorId: string) => thunderShards(env).shardOf(authorId)

async function seedAuthors(count: number, perAuthor: number, testEnv = env) {
  const authors = Array.from({ length: count }, () => newId())
  const inserts = authors.flatMap((a, i) =>
    Array.from({ length: perAuthor }, (_, j) => original(a, NOW - (j * count + i) * 1000 - MIN)),
  )
  const { failed } = await writeToThunder(testEnv, { inserts, tombstones: [] })
  expect(failed.size).toBe(0)
  return authors
}

describe('Thunder client fan-out', () => {
  afterEach(() => vi.restoreAllMocks())

  it('asks each shard once, merges newest first and caps at 1,200', async () => {
    const authors = await seedAuthors(30, 50)
    const calls = vi.spyOn(ThunderShard.prototype, 'fetchPosts')
    const result = await fetchInNetwork(env, { viewerId: '1', followedIds: authors, excludeIds: [] })
    const shards = new Set(authors.map((a) => shardOf(a)))
    expect(result.shardsQueried).toBe(shards.size)
    expect(calls).toHaveBeenCalledTimes(shards.size)
    expect(result.posts).toHaveLength(THUNDER_MAX_RESULTS)
    const times = result.posts.map((p) => p.createdAt)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(new Set(result.posts.map((p) => p.authorId)).size).toBe(30)
    const small = await fetchInNetwork(env, { viewerId: '1', followedIds: authors, excludeIds: [], limit: 7 })
    expect(small.posts.map((p) => p.postId)).toEqual(result.posts.slice(0, 7).map((p) => p.postId))
  })

  it('degrades when a shard fails: its authors are missing, the rest are served', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const authors = await seedAuthors(12, 2)
    const broken = shardOf(authors[0] ?? '')
    failShardCalls('thunder', (group) => group.includes(authors[0] ?? ''), 'shard unavailable')
    const result = await fetchInNetwork(env, { viewerId: '1', followedIds: authors, excludeIds: [] })
    expect(result.failedShards).toEqual([broken])
    const served = new Set(result.posts.map((p) => p.authorId))
    for (const a of authors) expect(served.has(a)).toBe(shardOf(a) !== broken)
  })

  it('uses THUNDER_SHARDS: one shard holds everything when it is 1', async () => {
    const oneShard = { ...env, THUNDER_SHARDS: '1' }
    const authors = await seedAuthors(5, 3, oneShard)
    const result = await fetchInNetwork(oneShard, { viewerId: '1', followedIds: authors, excludeIds: [] })
    expect(result).toMatchObject({ shardsQueried: 1, failedShards: [] })
    expect(result.posts).toHaveLength(15)
    // The 8-shard placement knows nothing of them.
    expect(
      (await fetchInNetwork(env, { viewerId: '1', followedIds: authors, excludeIds: [] })).posts,
    ).toEqual([])
    await expect(
      fetchInNetwork({ ...env, THUNDER_SHARDS: '0' }, { viewerId: '1', followedIds: [], excludeIds: [] }),
    ).rejects.toThrow(/THUNDER_SHARDS/)
  })
})
