// Unknown query keys are refused the same way on every documented operation: 400 `invalid_request` naming
// the key, whether the route declares a query (a strict schema) or none (define-route's rejectQuery).
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ADMIN, call } from '../api.fixtures'

const docSchema = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) })
const errorsSchema = z.object({
  errors: z.array(z.object({ code: z.string(), field: z.string().optional() })),
})

describe('unknown query keys', () => {
  it('are a 400 naming the key on every operation, before anything runs', async () => {
    const doc = docSchema.parse((await call('GET', '/v1/openapi.json')).body)
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, '1'),
      })),
    )
    expect(operations.length).toBeGreaterThan(30)
    for (const { method, path } of operations) {
      const res = await call(method, `${path}?zzz=1`, { token: ADMIN })
      expect(res.status, `${method} ${path}`).toBe(400)
      const { errors } = errorsSchema.parse(res.body)
      expect(errors, `${method} ${path}`).toContainEqual({ code: 'invalid_request', field: 'zzz' })
    }
  })
})
