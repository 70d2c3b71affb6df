import { z } from 'zod'
import { deadLettersQuery, deadLettersResponse, postOutboxResponse } from '../../../shared/types/api/admin.ts'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import { thunderInsertBody, thunderStatsSchema } from '../../../shared/types/api/thunder.ts'
import { listDeadLetters } from '../../ops/dead-letter-log'
import { outboxPending } from '../../posts/post-client'
import { thunderShards, writeToThunder } from '../../thunder/thunder-client'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'
import { toPage } from '../pagination'

const insert = defineRoute({
  method: 'post',
  path: '/thunder/posts',
  summary: 'Insert posts straight into their Thunder shards, bypassing the post store and the queue',
  description: 'For benchmarks and repairs: the same idempotent shard write the ingest consumer does.',
  callers: ['admin'],
  maxBodyBytes: LIMITS.adminBodyBytes,
  request: { body: jsonBody(thunderInsertBody) },
  responses: {
    200: jsonContent(
      z.object({ inserted: z.number().int(), skipped: z.number().int(), failedShards: z.array(z.number()) }),
      'Per-batch totals',
    ),
  },
})

const stats = defineRoute({
  method: 'get',
  path: '/thunder/stats',
  summary: 'Posts, authors and tombstones held by each Thunder shard',
  callers: ['admin'],
  responses: { 200: jsonContent(thunderStatsSchema, 'Per-shard counts') },
})

const outbox = defineRoute({
  method: 'get',
  path: '/posts/outbox',
  summary: 'Post ingest events published and not yet confirmed by the ingest consumer, per post shard',
  description:
    "An event leaves its shard's outbox once the consumer has applied it to Thunder and the retrieval " +
    'index; 0 means every stored post has been delivered. The seeder waits on it.',
  callers: ['admin'],
  responses: { 200: jsonContent(postOutboxResponse, 'Unconfirmed events') },
})

const deadLetters = defineRoute({
  method: 'get',
  path: '/dead-letters',
  summary: 'Messages that exhausted their retries or could never be parsed, newest first, a page at a time',
  callers: ['admin'],
  request: { query: deadLettersQuery },
  responses: { 200: jsonContent(deadLettersResponse, 'Dead letters') },
})

export const opsRoutes = newApi()
  .openapi(insert, async (c) => {
    const { ok, failed } = await writeToThunder(c.env, {
      inserts: c.req.valid('json').posts,
      tombstones: [],
    })
    let inserted = 0
    let skipped = 0
    for (const r of ok.values()) {
      inserted += r.inserted
      skipped += r.skipped
    }
    return c.json({ inserted, skipped, failedShards: [...failed.keys()].sort((a, b) => a - b) }, 200)
  })
  .openapi(stats, async (c) => {
    const { ok, failed } = await thunderShards(c.env).broadcast((stub) => stub.stats())
    if (failed.size > 0) throw [...failed.values()][0]
    const shards = [...ok]
      .sort(([a], [b]) => a - b)
      .map(([shard, s]) => ({ shard, posts: s.posts, authors: s.authors, tombstones: s.tombstones }))
    return c.json({ shards, totalPosts: shards.reduce((n, s) => n + s.posts, 0) }, 200)
  })
  .openapi(outbox, async (c) => {
    const shards = (await outboxPending(c.env)).map((pending, shard) => ({ shard, pending }))
    return c.json({ pending: shards.reduce((n, s) => n + s.pending, 0), shards }, 200)
  })
  .openapi(deadLetters, async (c) => {
    const { limit, cursor } = c.req.valid('query')
    const { deadLetters, total } = await listDeadLetters(c.env, limit + 1, cursor)
    const page = toPage(deadLetters, limit, 'dead-letters', (d) => [d.receivedAt, d.id])
    return c.json({ deadLetters: page.rows, total, nextCursor: page.nextCursor }, 200)
  })
