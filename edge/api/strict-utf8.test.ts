// Request bodies are decoded strictly: bytes that are not well-formed UTF-8 are a 400 naming the field they
// sit in (or `body`), on every route, instead of being stored as U+FFFD.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ADMIN, call, failure, newUser } from './api.fixtures'
import { invalidUtf8Field } from './strict-utf8'

const utf8 = (s: string) => new TextEncoder().encode(s)
/** JSON text with raw bytes spliced in where `@` stands. */
function withBytes(json: string, bytes: number[]): Uint8Array {
  const [before = '', after = ''] = json.split('@')
  return new Uint8Array([...utf8(before), ...bytes, ...utf8(after)])
}

// The bytes from the report: 0xFF and 0xFE never occur in UTF-8; ED A0 80 encodes a lone surrogate.
const REPORTED = [0xff, 0xfe, 0xed, 0xa0, 0x80]

describe('invalidUtf8Field', () => {
  it('passes well-formed UTF-8, including a literally encoded U+FFFD and 4-byte characters', () => {
    for (const json of [
      '{}',
      '{"text":"plain"}',
      '{"text":"a\uFFFDb 😀 ü € 𝄞"}',
      '[1,"x"]',
      '"\u07FF\uFFFF"',
    ])
      expect(invalidUtf8Field(utf8(json))).toBeUndefined()
  })

  const cases: [string, string, number[], string][] = [
    ['the reported bytes in a string', '{"text":"a@b"}', REPORTED, 'text'],
    ['a nested array entry', '{"media":[{"type":"image"},{"type":"@"}]}', [0xff], 'media.1.type'],
    ['an overlong encoding of "/"', '{"a":1,"displayName":"@"}', [0xc0, 0xaf], 'displayName'],
    ['a lone surrogate', '{"keywords":["ok","@"]}', [0xed, 0xa0, 0x80], 'keywords.1'],
    ['a code point above U+10FFFF', '{"text":"@"}', [0xf4, 0x90, 0x80, 0x80], 'text'],
    ['a truncated sequence', '{"text":"@"}', [0xe2, 0x82], 'text'],
    ['a lone continuation byte', '{"text":"@"}', [0x80], 'text'],
    ['a byte that never occurs', '{"text":"@"}', [0xf5], 'text'],
    ['a key', '{"te@xt":"x"}', [0xff], 'body'],
    ['a nested key', '{"viewer":{"i@d":"x"}}', [0xff], 'viewer'],
    ['the structure outside any string', '{"text":"x"@}', [0xff], 'body'],
    ['the end of the body', '{"text":"x"}@', [0xe2], 'body'],
    ['a top-level string', '"@"', [0xff], 'body'],
  ]
  it.each(cases)('names the field for %s', (_name, json, bytes, field) => {
    expect(invalidUtf8Field(withBytes(json, bytes))).toBe(field)
  })
})

describe('strict UTF-8 at the API', () => {
  it('answers 400 naming the field instead of storing U+FFFD (POST /v1/posts)', async () => {
    const a = await newUser()
    const res = await call('POST', '/v1/posts', {
      token: a.token,
      raw: withBytes('{"text":"hello @ world","language":"en"}', REPORTED),
      headers: { 'content-type': 'application/json' },
    })
    expect(failure(res)).toEqual({ status: 400, code: 'invalid_utf8', field: 'text' })
  })

  it('answers 400 on every operation with a request body in the published document', async () => {
    const doc = z
      .object({
        paths: z.record(z.string(), z.record(z.string(), z.object({ requestBody: z.unknown().optional() }))),
      })
      .parse((await call('GET', '/v1/openapi.json')).body)
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.requestBody !== undefined)
        .map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, '1') })),
    )
    expect(operations.length).toBeGreaterThan(10)
    const answers = await Promise.all(
      operations.map(async ({ method, path }) => {
        const res = await call(method, path, {
          token: ADMIN,
          raw: withBytes('{"someField":"@"}', REPORTED),
          headers: { 'content-type': 'application/json' },
        })
        return { route: `${method} ${path}`, ...failure(res) }
      }),
    )
    for (const answer of answers)
      expect(answer).toEqual({ route: answer.route, status: 400, code: 'invalid_utf8', field: 'someField' })
  })
})
