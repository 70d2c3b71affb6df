// ≥ 2,000 generated malformed or hostile requests: wrong types, huge bodies, bad ids, Unicode edge cases,
// missing and forged tokens. Every one must get a 4xx (never a 5xx), and no state may change.
import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import { signUserToken } from '../../auth/tokens'
import { postShards } from '../../posts/post-client'
import { thunderShards } from '../../thunder/thunder-client'
import { registryOf } from '../../users/handle-registry'
import { userShards } from '../../users/user-state'
import { ADMIN, BASE, call, eventually, fetchWorker, newPost, newUser, type TestUser } from '../api.fixtures'
import { type FuzzPrincipals, type FuzzRoute, fuzzRequest } from './fuzz-requests'

const RUNS = 2200

const docSchema = z.object({
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        'x-callers': z.array(z.string()),
        requestBody: z.unknown().optional(),
        parameters: z.array(z.object({ in: z.string() })).optional(),
      }),
    ),
  ),
})

async function routes(): Promise<FuzzRoute[]> {
  const doc = docSchema.parse((await call('GET', '/v1/openapi.json')).body)
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      callers: op['x-callers'],
      hasBody: op.requestBody !== undefined,
      hasQuery: (op.parameters ?? []).some((p) => p.in === 'query'),
      maxBodyBytes: /^\/v1\/admin\/(ingest|thunder)/.test(path) ? LIMITS.adminBodyBytes : LIMITS.bodyBytes,
    })),
  )
  const extra = { callers: ['public'], hasBody: false, hasQuery: false, maxBodyBytes: LIMITS.bodyBytes }
  return [
    ...documented,
    { ...extra, method: 'GET', path: '/v1/health/probes/{id}' },
    { ...extra, method: 'GET', path: '/v1/no-such-thing/{id}' },
    { ...extra, method: 'PATCH', path: '/v1/posts/{id}' },
  ]
}

const TABLES = ['profile', 'relations', 'muted_keywords', 'engagements', 'impressions'] as const

async function snapshot(victim: TestUser, other: TestUser, postId: string) {
  const users = await Promise.all(
    [victim, other].map((u) =>
      runInDurableObject(userShards(env).stubFor(u.id), (_instance, state) =>
        TABLES.map((t) =>
          state.storage.sql
            .exec(`SELECT * FROM ${t} WHERE ${t === 'profile' ? 'id' : 'user_id'} = ? ORDER BY 1, 2, 3`, u.id)
            .toArray(),
        ),
      ),
    ),
  )
  const posts = await Promise.all(
    Array.from({ length: postShards(env).count }, (_, i) =>
      runInDurableObject(postShards(env).stub(i), (_instance, state) =>
        state.storage.sql
          .exec(
            'SELECT * FROM posts WHERE author_id IN (?, ?) OR id = ? ORDER BY id',
            victim.id,
            other.id,
            postId,
          )
          .toArray(),
      ),
    ),
  )
  const handles = await Promise.all([victim, other].map((u) => registryOf(env, u.handle).lookup(u.handle)))
  const q = {
    viewerId: '1',
    authorIds: [victim.id],
    followedIds: [victim.id],
    excludeIds: [],
    limit: 100,
    videosOnly: false,
  }
  const thunder = await thunderShards(env).stubFor(victim.id).fetchPosts(q)
  return { users, posts, handles, thunder }
}

describe('fuzz: hostile requests', () => {
  it(`answers ${RUNS} malformed or hostile requests with 4xx only and changes nothing`, async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const errors = vi.spyOn(console, 'error')
    const [victim, other, followed] = await Promise.all([newUser(), newUser(), newUser()])
    await call('PUT', `/v1/users/${victim.id}/following/${followed.id}`, { token: victim.token })
    await call('PUT', `/v1/users/${victim.id}/mutes/${other.id}`, { token: victim.token })
    await call('PUT', `/v1/users/${victim.id}/muted-keywords`, {
      token: victim.token,
      body: { keywords: ['spoiler'] },
    })
    const post = await newPost(victim, { text: 'fuzz target' })
    await call('POST', `/v1/users/${victim.id}/engagements`, {
      token: victim.token,
      body: { engagements: [{ postId: post.id, action: 'favorite' }] },
    })
    await call('POST', `/v1/users/${victim.id}/impressions`, {
      token: victim.token,
      body: { served: [post.id] },
    })
    // Let the post's ingest event land before taking the snapshot.
    await eventually(
      () => snapshot(victim, other, post.id),
      (s) => s.thunder.length === 1,
    )
    const before = await snapshot(victim, other, post.id)

    const secret = env.TOKEN_SECRET ?? ''
    const exp = Math.floor(Date.now() / 1000) + 600
    const principals: FuzzPrincipals = {
      victimId: victim.id,
      victimToken: victim.token,
      otherToken: other.token,
      adminToken: ADMIN,
      postId: post.id,
      victimHandle: victim.handle,
      badTokens: [
        await signUserToken(secret, { sub: victim.id, exp: Math.floor(Date.now() / 1000) - 1 }),
        await signUserToken('k'.repeat(40), { sub: victim.id, exp }),
        `${victim.token.split('.')[0]}.${other.token.split('.')[1]}`,
        victim.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        `${ADMIN}x`,
      ],
    }
    const statuses = new Map<number, number>()
    const bad: string[] = []
    await fc.assert(
      fc.asyncProperty(fuzzRequest(await routes(), principals), async (req) => {
        const init = { method: req.method, headers: req.headers, body: req.body ?? null }
        const res = await fetchWorker(new Request(`${BASE}${req.url}`, init))
        const text = await res.text()
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        if (res.status < 400 || res.status >= 500 || text.includes('    at '))
          bad.push(`${req.label} -> ${res.status} ${text.slice(0, 200)}`)
        return true
      }),
      { numRuns: RUNS, seed: 4242 },
    )
    expect(bad).toEqual([])
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS)
    for (const status of [400, 401, 403, 404, 413, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0)
    expect(errors).not.toHaveBeenCalled()
    expect(await snapshot(victim, other, post.id)).toEqual(before)
  }, 180_000)
})
