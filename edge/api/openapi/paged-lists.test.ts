// Every GET that returns a list the caller's data can grow pages the same way: `limit` and `cursor` query
// parameters and `nextCursor` in the answer (shared/types/api/pagination.ts). A new list route fails here
// until it pages or is listed below with why it is bounded.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { call } from '../api.fixtures'

/** GET routes that answer arrays which cannot grow with use, and why. */
const BOUNDED: Record<string, string> = {
  '/v1/admin/thunder/stats': 'one entry per Thunder shard (THUNDER_SHARDS)',
  '/v1/admin/posts/outbox': 'one entry per post shard (POST_SHARDS)',
  '/v1/users/{id}/in-network': 'a Thunder fan-out result, capped at 1,200 and recomputed per call (limit)',
  '/v1/feed': 'a ranked feed: each call serves the next posts, recorded as served',
  '/v1/health': 'one entry per binding and probe kind',
  '/v1/posts/{id}': 'one post; its arrays (media) are bounded by the post limits',
  '/v1/admin/world-clock': "the clock's state; lastPostIds holds what one tick created",
  '/v1/admin/grox/stats':
    'recentLabels holds the newest 50 labels; the rest are per-stream/plan/task counters',
  '/v1/admin/grox/posts/{id}': "one post's sink writes: at most one per sink (the first write wins)",
}

const schemaNode = z.looseObject({
  type: z.string().optional(),
  properties: z.record(z.string(), z.looseObject({ type: z.unknown().optional() })).optional(),
})
const operation = z.looseObject({
  parameters: z.array(z.looseObject({ name: z.string(), in: z.string() })).optional(),
  responses: z.record(z.string(), z.looseObject({ content: z.unknown().optional() })),
})
const docSchema = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) })

function okSchema(op: z.infer<typeof operation>) {
  const content = z
    .object({ 'application/json': z.object({ schema: schemaNode }) })
    .safeParse(op.responses['200']?.content)
  return content.success ? content.data['application/json'].schema : undefined
}

describe('paged lists in the published document', () => {
  it('every growing list takes limit and cursor and answers nextCursor', async () => {
    const doc = docSchema.parse((await call('GET', '/v1/openapi.json')).body)
    const paged: string[] = []
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (ops.get === undefined) continue
      const op = operation.parse(ops.get)
      const props = okSchema(op)?.properties ?? {}
      const hasArray = Object.values(props).some((p) => p.type === 'array')
      if (!hasArray || path in BOUNDED) continue
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
      expect(query, path).toEqual(expect.arrayContaining(['limit', 'cursor']))
      expect(Object.keys(props), path).toContain('nextCursor')
      paged.push(path)
    }
    expect(paged).toEqual(
      expect.arrayContaining([
        '/v1/admin/dead-letters',
        '/v1/users/{id}/blocks',
        '/v1/users/{id}/engagements',
        '/v1/users/{id}/following',
        '/v1/users/{id}/muted-keywords',
        '/v1/users/{id}/mutes',
      ]),
    )
  })
})
