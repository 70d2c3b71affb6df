// Oversized bodies without a Content-Length (chunked): 413 with a JSON body, and the body is read to its end
// rather than cancelled, so the client's keep-alive connection stays usable (a cancelled body left the next
// request on the connection unanswered in wrangler dev).
import { describe, expect, it } from 'vitest'
import { BASE, errorOf, fetchWorker, newUser } from './api.fixtures'

const CHUNK = 64 * 1024

/** A streamed body of `chunks` chunks that records how much was read and whether it was cancelled. */
function trackedStream(chunks: number) {
  const seen = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) return controller.close()
      seen.pulled++
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20))
    },
    cancel() {
      seen.cancelled = true
    },
  })
  return { stream, seen }
}

async function send(path: string, body: ReadableStream<Uint8Array>, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  const res = await fetchWorker(new Request(`${BASE}${path}`, { method: 'POST', headers, body }))
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as unknown, text }
}

describe('chunked bodies over the limit', () => {
  it('answer 413 with a JSON error after reading the whole body (outer 1 MiB bound)', async () => {
    const { stream, seen } = trackedStream(32) // 2 MiB
    const res = await send('/v1/admin/ingest/posts', stream)
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(errorOf({ ...res })).toMatchObject({ code: 'payload_too_large' })
    expect(seen).toEqual({ pulled: 32, cancelled: false })
  })

  it('answer 413 on a user route (64 KiB) and read the body to its end', async () => {
    const a = await newUser()
    const { stream, seen } = trackedStream(4) // 256 KiB
    const res = await send('/v1/posts', stream, a.token)
    expect(res.status).toBe(413)
    expect(errorOf({ ...res }).code).toBe('payload_too_large')
    expect(seen).toEqual({ pulled: 4, cancelled: false })
  })
})
