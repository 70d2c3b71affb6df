// The classifier-wrapper tasks (spam detection, banger screen with its hourly topic cache, post-safety
// screen → moderation action, reply ranking, summarizer) and their sinks, with a fake classifier backend;
// labels land in the real PostStore (posts made through the API).
import { describe, expect, it } from 'vitest'
import { newPost, newUser } from '../../api/api.fixtures'
import { BangerScreen, TOPIC_CACHE_TTL_MS } from './banger-screen'
import { PostSafetyScreenDeluxe } from './post-safety-screen-deluxe'
import { RankReplies } from './rank-replies'
import { WriteReplyRanking, WriteReplySpam } from './sinks/annotation-sinks'
import { GrokUpaActionWithLabels } from './sinks/grok-upa-action'
import { groxLabels } from './sinks/safety-labels'
import { followerBucket, SpamDetection } from './spam-detection'
import { PostEmbeddingSummarizer } from './summarizer'
import { context, FakeClassifiers, post, reply, testEnv, user } from './tasks.fixtures'

describe('spam detection', () => {
  it('appends the verdict to the content categories', async () => {
    const fake = new FakeClassifiers()
    const { ctx } = context(post(user(5)))
    await new SpamDetection({}, fake).run(ctx, {})
    expect(ctx.contentCategories).toEqual([fake.spamResult])
  })

  it('buckets a reply by the larger of its parent’s and root’s follower counts', () => {
    const member = (followers: number) => ({ postId: 'x', author: user(followers) })
    expect(followerBucket({ ancestors: [] })).toBe('invalid')
    expect(followerBucket({ ancestors: [member(100), member(100)] })).toBe('lte_100')
    expect(followerBucket({ ancestors: [member(100), member(101)] })).toBe('lte_500')
    expect(followerBucket({ ancestors: [member(1000)] })).toBe('lte_1000')
    expect(followerBucket({ ancestors: [member(1001), member(1)] })).toBe('gt_1000')
  })

  it('labels the reply as spam only when the model is sure', { timeout: 60_000 }, async () => {
    const author = await newUser()
    const stored = await newPost(author, { text: 'reply to label' })
    for (const [score, expected] of [
      [0.95, ['spam_high_recall']],
      [0.6, undefined],
    ] as const) {
      const { ctx } = context(stored)
      ctx.contentCategories.push({ source: 'fake', category: 'spam_comment', score, positive: true })
      await new WriteReplySpam().run(ctx, {})
      expect((await groxLabels(testEnv, [stored.id])).get(stored.id)).toEqual(expected)
    }
  })
})

describe('banger screen topic cache', () => {
  it('loads topics once an hour, and keeps stale topics when a reload fails', async () => {
    let now = 0
    let loads = 0
    let failing = false
    const source = async () => {
      loads++
      return failing ? null : [`topic${loads}`]
    }
    const fake = new FakeClassifiers()
    const task = new BangerScreen({}, source, fake)
    const run = async () => {
      const { ctx } = context(post(user(5)))
      ctx.services.now = () => now
      await task.run(ctx, {})
      return ctx.availableTopics
    }
    expect(await run()).toEqual(['topic1'])
    now += TOPIC_CACHE_TTL_MS
    expect(await run()).toEqual(['topic1'])
    expect(loads).toBe(1)
    now += 1
    failing = true
    expect(await run()).toEqual(['topic1'])
    expect(loads).toBe(2)
    failing = false
    expect(await run()).toEqual(['topic3'])
    expect(fake.calls).toEqual(['banger:1', 'banger:1', 'banger:1', 'banger:1'])
  })
})

describe('post-safety screen and the moderation action', () => {
  it('applies labels from the bool metadata in prod, and writes nothing without results', {
    timeout: 60_000,
  }, async () => {
    const author = await newUser()
    const stored = await newPost(author, { text: 'screen me' })
    const fake = new FakeClassifiers()
    const { ctx } = context(stored, { environment: 'prod' })
    await new PostSafetyScreenDeluxe({}, fake).run(ctx, {})
    const outcome = await new GrokUpaActionWithLabels().run(ctx, {})
    expect(outcome).toEqual({ status: 'success', output: { appliedLabels: ['nsfw_high_recall'] } })
    expect((await groxLabels(testEnv, [stored.id])).get(stored.id)).toEqual(['nsfw_high_recall'])

    const empty = context(stored, { environment: 'prod' }).ctx
    expect(await new GrokUpaActionWithLabels().run(empty, {})).toEqual({ status: 'success' })
  })
})

describe('reply ranking and summarizer', () => {
  it('scores the reply and writes the score once', async () => {
    const fake = new FakeClassifiers()
    const parentAuthor = user(5000)
    const parent = post(parentAuthor)
    const subject = reply(user(3), parent)
    const { ctx } = context(subject, { users: [parentAuthor], posts: [parent] })
    await new RankReplies({}, fake).run(ctx, {})
    expect(ctx.replyRankingResults).toEqual([{ postId: subject.id, score: 0.42, reason: 'fake' }])
    expect(await new WriteReplyRanking().run(ctx, {})).toEqual({
      status: 'success',
      output: { sink: 'reply_ranking', written: true },
    })
    expect(await new WriteReplyRanking().run(ctx, {})).toEqual({
      status: 'success',
      output: { sink: 'reply_ranking', written: false },
    })
  })

  it('summarizes once (no task retry) into ctx.summary', async () => {
    const fake = new FakeClassifiers()
    const { ctx } = context(post(user(5)))
    const task = new PostEmbeddingSummarizer({}, fake)
    expect(task.maxAttempts).toBe(1)
    await task.run(ctx, {})
    expect(ctx.summary).toBe('a fake summary')
  })
})
