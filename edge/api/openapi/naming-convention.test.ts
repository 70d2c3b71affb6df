// One convention across the public routes: ids are decimal strings named `id` (the resource itself) or
// `<role>Id` (a reference), and every time is epoch milliseconds (a number), never an ISO string.
import { describe, expect, it } from 'vitest'
import { call } from '../api.fixtures'

type Schema = { type?: string; format?: string; properties?: Record<string, Schema> }

/** Every (property name, schema) pair anywhere in the document. */
function properties(node: unknown, out: [string, Schema][] = []): [string, Schema][] {
  if (Array.isArray(node)) for (const item of node) properties(item, out)
  else if (typeof node === 'object' && node !== null) {
    const props = (node as Schema).properties
    if (props !== undefined) for (const [name, schema] of Object.entries(props)) out.push([name, schema])
    for (const value of Object.values(node)) properties(value, out)
  }
  return out
}

const TIME_NAME = /(At|AtMs|^time|^nowMs)$/
const ID_NAME = /(^id|Id)$/

describe('naming convention of the published document', () => {
  it('publishes every time as an epoch-ms number and no date-time strings', async () => {
    const doc = (await call('GET', '/v1/openapi.json')).body
    const props = properties(doc)
    expect(props.length).toBeGreaterThan(50)
    for (const [name, schema] of props) {
      expect(schema.format, name).not.toBe('date-time')
      if (TIME_NAME.test(name)) expect(['integer', 'number'], name).toContain(schema.type)
    }
    expect(JSON.stringify(doc)).not.toMatch(/date-time/)
  })

  it('names ids `id` or `<role>Id`, always strings', async () => {
    const doc = (await call('GET', '/v1/openapi.json')).body
    for (const [name, schema] of properties(doc)) {
      expect(name, 'no ID / _id spellings').not.toMatch(/ID$|_id$/)
      if (ID_NAME.test(name)) expect(schema.type, name).toBe('string')
    }
  })
})
