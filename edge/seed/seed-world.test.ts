import { describe, expect, it } from 'vitest'
import { postViewSchema } from '../../shared/types/api/posts.ts'
import { inNetworkResponse } from '../../shared/types/api/thunder.ts'
import { engagementHistorySchema, userViewSchema } from '../../shared/types/api/users.ts'
import { ADMIN, BASE, call, eventually, fetchWorker } from '../api/api.fixtures'
import { smallWorld } from './seed.fixtures'
import { demoHandles, MAX_SEED_POST_AGE_MS } from './seed-batches'
import { loadWorld, type SeedProgress } from './seed-world'

const HOUR = 3_600_000
const fetchInProcess = (input: string, init: RequestInit) => fetchWorker(new Request(input, init))

describe('loadWorld (the npm start seeder)', () => {
  it('loads accounts, follows, posts and engagements through the API, then re-runs without duplicating', async () => {
    const base = 7_000_000_000 + Math.floor(Math.random() * 1e6) * 1000
    const world = smallWorld(base)
    const id = (n: number) => String(base + n)
    const progress: SeedProgress[] = []
    const now = Date.now()
    const first = await loadWorld(BASE, ADMIN, world, {
      fetch: fetchInProcess,
      now,
      onProgress: (p) => progress.push(p),
    })
    expect(first).toMatchObject({
      accounts: { created: 4, updated: 0, unchanged: 0, handleConflicts: 0 },
      follows: { added: 4, skipped: 0 },
      posts: { created: 6, existing: 0, published: 6 },
      engagements: { added: 3, skipped: 0 },
      invalid: { accounts: 1, follows: 1, posts: 0, engagements: 0 },
    })
    // Each stage reports its total first and reaches it last (the user and post paths interleave).
    for (const [stage, total] of [
      ['accounts', 4],
      ['follows', 4],
      ['posts', 6],
      ['engagements', 3],
    ] as const) {
      const own = progress.filter((p) => p.stage === stage)
      expect(own[0]).toEqual({ stage, done: 0, total })
      expect(own.at(-1)).toEqual({ stage, done: total, total })
    }

    const ada = userViewSchema.parse((await call('GET', `/v1/users/${id(1)}`, { token: ADMIN })).body)
    expect(ada).toMatchObject({ subscriptionTier: 'premium', followersCount: 2, followingCount: 2 })
    const reply = postViewSchema.parse((await call('GET', `/v1/posts/${id(103)}`, { token: ADMIN })).body)
    expect(reply).toMatchObject({ replyToUserId: id(2), conversationId: id(101), counts: { view: 103 } })
    const clamped = postViewSchema.parse((await call('GET', `/v1/posts/${id(105)}`, { token: ADMIN })).body)
    expect(clamped.createdAt).toBe(now - MAX_SEED_POST_AGE_MS)

    const feed = () => call('GET', `/v1/users/${id(1)}/in-network`, { token: ADMIN })
    const inNetwork = await eventually(
      async () => inNetworkResponse.parse((await feed()).body),
      (r) => r.posts.length >= 5,
    )
    // Bob's reply to his own root is kept (parent is an original); Cy's repost of Bob's post too.
    expect(inNetwork.posts.map((p) => p.postId)).toEqual([id(104), id(103), id(102), id(101), id(105)])
    const history = engagementHistorySchema.parse(
      (await call('GET', `/v1/users/${id(1)}/engagements`, { token: ADMIN })).body,
    )
    expect(history.engagements.map((e) => e.action)).toEqual(['dwell', 'favorite'])

    const second = await loadWorld(BASE, ADMIN, world, { fetch: fetchInProcess, now: now + 60_000 })
    expect(second).toMatchObject({
      accounts: { created: 0, updated: 0, unchanged: 4 },
      follows: { added: 0 },
      posts: { created: 0, existing: 6, published: 0 },
      engagements: { added: 0, skipped: 3 },
    })
    expect(userViewSchema.parse((await call('GET', `/v1/users/${id(1)}`, { token: ADMIN })).body)).toEqual(
      ada,
    )
    expect(inNetworkResponse.parse((await feed()).body).posts).toEqual(inNetwork.posts)
  }, 20_000)

  it("sends each chunk of users' accounts, follows and engagements in one call, so each user object is written once", async () => {
    const base = 7_500_000_000 + Math.floor(Math.random() * 1e6) * 1000
    const userPaths: string[] = []
    const recording = (input: string, init: RequestInit) => {
      const route = /\/v1\/admin\/ingest\/(\w+)$/.exec(input)?.[1]
      if (route !== undefined && route !== 'posts') {
        const body = JSON.parse(String(init.body)) as Record<string, unknown[]>
        userPaths.push(
          `${route}:${body.accounts?.length}/${body.follows?.length}/${body.engagements?.length}`,
        )
      }
      return fetchInProcess(input, init)
    }
    const progress = new Map<string, { done: number; total: number }>()
    const report = await loadWorld(BASE, ADMIN, smallWorld(base), {
      fetch: recording,
      usersPerChunk: 2,
      onProgress: ({ stage, done, total }) => progress.set(stage, { done, total }),
    })
    // ada+bob with their 3 follows and 3 engagements; then cy+dee with dee's one follow.
    expect(userPaths).toEqual(['users:2/3/3', 'users:2/1/0'])
    // Each stage ends exactly at the total it announced first (the progress bar's 100 %).
    expect(Object.fromEntries(progress)).toEqual({
      accounts: { done: 4, total: 4 },
      follows: { done: 4, total: 4 },
      posts: { done: 6, total: 6 },
      engagements: { done: 3, total: 3 },
    })
    expect(report).toMatchObject({
      accounts: { created: 4 },
      follows: { added: 4 },
      engagements: { added: 3 },
    })
  })

  it('re-anchors a world seeded 30 h ago: the posts that left the window come back as new copies, once', async () => {
    const base = 7_700_000_000 + Math.floor(Math.random() * 1e6) * 1000
    const world = smallWorld(base)
    const id = (n: number) => String(base + n)
    const now = Date.now()
    const anchor = now - 30 * HOUR
    const first = await loadWorld(BASE, ADMIN, world, { fetch: fetchInProcess, now: anchor })
    expect(first.accounts).toMatchObject({ created: 4, handleConflicts: 0 })
    const timeline = ['posts', 'engagements'] as const
    const later = await loadWorld(BASE, ADMIN, world, {
      fetch: fetchInProcess,
      now,
      anchor,
      stages: timeline,
    })
    // 101 (30 h old at the anchor) and 105 (clamped to 47 h 50 m) are past the window now: one new copy each.
    // The others are still inside it. No account or follow is sent.
    expect(later).toMatchObject({
      accounts: { created: 0, updated: 0, unchanged: 0 },
      follows: { added: 0, skipped: 0 },
      posts: { created: 2, existing: 4 },
    })
    const copy101 = (BigInt(id(101)) + (BigInt(48 * HOUR) << 22n)).toString()
    const post = postViewSchema.parse((await call('GET', `/v1/posts/${copy101}`, { token: ADMIN })).body)
    expect(post).toMatchObject({
      authorId: id(2),
      text: 'post 101',
      createdAt: anchor - 30 * HOUR + 48 * HOUR,
    })
    const feed = () => call('GET', `/v1/users/${id(1)}/in-network`, { token: ADMIN })
    const live = await eventually(
      async () => inNetworkResponse.parse((await feed()).body),
      (r) => r.posts.some((p) => p.postId === copy101),
    )
    expect(live.posts.find((p) => p.postId === copy101)?.createdAt).toBe(now - 12 * HOUR)
    // Idempotent: again, a minute later, nothing new.
    const again = await loadWorld(BASE, ADMIN, world, {
      fetch: fetchInProcess,
      now: now + 60_000,
      anchor,
      stages: timeline,
    })
    expect(again.posts).toMatchObject({ created: 0, existing: 6 })
  }, 20_000)

  it("gives every test world its own handles (another world's claim would refuse an account)", () => {
    // Bases 100,000 apart once shared every handle.
    const handlesOf = (base: number) => new Set(smallWorld(base).accounts.map((a) => a.handle))
    const a = handlesOf(7_000_000_000)
    expect([...handlesOf(7_000_100_000)].filter((h) => a.has(h))).toEqual([])
  })

  it('picks the accounts that follow the most as demo users', () => {
    const world = smallWorld(5_000)
    expect(demoHandles(world, 2)).toEqual([world.accounts[0]?.handle, world.accounts[1]?.handle])
  })

  it("holds Grox's tasks while the posts go in and releases them once the posts are applied", async () => {
    const base = 8_200_000_000 + Math.floor(Math.random() * 1e6) * 1000
    const draining = async () =>
      ((await call('GET', '/v1/admin/grox/stats', { token: ADMIN })).body as { draining: boolean }).draining
    const seenWhilePosting: boolean[] = []
    const recording = async (input: string, init: RequestInit) => {
      if (input.endsWith('/v1/admin/ingest/posts')) seenWhilePosting.push(await draining())
      return fetchInProcess(input, init)
    }
    const report = await loadWorld(BASE, ADMIN, smallWorld(base), { fetch: recording })
    expect(report.posts.created).toBe(6)
    expect(report.eventsUnconfirmed).toBe(0)
    expect(seenWhilePosting).toEqual([true])
    expect(await draining()).toBe(false)
  })

  it('releases Grox again when seeding fails, with no request of the other path still in flight', async () => {
    let inFlight = 0
    await expect(
      loadWorld(BASE, ADMIN, smallWorld(9_100), {
        fetch: async (input, init) => {
          if (input.endsWith('/v1/admin/ingest/posts'))
            return new Response('{"error":"refused"}', { status: 400 })
          inFlight++
          try {
            return await fetchInProcess(input, init)
          } finally {
            inFlight--
          }
        },
      }),
    ).rejects.toThrow(/400/)
    expect(inFlight).toBe(0)
    expect(
      ((await call('GET', '/v1/admin/grox/stats', { token: ADMIN })).body as { draining: boolean }).draining,
    ).toBe(false)
  })

  it('fails loudly on a rejected batch', async () => {
    await expect(
      loadWorld(BASE, 'wrong-token', smallWorld(9_000), { fetch: fetchInProcess }),
    ).rejects.toThrow(/401/)
  })
})
