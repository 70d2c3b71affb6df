import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { healthLedger } from '../health/health-ledger'
import { deadLetterLog } from '../ops/dead-letter-log'
import { postShards } from '../posts/post-client'
import { thunderShards } from '../thunder/thunder-client'
import { registryOf } from '../users/handle-registry'
import { fromEveryShard, ShardSet, singleton } from './shard-set'

// A prefix of its own per test keeps these objects apart from the ones other tests use.
const freshSet = (count: number) =>
  new ShardSet(env.HANDLE_REGISTRY, `shardset-${crypto.randomUUID()}`, count)

describe('ShardSet', () => {
  it('names each shard "<prefix>-<count>-<i>", so stored data stays where earlier code put it', () => {
    const handles = new ShardSet(env.HANDLE_REGISTRY, 'handles', 16)
    expect(handles.count).toBe(16)
    expect(handles.stub(3).id.equals(env.HANDLE_REGISTRY.idFromName('handles-16-3'))).toBe(true)
    expect(handles.stub(3).id.equals(env.HANDLE_REGISTRY.idFromName('handles-8-3'))).toBe(false)
    expect(() => handles.stub(16)).toThrow(RangeError)
    expect(() => handles.stub(-1)).toThrow(RangeError)
    expect(() => new ShardSet(env.HANDLE_REGISTRY, 'x', 0)).toThrow(RangeError)
  })

  it("joins every shard's list for data that must be whole, and fails with a failed shard's error", async () => {
    const set = freshSet(4)
    const keys = ['a', 'b', 'c', 'd', 'e', 'f']
    const joined = await fromEveryShard(set.fanOut(keys, String, async (_stub, group) => group))
    expect(joined.sort()).toEqual(keys)
    const broken = new Error('shard down')
    const failing = fromEveryShard(
      set.fanOut(keys, String, async (_stub, group, shard) => {
        if (shard === set.shardOf('c')) throw broken
        return group
      }),
    )
    await expect(failing).rejects.toBe(broken)
  })

  it('places a key by FNV-1a mod count', () => {
    // fnv1a32('a') = 0xe40c292c (the published FNV test vector) = 3826002220.
    expect(new ShardSet(env.HANDLE_REGISTRY, 'p', 16).shardOf('a')).toBe(12)
    expect(new ShardSet(env.HANDLE_REGISTRY, 'p', 7).shardOf('a')).toBe(3826002220 % 7)
    expect(new ShardSet(env.HANDLE_REGISTRY, 'p', 1).shardOf('anything')).toBe(0)
    const set = new ShardSet(env.HANDLE_REGISTRY, 'p', 4)
    expect(set.stubFor('a').id.equals(env.HANDLE_REGISTRY.idFromName(`p-4-${3826002220 % 4}`))).toBe(true)
  })

  it('fans out one call per non-empty shard with that shard’s items, and the writes land there', async () => {
    const set = freshSet(4)
    const claims = Array.from({ length: 40 }, (_, i) => ({ handle: `user${i}`, userId: String(1000 + i) }))
    const calls: number[] = []
    const res = await set.fanOut(
      claims,
      (c) => c.handle,
      async (stub, group, shard) => {
        calls.push(shard)
        for (const c of group) expect(set.shardOf(c.handle)).toBe(shard)
        return { size: group.length, results: await stub.claim(group) }
      },
    )
    expect(res.failed.size).toBe(0)
    expect(calls.sort()).toEqual([0, 1, 2, 3])
    expect([...res.ok.values()].reduce((n, r) => n + r.size, 0)).toBe(40)
    expect([...res.ok.values()].flatMap((r) => r.results).every((r) => r === 'ok')).toBe(true)
    expect(await set.stubFor('user7').lookup('user7')).toBe('1007')
    expect(await set.stub((set.shardOf('user7') + 1) % 4).lookup('user7')).toBeNull()
    // Generous: the first objects of a namespace start slowly on a loaded machine.
  }, 30_000)

  it('skips shards without items and calls nothing for an empty list', async () => {
    const set = freshSet(8)
    const one = await set.fanOut(
      ['a', 'a'],
      (k) => k,
      async (_stub, group) => group.length,
    )
    expect([...one.ok]).toEqual([[set.shardOf('a'), 2]])
    const none = await set.fanOut(
      [],
      (k: string) => k,
      async () => 1,
    )
    expect(none.ok.size + none.failed.size).toBe(0)
  })

  it('reports a failing shard in `failed` and still returns the others', async () => {
    const set = freshSet(4)
    const res = await set.broadcast(async (stub, shard) => {
      if (shard === 2) throw new Error('shard 2 is down')
      return stub.lookup('nobody')
    })
    expect([...res.ok.keys()].sort()).toEqual([0, 1, 3])
    expect([...res.ok.values()]).toEqual([null, null, null])
    expect([...res.failed.keys()]).toEqual([2])
    expect(String(res.failed.get(2))).toContain('shard 2 is down')
  })

  it('broadcast calls every shard exactly once', async () => {
    const set = freshSet(5)
    const seen: number[] = []
    const res = await set.broadcast(async (_stub, shard) => {
      seen.push(shard)
      return shard * 10
    })
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4])
    expect(res.ok.get(4)).toBe(40)
  })
})

describe('the stores built on it', () => {
  it('keep the object names stored data already lives under', () => {
    const named = (id: DurableObjectId, ns: { idFromName(name: string): DurableObjectId }, name: string) =>
      id.equals(ns.idFromName(name))
    expect(named(thunderShards(env).stub(3).id, env.THUNDER_SHARD, 'thunder-8-3')).toBe(true)
    expect(named(postShards(env).stub(5).id, env.POST_STORE, 'posts-8-5')).toBe(true)
    // Handles are placed by their lowercased form: fnv1a32('a') % 16 = 12.
    expect(named(registryOf(env, 'A').id, env.HANDLE_REGISTRY, 'handles-16-12')).toBe(true)
    expect(named(deadLetterLog(env).id, env.DEAD_LETTERS, 'dead-letters')).toBe(true)
    expect(named(healthLedger(env).id, env.HEALTH_LEDGER, 'ledger')).toBe(true)
  })
})

describe('singleton', () => {
  it('is the object of that exact name', async () => {
    const stub = singleton(env.HEALTH_LEDGER, 'ledger')
    expect(stub.id.equals(env.HEALTH_LEDGER.idFromName('ledger'))).toBe(true)
    expect(
      await singleton(env.HEALTH_LEDGER, `t-${crypto.randomUUID()}`).getProbe(crypto.randomUUID()),
    ).toBeNull()
  })
})
