// The social-graph query hydrators against real UserState objects, written through the public API.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { DISCRETE_INDEX } from '../../../shared/phoenix/actions.ts'
import { discardMetrics } from '../../../shared/pipeline/metrics.ts'
import type { ComponentContext } from '../../../shared/pipeline/stage-types.ts'
import { ADMIN, call, newPost, newUser } from '../../api/api.fixtures'
import type { PostRecord } from '../../posts/post-record'
import { newFeedQuery } from '../feed-query'
import { blockedByHydrator } from './blocked-by.query-hydrator'
import { historyEvents } from './engagement-history.query-hydrator'
import { mutualFollowHydrator } from './mutual-follow.query-hydrator'

const ctx: ComponentContext = { signal: new AbortController().signal, metrics: discardMetrics, note() {} }

describe('query hydrators', () => {
  it('BlockedBy reads the reverse index that blocks write on their target (not mutes), and unblocking clears it', async () => {
    const [viewer, blocker, muter] = await Promise.all([newUser(), newUser(), newUser()])
    const q = newFeedQuery(env, { viewerId: viewer.id, nowMs: Date.now() })
    const put = (who: string, kind: string) =>
      call('PUT', `/v1/users/${who}/${kind}/${viewer.id}`, { token: ADMIN })
    expect((await put(blocker.id, 'blocks')).status).toBe(200)
    expect((await put(muter.id, 'mutes')).status).toBe(200)
    expect(await blockedByHydrator(env).hydrate(q, ctx)).toEqual([blocker.id])
    expect(
      (await call('DELETE', `/v1/users/${blocker.id}/blocks/${viewer.id}`, { token: ADMIN })).status,
    ).toBe(200)
    expect(await blockedByHydrator(env).hydrate(q, ctx)).toEqual([])
  })

  it('MutualFollow keeps the followed accounts that follow back', async () => {
    const [viewer, mutual, oneWay] = await Promise.all([newUser(), newUser(), newUser()])
    const follow = (a: string, b: string) => call('PUT', `/v1/users/${a}/following/${b}`, { token: ADMIN })
    for (const [a, b] of [
      [viewer.id, mutual.id],
      [viewer.id, oneWay.id],
      [mutual.id, viewer.id],
    ] as const)
      expect((await follow(a, b)).status).toBe(200)
    const q = {
      ...newFeedQuery(env, { viewerId: viewer.id, nowMs: Date.now() }),
      followedIds: new Set([mutual.id, oneWay.id]),
    }
    expect(await mutualFollowHydrator(env).hydrate(q, ctx)).toEqual([mutual.id])
  })

  it('history: one event per post with its actions as a mask, oldest first, gone posts left out', async () => {
    const author = await newUser()
    const [p1, p2] = [await newPost(author, { text: 'first' }), await newPost(author, { text: 'second' })]
    const posts = new Map<string, PostRecord>(
      [p1, p2].map((p) => [p.id, { ...p, published: true, thunder: {} } as unknown as PostRecord]),
    )
    const events = historyEvents(
      [
        { postId: p2.id, action: 'favorite', at: 300 },
        { postId: p1.id, action: 'dwell', at: 100, dwellMs: 4500 },
        { postId: p1.id, action: 'reply', at: 200 },
        { postId: '999999', action: 'favorite', at: 50 },
      ],
      posts,
    )
    expect(events).toEqual([
      {
        postId: p1.id,
        authorId: author.id,
        postCreatedAtMs: p1.createdAt,
        actionMask: (1 << DISCRETE_INDEX.dwell) | (1 << DISCRETE_INDEX.reply),
        dwellSeconds: 4.5,
        surface: 1,
        engagedAtMs: 200,
        postText: 'first',
      },
      expect.objectContaining({ postId: p2.id, actionMask: 1 << DISCRETE_INDEX.favorite, engagedAtMs: 300 }),
    ])
  })
})
