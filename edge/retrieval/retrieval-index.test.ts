import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { bruteForceTopK, freshIndexName, posts, unitVectors } from './retrieval.fixtures'
import { RETRIEVAL_LIMITS } from './retrieval-config'
import { retrievalIndex, retrievalShards } from './retrieval-index'

const HOUR = 60 * 60 * 1000

async function loaded(count: number, seed: number, now = Date.now()) {
  const name = freshIndexName()
  const index = retrievalIndex(env, name)
  const all = posts(count, seed, now)
  for (let i = 0; i < all.length; i += 100) await index.upsert(all.slice(i, i + 100))
  return { name, index, all }
}

describe('retrieval index (sharded SQLite Durable Objects)', () => {
  it('returns exactly the brute-force top-k, merged across shards', async () => {
    const { name, index, all } = await loaded(400, 1)
    const shards = retrievalShards(env, name)
    for (const [q, query] of unitVectors(5, 99).entries()) {
      const hits = await index.topK(query, 25)
      const expected = bruteForceTopK(all, query, 25)
      expect(
        hits.map((h) => h.postId),
        `query ${q}`,
      ).toEqual(expected.map((h) => h.postId))
      hits.forEach((h, i) => {
        expect(h.score).toBeCloseTo(expected[i]!.score, 6)
        expect(h).toMatchObject({ authorId: expected[i]!.authorId, createdAt: expected[i]!.createdAt })
      })
      expect(new Set(hits.map((h) => shards.shardOf(h.postId))).size).toBeGreaterThan(1)
    }
    const stats = await Promise.all(Array.from({ length: shards.count }, (_, s) => shards.stub(s).stats()))
    expect(stats.reduce((n, s) => n + s.embeddings, 0)).toBe(400)
    expect(stats.every((s) => s.embeddings === s.rows.embeddings)).toBe(true)
  })

  it('returns everything when k exceeds the index, and nothing for k < 1', async () => {
    const { index, all } = await loaded(30, 2)
    const [query] = unitVectors(1, 3)
    expect((await index.topK(query!, 500)).map((h) => h.postId)).toEqual(
      bruteForceTopK(all, query!, 500).map((h) => h.postId),
    )
    expect(await index.topK(query!, 0)).toEqual([])
  })

  it('honours excluded post ids and excluded authors', async () => {
    const { index, all } = await loaded(200, 4)
    const [query] = unitVectors(1, 5)
    const top = bruteForceTopK(all, query!, 10)
    const excludePostIds = top.slice(0, 5).map((h) => h.postId)
    const excludeAuthorIds = [top[6]!.authorId]
    const hits = await index.topK(query!, 20, { excludePostIds, excludeAuthorIds })
    const expected = bruteForceTopK(
      all,
      query!,
      20,
      (p) => !excludePostIds.includes(p.postId) && !excludeAuthorIds.includes(p.authorId),
    )
    expect(hits.map((h) => h.postId)).toEqual(expected.map((h) => h.postId))
    expect(hits.some((h) => excludeAuthorIds.includes(h.authorId))).toBe(false)
  })

  it('honours deletes, also against a redelivered upsert', async () => {
    const { index, all } = await loaded(150, 6)
    const [query] = unitVectors(1, 7)
    const gone = bruteForceTopK(all, query!, 3).map((h) => h.postId)
    await index.remove(gone)
    await index.upsert(all.filter((p) => gone.includes(p.postId)))
    const hits = await index.topK(query!, 10)
    expect(hits.map((h) => h.postId)).toEqual(
      bruteForceTopK(all, query!, 10, (p) => !gone.includes(p.postId)).map((h) => h.postId),
    )
    expect([...(await index.embeddings(gone)).keys()]).toEqual([])
  })

  it('hides posts older than 48 h at query time and trims them from storage', async () => {
    const now = Date.now()
    const { name, index, all } = await loaded(60, 8, now)
    const [query] = unitVectors(1, 9)
    const later = now + 44 * HOUR
    const live = (p: { createdAt: number }) => p.createdAt >= later - RETRIEVAL_LIMITS.retentionMs
    expect(all.some(live)).toBe(true)
    expect(all.every(live)).toBe(false)
    const hits = await index.topK(query!, 60, { nowMs: later })
    expect(hits.map((h) => h.postId)).toEqual(bruteForceTopK(all, query!, 60, live).map((h) => h.postId))

    const shards = retrievalShards(env, name)
    let expired = 0
    for (let s = 0; s < shards.count; s++) expired += (await shards.stub(s).trim(later)).expired
    expect(expired).toBe(all.filter((p) => !live(p)).length)
    const rows = await Promise.all(Array.from({ length: shards.count }, (_, s) => shards.stub(s).stats()))
    expect(rows.reduce((n, s) => n + s.rows.embeddings, 0)).toBe(all.filter(live).length)
    // The trim alarm is armed while the shard holds anything.
    const alarm = await runInDurableObject(shards.stub(0), (_o, state) => state.storage.getAlarm())
    expect(alarm).not.toBeNull()
  })

  it('refuses posts already expired and embeddings of the wrong width', async () => {
    const index = retrievalIndex(env, freshIndexName())
    const [old, fine] = posts(2, 10)
    await index.upsert([{ ...old!, createdAt: Date.now() - RETRIEVAL_LIMITS.retentionMs - HOUR }])
    await index.upsert([{ ...fine!, embedding: new Float32Array(8) }])
    expect((await index.embeddings([old!.postId, fine!.postId])).size).toBe(0)
    await expect(index.topK(new Float32Array(8), 5)).rejects.toThrow(/dims/)
  })

  it('returns stored embeddings exactly, missing ids absent', async () => {
    const { index, all } = await loaded(50, 11)
    const ids = [all[0]!.postId, all[17]!.postId, '999999999999999']
    const found = await index.embeddings(ids)
    expect([...found.keys()].sort()).toEqual([all[0]!.postId, all[17]!.postId].sort())
    expect([...found.get(all[17]!.postId)!]).toEqual([...all[17]!.embedding])
  })

  it('loses nothing when every object restarts', async () => {
    const { name, index, all } = await loaded(120, 12)
    const [query] = unitVectors(1, 13)
    await index.remove([all[5]!.postId])
    const before = await index.topK(query!, 40)
    // Reset every object of this file's workerd (each test file has its own in pool-workers 0.15) through the
    // runtime, not `ctx.abort()` inside a request (which workerd reports as an uncaught exception); the next
    // call gets a fresh instance that must rebuild from SQLite.
    const shards = retrievalShards(env, name)
    const marked = new WeakSet<object>()
    for (let s = 0; s < shards.count; s++) {
      await runInDurableObject(shards.stub(s), (instance) => {
        marked.add(instance)
      })
    }
    await abortAllDurableObjects()
    const fresh = await runInDurableObject(shards.stub(0), (instance) => !marked.has(instance))
    expect(fresh).toBe(true)
    const after = await index.topK(query!, 40)
    expect(after).toEqual(before)
    expect(after.map((h) => h.postId)).toEqual(
      bruteForceTopK(all, query!, 40, (p) => p.postId !== all[5]!.postId).map((h) => h.postId),
    )
    // The tombstone survived too: a redelivered create is still refused.
    await index.upsert([all[5]!])
    expect((await index.embeddings([all[5]!.postId])).size).toBe(0)
  })
})
