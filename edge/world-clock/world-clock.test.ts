import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import { postViewSchema } from '../../shared/types/api/posts.ts'
import { ADMIN, call, eventually, failure, newPost, newUser } from '../api/api.fixtures'
import { fetchInNetwork } from '../thunder/thunder-client'
import { worldClock } from './world-clock'
import { worldClockStatus } from './world-clock-schema'

const configure = (body: unknown, token: string | undefined = ADMIN) =>
  call('POST', '/v1/admin/world-clock', { token, body })
const status = async () =>
  worldClockStatus.parse((await call('GET', '/v1/admin/world-clock', { token: ADMIN })).body)

// The clock is one object for the whole run: every test leaves it off, so no alarm outlives a test.
afterEach(async () => {
  await configure({ enabled: false, ratePerMinute: 0 })
})

describe('world clock', () => {
  it('is off until an admin turns it on', async () => {
    const s = await status()
    expect(s.enabled).toBe(false)
    expect(s.nextTickAt).toBeNull()
    expect(await runDurableObjectAlarm(worldClock(env))).toBe(false)
  })

  it('enabled, its alarm creates posts by the world’s users, at the tick’s time, that reach Thunder', async () => {
    const [ada, bob, cy] = await Promise.all([newUser(), newUser(), newUser()])
    for (const u of [ada, bob, cy])
      await newPost(u, { text: `morning coffee and the ${u.handle} news today` })
    const before = await status()
    const on = await configure({ enabled: true, ratePerMinute: 60, seed: 7 })
    expect(on.status).toBe(200)
    expect(worldClockStatus.parse(on.body)).toMatchObject({ enabled: true, ratePerMinute: 60, seed: 7 })
    expect(worldClockStatus.parse(on.body).nextTickAt).toBeGreaterThan(Date.now())

    const t0 = Date.now()
    expect(await runDurableObjectAlarm(worldClock(env))).toBe(true)
    const t1 = Date.now()
    const after = await status()
    expect(after.lastError).toBeNull()
    // 60 posts per minute, a tick every 10 s: 10 posts, about 4 engagements each.
    expect(after.lastPostIds).toHaveLength(10)
    expect(after.postsCreated - before.postsCreated).toBe(10)
    expect(after.engagementsCreated - before.engagementsCreated).toBeGreaterThan(10)
    expect(after.ticks).toBe(before.ticks + 1)
    expect(after.nextTickAt).toBeGreaterThan(t1)

    const posts = await Promise.all(
      after.lastPostIds.map(async (id) =>
        postViewSchema.parse((await call('GET', `/v1/posts/${id}`, { token: ADMIN })).body),
      ),
    )
    for (const p of posts) {
      expect(p.createdAt).toBeGreaterThanOrEqual(t0)
      expect(p.createdAt).toBeLessThanOrEqual(t1)
      expect(p.text.length).toBeGreaterThan(0)
    }
    const authors = [...new Set(posts.map((p) => p.authorId))]
    const inThunder = await eventually(
      () => fetchInNetwork(env, { viewerId: '1', followedIds: authors, excludeIds: [] }),
      (r) => after.lastPostIds.every((id) => r.posts.some((p) => p.postId === id)),
    )
    expect(after.lastPostIds.filter((id) => !inThunder.posts.some((p) => p.postId === id))).toEqual([])
  }, 30_000)

  it('disabled, it stops: no alarm is left and nothing more is created', async () => {
    const [ada] = await Promise.all([newUser()])
    if (ada) await newPost(ada, { text: 'a post for the clock to see' })
    await configure({ enabled: true, ratePerMinute: 30 })
    expect((await status()).nextTickAt).not.toBeNull()
    const off = await configure({ enabled: false, ratePerMinute: 30 })
    expect(worldClockStatus.parse(off.body)).toMatchObject({ enabled: false, nextTickAt: null })
    const before = await status()
    expect(await runDurableObjectAlarm(worldClock(env))).toBe(false)
    expect((await status()).postsCreated).toBe(before.postsCreated)
  })

  it('fractions of a post carry over to the next tick', async () => {
    const [ada, bob] = await Promise.all([newUser(), newUser()])
    for (const u of [ada, bob]) await newPost(u, { text: 'slow world, few words' })
    await configure({ enabled: true, ratePerMinute: 3 })
    // 3 per minute = 0.5 per 10 s tick: nothing, then one.
    expect(await runDurableObjectAlarm(worldClock(env))).toBe(true)
    expect((await status()).lastPostIds).toHaveLength(0)
    expect(await runDurableObjectAlarm(worldClock(env))).toBe(true)
    expect((await status()).lastPostIds).toHaveLength(1)
  })

  it('bad input is a 400 naming the field; only the admin may use it', async () => {
    expect(failure(await configure({ enabled: 'yes', ratePerMinute: 5 }))).toMatchObject({
      status: 400,
      field: 'enabled',
    })
    expect(failure(await configure({ enabled: true, ratePerMinute: 601 }))).toMatchObject({
      status: 400,
      field: 'ratePerMinute',
    })
    expect(failure(await configure({ enabled: true, ratePerMinute: -1 }))).toMatchObject({
      status: 400,
      field: 'ratePerMinute',
    })
    expect(failure(await configure({ enabled: true }))).toMatchObject({ status: 400, field: 'ratePerMinute' })
    expect(failure(await configure({ enabled: true, ratePerMinute: 5, seed: 1.5 }))).toMatchObject({
      status: 400,
      field: 'seed',
    })
    expect(failure(await configure({ enabled: true, ratePerMinute: 5, speed: 2 }))).toMatchObject({
      status: 400,
    })
    const user = await newUser()
    expect((await configure({ enabled: true, ratePerMinute: 5 }, user.token)).status).toBe(403)
    const anonymous = await call('POST', '/v1/admin/world-clock', {
      body: { enabled: true, ratePerMinute: 5 },
    })
    expect(anonymous.status).toBe(401)
    expect((await call('GET', '/v1/admin/world-clock', { token: user.token })).status).toBe(403)
    expect((await status()).enabled).toBe(false)
  })
})
