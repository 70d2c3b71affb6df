import { describe, expect, it } from 'vitest'
import { request } from './seed-http'

describe('seed request', () => {
  it('abandons a GET that never answers and sends it again', async () => {
    const calls: string[] = []
    const fetch = (input: string, init: RequestInit) => {
      calls.push(`${init.method} ${input}`)
      // The first GET hangs (as one held by wrangler's proxy) until the seeder's timeout aborts it.
      if (calls.length === 1)
        return new Promise<Response>((_, fail) =>
          init.signal?.addEventListener('abort', () => fail(init.signal?.reason)),
        )
      return Promise.resolve(Response.json({ totalPosts: 7 }))
    }
    const body = await request({ fetch, getTimeoutMs: 50 }, 'GET', 'http://edge/v1/admin/thunder/stats', 't')
    expect(body).toEqual({ totalPosts: 7 })
    expect(calls).toEqual([
      'GET http://edge/v1/admin/thunder/stats',
      'GET http://edge/v1/admin/thunder/stats',
    ])
  })

  it('does not time out a slow POST (ingest calls may take seconds on a busy runtime)', async () => {
    let signal: AbortSignal | null | undefined
    const fetch = (_input: string, init: RequestInit) => {
      signal = init.signal
      return new Promise<Response>((done) => setTimeout(() => done(Response.json({ added: 1 })), 120))
    }
    const body = await request(
      { fetch, getTimeoutMs: 50 },
      'POST',
      'http://edge/v1/admin/ingest/follows',
      't',
      {
        follows: [['1', '2']],
      },
    )
    expect(body).toEqual({ added: 1 })
    expect(signal).toBeUndefined()
  })
})
