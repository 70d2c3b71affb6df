import { z } from 'zod'
import { deadLettersQuery, deadLettersResponse } from '../../../shared/types/api/admin.ts'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import { thunderInsertBody, thunderStatsSchema } from '../../../shared/types/api/thunder.ts'
import { edgeConfig } from '../../config'
import { listDeadLetters } from '../../ops/dead-letter-log'
import { thunderShard, writeToThunder } from '../../thunder/thunder-client'
import { defineRoute, jsonContent, newApi } from '../openapi/define-route'

const insert = defineRoute({
  method: 'post',
  path: '/thunder/posts',
  summary: 'Insert posts straight into their Thunder shards, bypassing the post store and the queue',
  description: 'For benchmarks and repairs: the same idempotent shard write the ingest consumer does.',
  callers: ['admin'],
  maxBodyBytes: LIMITS.adminBodyBytes,
  request: { body: { content: { 'application/json': { schema: thunderInsertBody } }, required: true } },
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

const deadLetters = defineRoute({
  method: 'get',
  path: '/dead-letters',
  summary: 'Messages that exhausted their retries or could never be parsed, newest first',
  callers: ['admin'],
  request: { query: deadLettersQuery },
  responses: { 200: jsonContent(deadLettersResponse, 'Dead letters') },
})

export const opsRoutes = newApi()
  .openapi(insert, async (c) => {
    const { results, failed } = await writeToThunder(c.env, {
      inserts: c.req.valid('json').posts,
      tombstones: [],
    })
    let inserted = 0
    let skipped = 0
    for (const r of results.values()) {
      inserted += r.inserted
      skipped += r.skipped
    }
    return c.json({ inserted, skipped, failedShards: [...failed.keys()].sort((a, b) => a - b) }, 200)
  })
  .openapi(stats, async (c) => {
    const { thunderShards } = edgeConfig(c.env)
    const shards = await Promise.all(
      Array.from({ length: thunderShards }, async (_, shard) => {
        const s = await thunderShard(c.env, shard, thunderShards).stats()
        return { shard, posts: s.posts, authors: s.authors, tombstones: s.tombstones }
      }),
    )
    return c.json({ shards, totalPosts: shards.reduce((n, s) => n + s.posts, 0) }, 200)
  })
  .openapi(deadLetters, async (c) => c.json(await listDeadLetters(c.env, c.req.valid('query').limit), 200))
