// Handles, display names, post text and languages through the real routes in workerd (whose ICU decides
// the language rules here, not Node's).
import { describe, expect, it } from 'vitest'
import { postViewSchema } from '../../../shared/types/api/posts.ts'
import { userViewSchema } from '../../../shared/types/api/users.ts'
import { ADMIN, call, failure, newUser, uniqueHandle, uniqueId } from '../api.fixtures'

const createUser = (body: Record<string, unknown>) =>
  call('POST', '/v1/users', {
    token: ADMIN,
    body: { id: uniqueId(), handle: uniqueHandle(), displayName: 'Ann', ...body },
  })

describe('handles', () => {
  const reserved = [
    'admin',
    'root',
    'support',
    'XSupport',
    'TwitterSafety',
    'X',
    'ADMIN',
    'r00t',
    'X_Support',
  ]
  it.each(reserved)('%s cannot be registered or taken by a handle change', async (handle) => {
    expect(failure(await createUser({ handle }))).toEqual({
      status: 400,
      code: 'invalid_request',
      field: 'handle',
    })
    const a = await newUser()
    const patch = await call('PATCH', `/v1/users/${a.id}`, { token: a.token, body: { handle } })
    expect(failure(patch)).toEqual({ status: 400, code: 'invalid_request', field: 'handle' })
    // The admin token is held to the same rule on these routes.
    const byAdmin = await call('PATCH', `/v1/users/${a.id}`, { token: ADMIN, body: { handle } })
    expect(failure(byAdmin)).toEqual({ status: 400, code: 'invalid_request', field: 'handle' })
  })

  it('the operator creates its reserved accounts through the admin ingest', async () => {
    const id = uniqueId()
    const account = { id, handle: 'TwitterSafety', displayName: 'Twitter Safety', createdAt: Date.now() }
    const res = await call('POST', '/v1/admin/ingest/accounts', {
      token: ADMIN,
      body: { accounts: [account] },
    })
    expect(res.status, res.text).toBe(200)
    const got = await call('GET', '/v1/users/by-handle/twittersafety', { token: ADMIN })
    expect(userViewSchema.parse(got.body)).toMatchObject({ id, handle: 'TwitterSafety' })
  })
})

describe('display names', () => {
  const refused: [string, string][] = [
    ['a bidi override', 'Ann\u202Egnp.exe'],
    ['zero-width characters only', '\u200B\u200D'],
    ['U+3164 fillers', '\u3164\u3164'],
    ['a Cyrillic look-alike of admin', '\u0410dmin'],
    ['a verification mark', 'Ann ✔️'],
  ]
  it.each(refused)('refuses %s on create and on patch', async (_what, displayName) => {
    expect(failure(await createUser({ displayName }))).toEqual({
      status: 400,
      code: 'invalid_request',
      field: 'displayName',
    })
    const a = await newUser()
    const patch = await call('PATCH', `/v1/users/${a.id}`, { token: a.token, body: { displayName } })
    expect(failure(patch)).toEqual({ status: 400, code: 'invalid_request', field: 'displayName' })
  })

  it('stores the NFC form', async () => {
    const res = await createUser({ displayName: 'Zoe\u0308' })
    expect(res.status).toBe(201)
    expect(userViewSchema.parse(res.body).displayName).toBe('Zo\u00EB')
  })
})

describe('post text and language', () => {
  it.each([
    ['spaces', '     '],
    ['zero-width characters', '\u200B\u200C\u200D\u2060'],
    ['newlines and a filler', '\n\n\u3164\n'],
  ])('refuses text of only %s, naming text', async (_what, text) => {
    const a = await newUser()
    expect(failure(await call('POST', '/v1/posts', { token: a.token, body: { text } }))).toEqual({
      status: 400,
      code: 'invalid_request',
      field: 'text',
    })
  })

  it.each([
    ['en-US', 'en-US'],
    ['zh-Hant', 'zh-Hant'],
    ['EN-us', 'en-US'],
    ['iw', 'he'],
    ['und', 'und'],
  ])('takes language %s and stores %s', async (language, stored) => {
    const a = await newUser()
    const res = await call('POST', '/v1/posts', { token: a.token, body: { text: 'hi', language } })
    expect(res.status, res.text).toBe(201)
    expect(postViewSchema.parse(res.body).language).toBe(stored)
  })

  it.each(['zz', 'qqq', 'en_US', 'english'])('refuses language %s, naming language', async (language) => {
    const a = await newUser()
    expect(
      failure(await call('POST', '/v1/posts', { token: a.token, body: { text: 'hi', language } })),
    ).toEqual({
      status: 400,
      code: 'invalid_request',
      field: 'language',
    })
  })
})
