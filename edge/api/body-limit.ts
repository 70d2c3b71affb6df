import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from './errors'
import { invalidUtf8Field } from './strict-utf8'

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `request body exceeds ${maxBytes} bytes`)
}

/**
 * Beyond this many bytes an oversized body is cancelled rather than drained: Cloudflare refuses larger request
 * bodies before they reach a Worker (100 MB on Free and Pro plans), so in production every body is drained.
 */
export const DRAIN_MAX_BYTES = 100 * 1024 * 1024

/**
 * Reads and drops the rest of an oversized body (up to DRAIN_MAX_BYTES in all), so the 413 is answered after
 * the request is complete and the client's keep-alive connection stays usable; a larger one is cancelled.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, read: number): Promise<void> {
  let total = read
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      total += value.byteLength
      if (total > DRAIN_MAX_BYTES) break
    }
    await reader.cancel()
  } catch {
    // The client went away: nothing left to drain.
  }
}

/**
 * 413 for a body over `maxBytes`: first by the declared content-length, then by the bytes actually read
 * (a missing or understated length does not get a larger body through). Then 400 `invalid_utf8` naming the
 * field when the bytes are not well-formed UTF-8 (decoding would turn them into U+FFFD). The body is
 * buffered for the handlers that follow.
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
        await discardRest(reader, size)
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
    const badField = invalidUtf8Field(buffer)
    if (badField !== undefined)
      throw new ApiError(400, 'invalid_utf8', 'request body is not well-formed UTF-8', badField)
    c.req.raw = new Request(c.req.raw, { body: buffer })
    await next()
  }
}
