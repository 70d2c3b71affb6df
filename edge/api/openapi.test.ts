import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { call } from './api.fixtures'

const doc = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  components: z.object({ securitySchemes: z.object({ bearer: z.object({ scheme: z.literal('bearer') }) }) }),
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        summary: z.string(),
        description: z.string(),
        'x-callers': z.array(z.string()).min(1),
        responses: z.record(z.string(), z.unknown()),
      }),
    ),
  ),
})

describe('GET /v1/openapi.json', () => {
  it('publishes every operation with its callers, errors and the documented limits', async () => {
    const res = await call('GET', '/v1/openapi.json')
    expect(res.status).toBe(200)
    const spec = doc.parse(res.body)
    expect(spec.openapi).toBe('3.0.3')
    expect(spec.info.description).toContain('64 KiB')
    for (const [path, ops] of Object.entries(spec.paths)) {
      expect(path.startsWith('/v1/')).toBe(true)
      for (const op of Object.values(ops)) {
        expect(op.description).toMatch(/Callers: /)
        for (const status of ['400', '401', '403', '404', '409', '413'])
          expect(Object.keys(op.responses)).toContain(status)
      }
    }
    const create = spec.paths['/v1/posts']?.post
    expect(create?.['x-callers']).toEqual(['admin', 'user'])
  })
})
