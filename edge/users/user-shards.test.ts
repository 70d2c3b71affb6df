// User state is sharded by user id: users whose ids hash to the same shard share its tables, so every row
// must stay with its user. Three users of one shard act through the public API; each sees only its own.
import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { engagementHistorySchema, relationListSchema, userViewSchema } from '../../shared/types/api/users.ts'
import { ADMIN, call, newPost, newUser, type TestUser, uniqueId } from '../api/api.fixtures'
import { KeyedSerialQueue } from './handle-change'
import { userShards } from './user-state'

/** `n` fresh ids that hash to one shard. */
function idsInOneShard(n: number): string[] {
  const shards = userShards(env)
  const first = uniqueId()
  const ids = [first]
  while (ids.length < n) {
    const id = uniqueId()
    if (shards.shardOf(id) === shards.shardOf(first)) ids.push(id)
  }
  return ids
}

const get = async (u: TestUser, path: string) => {
  const res = await call('GET', `/v1/users/${u.id}${path}`, { token: ADMIN })
  expect(res.status, res.text).toBe(200)
  return res.body
}
const ids = async (u: TestUser, kind: string) => relationListSchema.parse(await get(u, `/${kind}`)).ids
const profile = async (u: TestUser) => userViewSchema.parse(await get(u, ''))

describe('user-state shards', () => {
  it('keeps each user of a shard to its own profile, relations, keywords, history and requests', async () => {
    expect(userShards(env).count).toBeGreaterThan(1)
    const [aId, bId, cId] = idsInOneShard(3)
    const a = await newUser({ id: aId })
    const b = await newUser({ id: bId })
    const c = await newUser({ id: cId, protected: true })
    const outsider = await newUser()
    const post = await newPost(outsider)

    expect((await call('PUT', `/v1/users/${a.id}/following/${outsider.id}`, { token: a.token })).status).toBe(
      200,
    )
    expect((await call('PUT', `/v1/users/${a.id}/mutes/${b.id}`, { token: a.token })).status).toBe(200)
    expect((await call('PUT', `/v1/users/${b.id}/blocks/${outsider.id}`, { token: b.token })).status).toBe(
      200,
    )
    expect((await call('PUT', `/v1/users/${a.id}/following/${c.id}`, { token: a.token })).body).toMatchObject(
      {
        pending: true,
      },
    )
    const keywords = await call('PUT', `/v1/users/${a.id}/muted-keywords`, {
      token: a.token,
      body: { keywords: ['alpha'] },
    })
    expect(keywords.status).toBe(200)
    const engaged = await call('POST', `/v1/users/${a.id}/engagements`, {
      token: a.token,
      body: { engagements: [{ postId: post.id, action: 'favorite', at: post.createdAt }] },
    })
    expect(engaged.body).toEqual({ added: 1, duplicates: 0 })

    expect(await ids(a, 'following')).toEqual([outsider.id])
    expect(await ids(a, 'mutes')).toEqual([b.id])
    expect(await ids(b, 'following')).toEqual([])
    expect(await ids(b, 'mutes')).toEqual([])
    expect(await ids(b, 'blocks')).toEqual([outsider.id])
    expect(await ids(a, 'blocks')).toEqual([])
    expect(await ids(c, 'follow-requests')).toEqual([a.id])
    expect(await ids(b, 'follow-requests')).toEqual([])
    expect(await get(b, '/muted-keywords')).toMatchObject({ keywords: [] })
    expect(await get(a, '/muted-keywords')).toMatchObject({ keywords: ['alpha'] })
    expect(engagementHistorySchema.parse(await get(a, '/engagements')).engagements).toHaveLength(1)
    expect(engagementHistorySchema.parse(await get(b, '/engagements')).engagements).toEqual([])
    expect(await profile(a)).toMatchObject({ id: a.id, handle: a.handle, followingCount: 1 })
    expect(await profile(b)).toMatchObject({ id: b.id, handle: b.handle, followingCount: 0 })
    expect(await profile(outsider)).toMatchObject({ followersCount: 1 })

    // They really share one object: its tables hold rows of more than one of them.
    const owners = await runInDurableObject(userShards(env).stubFor(a.id), (_instance, state) =>
      state.storage.sql
        .exec<{ user_id: string }>(
          'SELECT DISTINCT user_id FROM relations WHERE user_id IN (?, ?)',
          a.id,
          b.id,
        )
        .toArray()
        .map((r) => r.user_id)
        .sort(),
    )
    expect(owners).toEqual([a.id, b.id].sort())
  })

  it('takes the same idempotency key from two users of a shard as two engagements', async () => {
    const [aId, bId] = idsInOneShard(2)
    const a = await newUser({ id: aId })
    const b = await newUser({ id: bId })
    const post = await newPost(await newUser())
    const engagement = (userId: string) => ({
      userId,
      postId: post.id,
      action: 'favorite',
      at: post.createdAt,
      key: 'same-key',
    })
    const sent = await call('POST', '/v1/admin/ingest/users', {
      token: ADMIN,
      body: { accounts: [], follows: [], engagements: [engagement(a.id), engagement(b.id)] },
    })
    expect(sent.status, sent.text).toBe(200)
    expect(sent.body).toMatchObject({ engagements: { added: 2, skipped: 0 } })
    const again = await call('POST', '/v1/admin/ingest/users', {
      token: ADMIN,
      body: { accounts: [], follows: [], engagements: [engagement(a.id), engagement(b.id)] },
    })
    expect(again.body).toMatchObject({ engagements: { added: 0, skipped: 2 } })
    for (const u of [a, b])
      expect(engagementHistorySchema.parse(await get(u, '/engagements')).engagements).toHaveLength(1)
  })

  it("runs one user's profile writes one at a time, other users' alongside, and forgets idle users", async () => {
    const queue = new KeyedSerialQueue()
    const log: string[] = []
    let open = () => {}
    const gate = new Promise<void>((resolve) => {
      open = resolve
    })
    const task = (name: string, wait?: Promise<void>) => async () => {
      log.push(`start ${name}`)
      await wait
      log.push(`end ${name}`)
      if (name === 'a1') throw new Error('a1 failed')
      return name
    }
    const a1 = queue.run('a', task('a1', gate))
    const a2 = queue.run('a', task('a2'))
    const b1 = queue.run('b', task('b1'))
    expect(await b1).toBe('b1')
    expect(log).toEqual(['start a1', 'start b1', 'end b1'])
    open()
    await expect(a1).rejects.toThrow('a1 failed')
    expect(await a2).toBe('a2')
    expect(log.slice(3)).toEqual(['end a1', 'start a2', 'end a2'])
    await new Promise((r) => setTimeout(r, 0))
    expect(queue.size).toBe(0)
  })
})
