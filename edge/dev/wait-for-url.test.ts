import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { waitForUrl } from './wait-for-url.ts'

let server: Server | undefined
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())))

/** A server that answers after `delayMs` and records every request and every client that hung up early. */
function slowServer(delayMs: number, status = 200) {
  const seen = { requests: 0, abandoned: 0 }
  const created = createServer((_req, res) => {
    seen.requests++
    let closed = false
    res.on('close', () => {
      if (!res.writableFinished) closed = true
    })
    setTimeout(() => {
      if (closed) seen.abandoned++
      else res.writeHead(status).end('{}')
    }, delayMs)
  })
  server = created
  return new Promise<{ url: string; seen: typeof seen }>((done) =>
    created.listen(0, '127.0.0.1', () => {
      const { port } = created.address() as AddressInfo
      done({ url: `http://127.0.0.1:${port}/v1/health`, seen })
    }),
  )
}

describe('waitForUrl', () => {
  it('waits for a slow first answer instead of abandoning it and asking again', async () => {
    const { url, seen } = await slowServer(2500)
    expect(await waitForUrl(url, { deadline: Date.now() + 20_000 })).toBe(true)
    expect(seen).toEqual({ requests: 1, abandoned: 0 })
  })

  it('gives up at the deadline on a server that never answers 2xx', async () => {
    const { url, seen } = await slowServer(0, 503)
    expect(await waitForUrl(url, { deadline: Date.now() + 1_000, retryMs: 100 })).toBe(false)
    expect(seen.requests).toBeGreaterThan(1)
  })

  it('stops when told to stop waiting', async () => {
    const { url, seen } = await slowServer(0, 503)
    expect(await waitForUrl(url, { deadline: Date.now() + 20_000, keepWaiting: () => false })).toBe(false)
    expect(seen.requests).toBe(0)
  })
})
