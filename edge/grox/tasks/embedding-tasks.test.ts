// The post-embedding tasks with the real post tower (MODEL_ASSETS) and the real retrieval index: V5 and
// with-summary embeddings, the sinks (index upsert, records, events, no events for replies in the plain
// V5 plan) and idempotence under redelivery.
import { describe, expect, it } from 'vitest'
import { retrievalIndex } from '../../retrieval/retrieval-index'
import { groxSinks, sinkRecords } from '../store/grox-store-client'
import { MultimodalPostEmbedding } from './multimodal-post-embedding'
import { WriteMmEmbeddingSink } from './sinks/write-embedding-sinks'
import { context, post, reply, testEnv, user } from './tasks.fixtures'

function realSinksContext(subject: ReturnType<typeof post>) {
  const { ctx } = context(subject)
  ctx.services.sinks = groxSinks(testEnv)
  return ctx
}

describe('multimodal post embedding', { timeout: 120_000 }, () => {
  it('embeds with the post tower into a unit vector; the summary variant embeds the summary', async () => {
    const subject = post(user(5), { text: 'the telescope caught a comet tonight' })
    const v5 = realSinksContext(subject)
    const a = await new MultimodalPostEmbedding('v5').run(v5, {})
    const withSummary = realSinksContext(subject)
    withSummary.summary = 'a post about cooking pasta at home'
    const b = await new MultimodalPostEmbedding('with_summary').run(withSummary, {})
    const va = (a as { output: number[] }).output
    const vb = (b as { output: number[] }).output
    expect(va.length).toBeGreaterThan(8)
    expect(Math.hypot(...va)).toBeCloseTo(1, 3)
    expect(va).not.toEqual(vb)
    expect(v5.multimodalPostEmbedding).toEqual(va)
  })

  it('skips reposts (no content of their own) and posts older than the index keeps', async () => {
    const author = user(5)
    const repost = post(author, { repostOfId: '123', repostOfUserId: '456' })
    expect((await new MultimodalPostEmbedding('v5').run(realSinksContext(repost), {})).status).toBe('skipped')
    const old = post(author, { createdAt: Date.now() - 49 * 3_600_000 })
    expect((await new MultimodalPostEmbedding('v5').run(realSinksContext(old), {})).status).toBe('skipped')
  })

  it('writes the V5 embedding to the retrieval index once, with one event, however often redelivered', async () => {
    const subject = post(user(5), { text: 'new synth album drops friday' })
    for (let delivery = 0; delivery < 2; delivery++) {
      const ctx = realSinksContext(subject)
      await new MultimodalPostEmbedding('v5').run(ctx, {})
      const out = await new WriteMmEmbeddingSink('v5_skip_events_for_replies').run(ctx, {})
      expect(out).toMatchObject({
        status: 'success',
        output: { indexed: true, written: delivery === 0, event: true },
      })
    }
    const stored = await retrievalIndex(testEnv).embeddings([subject.id])
    expect(stored.get(subject.id)?.length).toBeGreaterThan(8)
    const sinks = (await sinkRecords(testEnv, [subject.id])).map((r) => [r.sink, r.refused])
    expect(sinks).toEqual([
      ['event:post_embedding', 1],
      ['mm_embedding_v5', 1],
    ])
  })

  it('publishes no event for a reply in the plain V5 plan, but does in the reply plan', async () => {
    const parent = post(user(5))
    for (const [variant, event] of [
      ['v5_skip_events_for_replies', false],
      ['v5', true],
    ] as const) {
      const subject = reply(user(6), parent, { text: 'agreed, the encore was great' })
      const ctx = realSinksContext(subject)
      await new MultimodalPostEmbedding('v5').run(ctx, {})
      expect(await new WriteMmEmbeddingSink(variant).run(ctx, {})).toMatchObject({ output: { event } })
      const kinds = (await sinkRecords(testEnv, [subject.id])).map((r) => r.sink)
      expect(kinds.includes('event:post_embedding')).toBe(event)
    }
  })

  it('V3 records the summary embedding and the summary without touching the index', async () => {
    const subject = post(user(5), { text: 'bread recipe thread' })
    const ctx = realSinksContext(subject)
    ctx.summary = 'how to bake bread'
    await new MultimodalPostEmbedding('with_summary').run(ctx, {})
    expect(await new WriteMmEmbeddingSink('v3').run(ctx, {})).toMatchObject({
      output: { indexed: false, written: true },
    })
    expect((await retrievalIndex(testEnv).embeddings([subject.id])).size).toBe(0)
    const summary = (await sinkRecords(testEnv, [subject.id])).find((r) => r.sink === 'summary_v3')
    expect(summary?.value).toEqual({ summary: 'how to bake bread' })
  })
})
