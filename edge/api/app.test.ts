import { SELF } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { HTTPException } from 'hono/http-exception'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp } from './app'
import { ApiError } from './errors'

const BASE = 'https://edge.test'
// POST /v1/health/probes is admin-only.
const adminAuth = { authorization: `Bearer ${env.ADMIN_TOKEN}` }

async function errorOf(res: Response): Promise<{ code: string; message: string; field?: string }> {
  const body: { error: { code: string; message: string; field?: string } } = await res.json()
  return body.error
}

describe('edge app', () => {
  afterEach(() => vi.restoreAllMocks())

  it('GET /v1/health reports service identity and time', async () => {
    const res = await SELF.fetch(`${BASE}/v1/health`)
    expect(res.status).toBe(200)
    const body: Record<string, unknown> = await res.json()
    expect(body).toEqual({
      ok: true,
      service: 'for-you-edge',
      environment: 'dev',
      time: expect.any(Number),
      version: '0.1.0',
    })
    // Epoch ms, like every time in the API.
    expect(Number.isInteger(body.time)).toBe(true)
    expect(Math.abs(Number(body.time) - Date.now())).toBeLessThan(60_000)
  })

  it('refuses anonymous health probes: each one writes a queue message and ledger state', async () => {
    const res = await SELF.fetch(`${BASE}/v1/health/probes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(res.status).toBe(401)
  })

  it('echoes a sane x-request-id and mints one otherwise', async () => {
    const echoed = await SELF.fetch(`${BASE}/v1/health`, { headers: { 'x-request-id': 'req-123.abc' } })
    expect(echoed.headers.get('x-request-id')).toBe('req-123.abc')

    const minted = await SELF.fetch(`${BASE}/v1/health`)
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)

    const rejected = await SELF.fetch(`${BASE}/v1/health`, {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    })
    expect(rejected.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const tooLong = await SELF.fetch(`${BASE}/v1/health`, { headers: { 'x-request-id': 'a'.repeat(65) } })
    expect(tooLong.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers unknown routes with a JSON 404', async () => {
    const res = await SELF.fetch(`${BASE}/v1/nope`)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect((await errorOf(res)).code).toBe('not_found')
  })

  it('rejects malformed JSON with 400 invalid_json', async () => {
    const res = await SELF.fetch(`${BASE}/v1/health/probes`, {
      method: 'POST',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: '{"note": ',
    })
    expect(res.status).toBe(400)
    expect((await errorOf(res)).code).toBe('invalid_json')
  })

  it('rejects a non-JSON body with 415 instead of ignoring it', async () => {
    const res = await SELF.fetch(`${BASE}/v1/health/probes`, {
      method: 'POST',
      headers: { ...adminAuth, 'content-type': 'text/plain' },
      body: 'hello',
    })
    expect(res.status).toBe(415)
    expect((await errorOf(res)).code).toBe('unsupported_media_type')
  })

  it('names the failing field when the note is too long', async () => {
    const res = await SELF.fetch(`${BASE}/v1/health/probes`, {
      method: 'POST',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'x'.repeat(201) }),
    })
    expect(res.status).toBe(400)
    const error = await errorOf(res)
    expect(error.code).toBe('invalid_request')
    expect(error.field).toBe('note')
  })

  it('names field "id" for a malformed probe id', async () => {
    const res = await SELF.fetch(`${BASE}/v1/health/probes/not-a-uuid`)
    expect(res.status).toBe(400)
    expect((await errorOf(res)).field).toBe('id')
  })

  it('turns unexpected errors into an opaque 500 carrying the request id', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = createApp()
    app.get('/v1/boom', () => {
      throw new Error('secret database detail')
    })
    const res = await app.request('/v1/boom', { headers: { 'x-request-id': 'boom-1' } }, env)
    expect(res.status).toBe(500)
    expect(res.headers.get('x-request-id')).toBe('boom-1')
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal', message: 'internal error', requestId: 'boom-1' },
    })
    expect(text).not.toContain('secret')
    expect(text).not.toContain('at ')
    expect(logged).toHaveBeenCalledOnce()
    expect(String(logged.mock.calls[0]?.[0])).toContain('boom-1')
  })

  it('maps HTTPExceptions and ApiErrors to their status with a stable code', async () => {
    const app = createApp()
    app.get('/v1/forbidden', () => {
      throw new HTTPException(403, { message: 'nope' })
    })
    app.get('/v1/conflict', () => {
      throw new ApiError(409, 'probe_exists', 'already there', 'id')
    })
    const forbidden = await app.request('/v1/forbidden', {}, env)
    expect(forbidden.status).toBe(403)
    expect(await forbidden.json()).toEqual({ error: { code: 'forbidden', message: 'nope' } })
    const conflict = await app.request('/v1/conflict', {}, env)
    expect(conflict.status).toBe(409)
    expect(await conflict.json()).toEqual({
      error: { code: 'probe_exists', message: 'already there', field: 'id' },
    })
  })
})
