// Every growing list pages the same way: ?limit (strict integer) and an opaque ?cursor over a total order,
// `nextCursor` null on the last page, unknown query keys and foreign or edited cursors 400 naming the key.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { deadLetterLog } from '../../ops/dead-letter-log'
import { ADMIN, call, failure, newPost, newUser, type TestUser } from '../api.fixtures'

const pageSchema = z.looseObject({ nextCursor: z.string().nullable() })

/** Walks a list with `limit`, returning each page's items (read by `items`) until nextCursor is null. */
async function walk(path: string, limit: number, items: (body: unknown) => unknown[], token = ADMIN) {
  const pages: unknown[][] = []
  let cursor: string | null = null
  do {
    const query: string = cursor === null ? `?limit=${limit}` : `?limit=${limit}&cursor=${cursor}`
    const res = await call('GET', `${path}${query}`, { token })
    expect(res.status, res.text).toBe(200)
    pages.push(items(res.body))
    cursor = pageSchema.parse(res.body).nextCursor
  } while (cursor !== null && pages.length < 50)
  return pages
}

const idsOf = (body: unknown) => z.object({ ids: z.array(z.string()) }).parse(body).ids
const keywordsOf = (body: unknown) => z.object({ keywords: z.array(z.string()) }).parse(body).keywords
const postIdsOf = (body: unknown) =>
  z
    .object({ engagements: z.array(z.object({ postId: z.string() })) })
    .parse(body)
    .engagements.map((e) => e.postId)

async function cursorOf(path: string, token = ADMIN): Promise<string> {
  const res = await call('GET', `${path}?limit=1`, { token })
  const cursor = pageSchema.parse(res.body).nextCursor
  if (cursor === null) throw new Error(`no second page at ${path}`)
  return cursor
}

async function followAll(user: TestUser, targets: TestUser[], kind = 'follows') {
  // One bulk call stores every edge with the same time, so the order must break ties.
  const body = { [kind]: targets.map((t) => [user.id, t.id]) }
  expect((await call('POST', `/v1/admin/ingest/${kind}`, { token: ADMIN, body })).status).toBe(200)
}

describe('engagement history pages', () => {
  it('reaches all 10 engagements sharing one timestamp, 3 at a time', async () => {
    const a = await newUser()
    const posts = await Promise.all(Array.from({ length: 10 }, () => newPost(a)))
    const at = Date.now()
    const engagements = posts.map((p) => ({ postId: p.id, action: 'click', at }))
    const sent = await call('POST', `/v1/users/${a.id}/engagements`, {
      token: a.token,
      body: { engagements },
    })
    expect(sent.body).toMatchObject({ added: 10 })
    const pages = await walk(`/v1/users/${a.id}/engagements`, 3, postIdsOf, a.token)
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1])
    // Same time: the later insert first, so the batch comes back in reverse.
    expect(pages.flat()).toEqual(posts.map((p) => p.id).reverse())
  })

  it('has no second page when the first holds everything', async () => {
    const a = await newUser()
    const res = await call('GET', `/v1/users/${a.id}/engagements?limit=5`, { token: a.token })
    expect(res.body).toEqual({ engagements: [], nextCursor: null })
  })
})

describe('relation and keyword pages', () => {
  it.each(['following', 'mutes', 'blocks'])('pages %s created in the same millisecond', async (kind) => {
    const a = await newUser()
    const targets = await Promise.all(Array.from({ length: 7 }, () => newUser()))
    if (kind === 'following') await followAll(a, targets)
    else for (const t of targets) await call('PUT', `/v1/users/${a.id}/${kind}/${t.id}`, { token: ADMIN })
    const pages = await walk(`/v1/users/${a.id}/${kind}`, 2, idsOf, a.token)
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1])
    expect(pages.flat().sort()).toEqual(targets.map((t) => t.id).sort())
  })

  it('pages muted keywords in keyword order', async () => {
    const a = await newUser()
    const keywords = ['delta', 'alpha', 'echo', 'charlie', 'bravo']
    await call('PUT', `/v1/users/${a.id}/muted-keywords`, { token: a.token, body: { keywords } })
    const pages = await walk(`/v1/users/${a.id}/muted-keywords`, 2, keywordsOf, a.token)
    expect(pages).toEqual([['alpha', 'bravo'], ['charlie', 'delta'], ['echo']])
  })
})

describe('dead letter pages', () => {
  it('reaches every dead letter recorded in the same millisecond, each once', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `dl-page-${i}-${crypto.randomUUID()}`)
    const entries = ids.map((id) => ({ id, queue: 'fye-post-ingest', reason: 'test', attempts: 6, body: {} }))
    await deadLetterLog(env).record(entries)
    const idsOfPage = (body: unknown) =>
      z
        .object({ deadLetters: z.array(z.object({ id: z.string() })) })
        .parse(body)
        .deadLetters.map((d) => d.id)
    const seen = (await walk('/v1/admin/dead-letters', 2, idsOfPage)).flat()
    expect(new Set(seen).size).toBe(seen.length)
    expect(ids.filter((id) => seen.includes(id))).toEqual(ids)
    const bad = await call('GET', '/v1/admin/dead-letters?cursor=abc&limit=2', { token: ADMIN })
    expect(failure(bad)).toEqual({ status: 400, code: 'invalid_request', field: 'cursor' })
    expect(failure(await call('GET', '/v1/admin/dead-letters?before=1', { token: ADMIN }))).toMatchObject({
      field: 'before',
    })
  })
})

describe('query rules, the same on every list', () => {
  const lists = ['engagements', 'following', 'blocks', 'mutes', 'muted-keywords']

  it.each(lists)('%s rejects unknown keys and non-integer limits, naming them', async (list) => {
    const a = await newUser()
    const path = `/v1/users/${a.id}/${list}`
    for (const key of ['before', 'page', 'offset']) {
      expect(failure(await call('GET', `${path}?${key}=1`, { token: a.token }))).toEqual({
        status: 400,
        code: 'invalid_request',
        field: key,
      })
    }
    for (const limit of ['0', '1e2', '-1', 'x', '100000'])
      expect(failure(await call('GET', `${path}?limit=${limit}`, { token: a.token }))).toMatchObject({
        status: 400,
        field: 'limit',
      })
  })

  it('refuses garbage, edited, re-spelled and foreign cursors with 400 naming cursor', async () => {
    const a = await newUser()
    const targets = await Promise.all([newUser(), newUser()])
    await followAll(a, targets)
    for (const t of targets) await call('PUT', `/v1/users/${a.id}/mutes/${t.id}`, { token: ADMIN })
    const following = await cursorOf(`/v1/users/${a.id}/following`)
    const json = atob(following.replace(/-/g, '+').replace(/_/g, '/'))
    const b64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    const bad = [
      'not*base64',
      '%3D%3D',
      b64url('not json'),
      b64url('{"at":1}'),
      b64url(json.replace('"following"', '"mutes"')), // another list's name
      b64url(json.replace(/,\d+,/, ',"1",')), // a position of the wrong type
      b64url(json.replace('[1,', '[2,')), // another version
    ]
    for (const cursor of bad) {
      const res = await call('GET', `/v1/users/${a.id}/following?cursor=${cursor}`, { token: a.token })
      expect(failure(res), cursor).toEqual({ status: 400, code: 'invalid_request', field: 'cursor' })
    }
    // A following cursor is not a mutes cursor.
    const foreign = await call('GET', `/v1/users/${a.id}/mutes?cursor=${following}`, { token: a.token })
    expect(failure(foreign)).toEqual({ status: 400, code: 'invalid_request', field: 'cursor' })
    // The untouched cursor still works.
    expect(
      (await call('GET', `/v1/users/${a.id}/following?cursor=${following}`, { token: a.token })).status,
    ).toBe(200)
  })
})
