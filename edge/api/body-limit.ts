import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from './errors'

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `request body exceeds ${maxBytes} bytes`)
}

/**
 * 413 for a body over `maxBytes`: first by the declared content-length, then by the bytes actually read
 * (a missing or understated length does not get a larger body through). The body is buffered for the
 * handlers that follow.
 */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async function limitRequestBody(c, next) {
    const declared = c.req.header('content-length')
    if (declared !== undefined && !(Number(declared) <= maxBytes)) throw tooLarge(maxBytes)
    const body = c.req.raw.body
    // GET and HEAD bodies are never read, and a Request with one cannot be rebuilt.
    if (body === null || c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        await reader.cancel().catch(() => {})
        throw tooLarge(maxBytes)
      }
      chunks.push(value)
    }
    const buffer = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      buffer.set(chunk, offset)
      offset += chunk.byteLength
    }
    c.req.raw = new Request(c.req.raw, { body: buffer })
    await next()
  }
}
