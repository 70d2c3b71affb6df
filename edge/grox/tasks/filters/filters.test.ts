// Each filter's branches: the spam-comment / reply-ranking split on parent and root follower counts, the
// shared reply checks, the embedding filters' privacy rules, PTOS, post-safety and initial-banger.
import { describe, expect, it } from 'vitest'
import type { GroxPost, GroxUser } from '../../core/types'
import { reasonCount } from '../task-metrics'
import { context, post, reply, user } from '../tasks.fixtures'
import { PostEmbeddingForReplyFilter, PostEmbeddingWithSummaryFilter } from './embedding-filters'
import { ReplyRankingFilter } from './reply-ranking-filter'
import { FOLLOWER_COUNT_THRESHOLD } from './reply-target-split'
import { InitialBangerFilter, PostSafetyDeluxeFilter, SafetyPtosFilter } from './safety-filters'
import { SpamFilter } from './spam-filter'
import type { TaskFilterWithPost } from './task-filter'

async function verdict(
  filter: TaskFilterWithPost,
  subject: GroxPost,
  users: GroxUser[],
  posts: GroxPost[] = [],
) {
  const { ctx } = context(subject, { users, posts })
  const outcome = await filter.run(ctx, {})
  return outcome.status === 'success' ? 'pass' : (outcome as { reason?: string }).reason
}

/** A reply in a thread root → parent → reply, with the given follower counts of root and parent authors. */
function thread(rootFollowers: number, parentFollowers: number) {
  const rootAuthor = user(rootFollowers)
  const parentAuthor = user(parentFollowers)
  const replier = user(3)
  const root = post(rootAuthor)
  const parent = reply(parentAuthor, root)
  const subject = reply(replier, parent)
  return { subject, users: [rootAuthor, parentAuthor, replier], posts: [root, parent], replier, rootAuthor }
}

const T = FOLLOWER_COUNT_THRESHOLD

describe('spam-comment vs reply-ranking split', () => {
  const cases: [string, number, number, string, string][] = [
    ['both small', 10, 10, 'pass', 'low_blast_radius'],
    ['both at the threshold', T, T, 'pass', 'low_blast_radius'],
    ['parent above', 10, T + 1, 'reply_ranking_target', 'pass'],
    ['root above', T + 1, 10, 'reply_ranking_target', 'pass'],
  ]
  for (const [label, root, parent, spam, ranking] of cases) {
    it(`${label}: spam ${spam}, reply ranking ${ranking}`, async () => {
      const t = thread(root, parent)
      expect(await verdict(new SpamFilter(), t.subject, t.users, t.posts)).toBe(spam)
      expect(await verdict(new ReplyRankingFilter(), t.subject, t.users, t.posts)).toBe(ranking)
    })
  }

  it('partitions replies: exactly one of the two passes whenever the reply checks pass', async () => {
    for (const [root, parent] of [
      [0, 0],
      [T, T + 1],
      [5000, 5000],
      [T + 1, T],
    ]) {
      const t = thread(root!, parent!)
      const passes = [
        await verdict(new SpamFilter(), t.subject, t.users, t.posts),
        await verdict(new ReplyRankingFilter(), t.subject, t.users, t.posts),
      ].filter((v) => v === 'pass')
      expect(passes).toHaveLength(1)
    }
  })

  it('shares the reply checks: originals, unknown users, self replies', async () => {
    const author = user(10)
    expect(await verdict(new SpamFilter(), post(author), [author])).toBe('not_reply')
    const t = thread(10, 10)
    expect(
      await verdict(
        new SpamFilter(),
        t.subject,
        t.users.filter((u) => u !== t.replier),
        t.posts,
      ),
    ).toBe('no_user')
    const parentless = t.users.filter((u) => u.id !== t.posts[1]!.authorId)
    expect(await verdict(new ReplyRankingFilter(), t.subject, parentless, t.posts)).toBe(
      'previous_post_no_user',
    )
    const selfReply = reply(t.replier, t.posts[1]!, { authorId: t.posts[1]!.authorId })
    expect(await verdict(new SpamFilter(), selfReply, t.users, t.posts)).toBe('same_user_reply')
    const toOwnRoot = reply(t.rootAuthor, t.posts[1]!)
    expect(await verdict(new SpamFilter(), toOwnRoot, t.users, t.posts)).toBe('same_user_reply_as_root')
  })

  it('counts skip reasons per filter', async () => {
    const before = reasonCount('filter.skipped', 'reply_ranking', 'low_blast_radius')
    const t = thread(1, 1)
    await verdict(new ReplyRankingFilter(), t.subject, t.users, t.posts)
    expect(reasonCount('filter.skipped', 'reply_ranking', 'low_blast_radius')).toBe(before + 1)
  })
})

describe('embedding filters', () => {
  it('summary embedding: public originals only', async () => {
    const pub = user(10)
    const priv = user(10, { protected: true })
    expect(await verdict(new PostEmbeddingWithSummaryFilter(), post(pub), [pub])).toBe('pass')
    expect(await verdict(new PostEmbeddingWithSummaryFilter(), post(priv), [priv])).toBe('private_account')
    const t = thread(10, 10)
    expect(await verdict(new PostEmbeddingWithSummaryFilter(), t.subject, t.users, t.posts)).toBe('is_reply')
  })

  it('reply embedding: replies whose replier, parent and root are all public', async () => {
    const t = thread(10, 10)
    expect(await verdict(new PostEmbeddingForReplyFilter(), t.subject, t.users, t.posts)).toBe('pass')
    const privateRoot = t.users.map((u) => (u === t.rootAuthor ? { ...u, protected: true } : u))
    expect(await verdict(new PostEmbeddingForReplyFilter(), t.subject, privateRoot, t.posts)).toBe(
      'private_account',
    )
    const author = user(10)
    expect(await verdict(new PostEmbeddingForReplyFilter(), post(author), [author])).toBe('is_original')
  })
})

describe('safety filters', () => {
  it('PTOS takes every post with an author, replies and private accounts included', async () => {
    const priv = user(10, { protected: true })
    const t = thread(10, 10)
    expect(await verdict(new SafetyPtosFilter(), post(priv), [priv])).toBe('pass')
    expect(await verdict(new SafetyPtosFilter(), t.subject, t.users, t.posts)).toBe('pass')
    expect(await verdict(new SafetyPtosFilter(), post(user(1)), [])).toBe('no_user')
  })

  it('post-safety deluxe and initial banger take public originals', async () => {
    for (const filter of [new PostSafetyDeluxeFilter(), new InitialBangerFilter()]) {
      const pub = user(10)
      const priv = user(10, { protected: true })
      const t = thread(10, 10)
      expect(await verdict(filter, post(pub), [pub])).toBe('pass')
      expect(await verdict(filter, post(priv), [priv])).toBe('private_account')
      expect(await verdict(filter, t.subject, t.users, t.posts)).toBe('is_reply')
    }
  })
})
