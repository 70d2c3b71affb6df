// Read paths × relationships, through the public API: a single read, the batch lookup, the in-network
// listing and the For You candidates (Thunder for followed authors, retrieval for the others).
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { PHOENIX_CONFIG } from '../../shared/phoenix/config.ts'
import { feedCandidatesResponse } from '../../shared/types/api/feed.ts'
import { lookupPostsResponse, postViewSchema } from '../../shared/types/api/posts.ts'
import { inNetworkResponse } from '../../shared/types/api/thunder.ts'
import { ADMIN, call, eventually, failure } from '../api/api.fixtures'
import { retrievalIndex } from '../retrieval/retrieval-index'
import { type Arranged, arrange, SCENARIOS, witnessOf } from './visibility.fixtures'

let arranged: Arranged[] = []
const embedding = Array.from({ length: PHOENIX_CONFIG.retrievalDim }, (_, i) => (i === 0 ? 1 : 0))

const inNetworkIds = async (userId: string, token: string) => {
  const res = await call('GET', `/v1/users/${userId}/in-network`, { token })
  return inNetworkResponse.parse(res.body).posts.map((p) => p.postId)
}

const candidatesOf = async (viewerId: string) => {
  const res = await call('POST', '/v1/feed/candidates', {
    token: ADMIN,
    body: { viewerId, userEmbedding: embedding },
  })
  expect(res.status, res.text).toBe(200)
  return feedCandidatesResponse.parse(res.body).candidates
}

beforeAll(async () => {
  arranged = await arrange(SCENARIOS)
  const witness = await witnessOf(arranged)
  // Posts reach Thunder and the retrieval index through the ingest queue: wait until the witness sees all.
  const all = arranged.map((a) => a.postId)
  const seen = await eventually(
    () => inNetworkIds(witness.id, witness.token),
    (ids) => all.every((id) => ids.includes(id)),
    20_000,
  )
  expect(all.filter((id) => !seen.includes(id))).toEqual([])
  // Grox's post-embedding plan writes the retrieval index asynchronously: wait for every post's embedding.
  const embedded = await eventually(
    async () => (await retrievalIndex(env).embeddings(all)).size,
    (n) => n === all.length,
    60_000,
  )
  expect(embedded).toBe(all.length)
}, 150_000)

describe('read paths × relationships', () => {
  it.each(SCENARIOS.map((s) => [s.name, s]))('GET /v1/posts/{id}: %s', async (name) => {
    const a = arranged.find((x) => x.name === name)!
    const res = await call('GET', `/v1/posts/${a.postId}`, { token: a.viewerUser.token })
    if (a.read) expect(postViewSchema.parse(res.body).id).toBe(a.postId)
    else expect(failure(res)).toEqual({ status: 404, code: 'post_not_found', field: 'id' })
  })

  it.each(SCENARIOS.map((s) => [s.name, s]))('POST /v1/posts/lookup: %s', async (name) => {
    const a = arranged.find((x) => x.name === name)!
    const res = await call('POST', '/v1/posts/lookup', {
      token: a.viewerUser.token,
      body: { ids: [a.postId] },
    })
    const body = lookupPostsResponse.parse(res.body)
    expect(body.posts.map((p) => p.id)).toEqual(a.read ? [a.postId] : [])
    expect(body.missing).toEqual(a.read ? [] : [a.postId])
  })

  it.each(SCENARIOS.map((s) => [s.name, s]))('GET /v1/users/{id}/in-network: %s', async (name) => {
    const a = arranged.find((x) => x.name === name)!
    const ids = await inNetworkIds(a.viewerUser.id, a.viewerUser.token)
    expect(ids.includes(a.postId)).toBe(a.inNetwork)
  })

  it.each(SCENARIOS.map((s) => [s.name, s]))('For You candidates: %s', async (name) => {
    const a = arranged.find((x) => x.name === name)!
    const found = (await candidatesOf(a.viewerUser.id)).find((c) => c.postId === a.postId)
    expect(found !== undefined).toBe(a.feed)
    // Followed authors come from Thunder, the others from retrieval (the retrieval-sourced read path).
    if (found) expect(found.source).toBe(a.inNetwork ? 'thunder' : 'phoenix_retrieval')
  })

  it('the admin reads every post', async () => {
    const ids = arranged.map((a) => a.postId)
    const res = await call('POST', '/v1/posts/lookup', { token: ADMIN, body: { ids } })
    expect(lookupPostsResponse.parse(res.body).missing).toEqual([])
  })
})
