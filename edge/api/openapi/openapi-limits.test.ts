// The published contract is the enforced one: every limit in LIMITS appears in /v1/openapi.json with its
// exact value, as a schema keyword where JSON Schema can say it, in the document's description otherwise.
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import { call } from '../api.fixtures'

type Doc = { info: { description: string }; paths: Record<string, unknown> }

/** Where a limit is published: schema keywords (paths into the document) or a phrase of the description. */
type Where = { at: (string | number)[][] } | { prose: string }

const MEDIA_TYPE = 'application/json'
const req = (path: string, method: string, ...rest: (string | number)[]) => [
  'paths',
  path,
  method,
  'requestBody',
  'content',
  MEDIA_TYPE,
  'schema',
  'properties',
  ...rest,
]

const WHERE: Record<keyof typeof LIMITS, Where> = {
  bodyBytes: { prose: `request bodies ${LIMITS.bodyBytes / 1024} KiB` },
  adminBodyBytes: { prose: `admin ingest ${LIMITS.adminBodyBytes / 1024 / 1024} MiB` },
  postTextChars: {
    at: [
      req('/v1/posts', 'post', 'text', 'maxLength'),
      req('/v1/admin/ingest/posts', 'post', 'posts', 'items', 'properties', 'text', 'maxLength'),
    ],
  },
  mediaPerPost: { at: [req('/v1/posts', 'post', 'media', 'maxItems')] },
  videoDurationMs: {
    at: [req('/v1/posts', 'post', 'media', 'items', 'oneOf', 0, 'properties', 'durationMs', 'maximum')],
  },
  handleChars: { at: [req('/v1/users', 'post', 'handle', 'maxLength')] },
  displayNameChars: {
    at: [
      req('/v1/users', 'post', 'displayName', 'maxLength'),
      req('/v1/users/{id}', 'patch', 'displayName', 'maxLength'),
    ],
  },
  mutedKeywords: { at: [req('/v1/users/{id}/muted-keywords', 'put', 'keywords', 'maxItems')] },
  mutedKeywordChars: { at: [req('/v1/users/{id}/muted-keywords', 'put', 'keywords', 'items', 'maxLength')] },
  relationsPerKind: { prose: `${LIMITS.relationsPerKind} follows, blocks and mutes each` },
  engagementBatch: { at: [req('/v1/users/{id}/engagements', 'post', 'engagements', 'maxItems')] },
  dwellMs: {
    at: [
      req('/v1/users/{id}/engagements', 'post', 'engagements', 'items', 'properties', 'dwellMs', 'maximum'),
    ],
  },
  engagementHistory: { prose: `history kept to the newest ${LIMITS.engagementHistory}` },
  impressionsPerKind: {
    prose: `${LIMITS.impressionsPerKind} served and ${LIMITS.impressionsPerKind} seen ids kept`,
  },
  impressionBatch: {
    at: [
      req('/v1/users/{id}/impressions', 'post', 'served', 'maxItems'),
      req('/v1/feed/served', 'post', 'servedIds', 'maxItems'),
    ],
  },
  postLookupIds: { at: [req('/v1/posts/lookup', 'post', 'ids', 'maxItems')] },
  adminAccountsBatch: {
    at: [
      req('/v1/admin/ingest/accounts', 'post', 'accounts', 'maxItems'),
      req('/v1/admin/ingest/users', 'post', 'accounts', 'maxItems'),
    ],
  },
  adminPostsBatch: { at: [req('/v1/admin/ingest/posts', 'post', 'posts', 'maxItems')] },
  adminFollowsBatch: {
    at: [
      req('/v1/admin/ingest/follows', 'post', 'follows', 'maxItems'),
      req('/v1/admin/ingest/users', 'post', 'follows', 'maxItems'),
    ],
  },
  adminEngagementsBatch: { at: [req('/v1/admin/ingest/engagements', 'post', 'engagements', 'maxItems')] },
  adminUsersEngagementsBatch: { at: [req('/v1/admin/ingest/users', 'post', 'engagements', 'maxItems')] },
  adminThunderBatch: { at: [req('/v1/admin/thunder/posts', 'post', 'posts', 'maxItems')] },
  tokenTtlDefaultS: { at: [req('/v1/admin/tokens', 'post', 'ttlSeconds', 'default')] },
  tokenTtlMaxS: { at: [req('/v1/admin/tokens', 'post', 'ttlSeconds', 'maximum')] },
  futureSkewMs: { prose: `${LIMITS.futureSkewMs / 60_000} min in the future` },
}

function valueAt(doc: unknown, path: readonly (string | number)[]): unknown {
  let node = doc
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string | number, unknown>)[key]
  }
  return node
}

describe('OpenAPI limits', () => {
  it('publishes every limit in LIMITS with the value the server enforces', async () => {
    const doc = (await call('GET', '/v1/openapi.json')).body as Doc
    for (const [name, where] of Object.entries(WHERE)) {
      const limit = LIMITS[name as keyof typeof LIMITS]
      if ('prose' in where) {
        expect(doc.info.description, name).toContain(where.prose)
        continue
      }
      for (const path of where.at) expect(valueAt(doc, path), `${name} at ${path.join('/')}`).toBe(limit)
    }
  })

  it('says that text limits count code points', async () => {
    const doc = (await call('GET', '/v1/openapi.json')).body as Doc
    const text = valueAt(doc, req('/v1/posts', 'post', 'text')) as { description?: string }
    expect(text.description).toMatch(/code points/)
  })

  it('documents the health routes', async () => {
    const doc = (await call('GET', '/v1/openapi.json')).body as Doc
    expect(Object.keys(valueAt(doc, ['paths', '/v1/health']) as object)).toEqual(['get'])
    expect(Object.keys(valueAt(doc, ['paths', '/v1/health/probes']) as object)).toEqual(['post'])
    expect(Object.keys(valueAt(doc, ['paths', '/v1/health/probes/{id}']) as object)).toEqual(['get'])
  })
})
