// Every field a user can write through a self route, against one rule: the operator (admin token) may
// write every field; a user may write its own profile and activity, but not what billing or moderation
// decides (subscription tier, NSFW label) — those are 403 `admin_only` naming the field. The table must
// list exactly the fields the published OpenAPI document gives each self route's body.
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ADMIN, call, failure, newPost, newUser, type TestUser, uniqueHandle } from '../api.fixtures'

type Writer = 'self' | 'admin only'
interface Ctx {
  postId: string
}
/** route ("METHOD /path"), field (nested array fields as `list[].field`), who may write it, a valid body. */
type Row = [route: string, field: string, writer: Writer, body: (ctx: Ctx) => Record<string, unknown>]

const PROFILE = 'PATCH /v1/users/{id}'
const KEYWORDS = 'PUT /v1/users/{id}/muted-keywords'
const ENGAGEMENTS = 'POST /v1/users/{id}/engagements'
const IMPRESSIONS = 'POST /v1/users/{id}/impressions'
const engagement = (ctx: Ctx, extra: Record<string, unknown> = {}) => ({
  engagements: [{ postId: ctx.postId, action: 'favorite', ...extra }],
})

const ROWS: Row[] = [
  [PROFILE, 'handle', 'self', () => ({ handle: uniqueHandle('w') })],
  [PROFILE, 'displayName', 'self', () => ({ displayName: 'Renamed' })],
  [PROFILE, 'protected', 'self', () => ({ protected: true })],
  [PROFILE, 'subscriptionTier', 'admin only', () => ({ subscriptionTier: 'premium_plus' })],
  [PROFILE, 'nsfw', 'admin only', () => ({ nsfw: true })],
  [KEYWORDS, 'keywords', 'self', () => ({ keywords: ['spoilers'] })],
  [ENGAGEMENTS, 'engagements', 'self', (ctx) => engagement(ctx)],
  [ENGAGEMENTS, 'engagements[].postId', 'self', (ctx) => engagement(ctx)],
  [ENGAGEMENTS, 'engagements[].action', 'self', (ctx) => engagement(ctx, { action: 'click' })],
  [ENGAGEMENTS, 'engagements[].at', 'self', (ctx) => engagement(ctx, { at: Date.now() })],
  [
    ENGAGEMENTS,
    'engagements[].dwellMs',
    'self',
    (ctx) => engagement(ctx, { action: 'dwell', dwellMs: 1500 }),
  ],
  [IMPRESSIONS, 'served', 'self', (ctx) => ({ served: [ctx.postId] })],
  [IMPRESSIONS, 'seen', 'self', (ctx) => ({ seen: [ctx.postId] })],
  [IMPRESSIONS, 'at', 'self', (ctx) => ({ seen: [ctx.postId], at: Date.now() - 1000 })],
]

const jsonSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.object({
    properties: z.record(z.string(), jsonSchema).optional(),
    items: jsonSchema.optional(),
    $ref: z.string().optional(),
  }),
)
type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; $ref?: string }
const operationSchema = z.object({
  'x-callers': z.array(z.string()),
  requestBody: z
    .object({ content: z.object({ 'application/json': z.object({ schema: jsonSchema }) }) })
    .optional(),
})
const documentSchema = z.object({
  paths: z.record(z.string(), z.record(z.string(), operationSchema)),
  components: z.object({ schemas: z.record(z.string(), jsonSchema).optional() }).optional(),
})

/** Top-level body fields, plus the fields of objects inside top-level arrays as `list[].field`. */
function writableFields(schema: JsonSchema, refs: Record<string, JsonSchema>): string[] {
  const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? (refs[s.$ref.split('/').at(-1) ?? ''] ?? s) : s)
  return Object.entries(resolve(schema).properties ?? {}).flatMap(([name, prop]) => {
    const items = resolve(prop).items
    const nested = items === undefined ? [] : Object.keys(resolve(items).properties ?? {})
    return [name, ...nested.map((n) => `${name}[].${n}`)]
  })
}

let ctx: Ctx
let published: Map<string, string[]>

beforeAll(async () => {
  const doc = documentSchema.parse((await call('GET', '/v1/openapi.json')).body)
  const refs = doc.components?.schemas ?? {}
  published = new Map()
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content['application/json'].schema
      if (op['x-callers'].includes('self') && body !== undefined)
        published.set(`${method.toUpperCase()} ${path}`, writableFields(body, refs).sort())
    }
  ctx = { postId: (await newPost(await newUser())).id }
})

describe('fields writable through self routes', () => {
  it('the table lists exactly the body fields the document publishes for each self route', () => {
    const listed = new Map<string, string[]>()
    for (const [route, field] of ROWS) listed.set(route, [...(listed.get(route) ?? []), field])
    expect(Object.fromEntries([...listed].map(([r, f]) => [r, f.sort()]))).toEqual(
      Object.fromEntries(published),
    )
  })

  const send = (route: string, user: TestUser, token: string, body: Record<string, unknown>) => {
    const [method = '', path = ''] = route.split(' ')
    return call(method, path.replace('{id}', user.id), { token, body })
  }

  it.each(ROWS)('%s %s: writable by %s', async (route, field, writer, body) => {
    const user = await newUser()
    const asSelf = await send(route, user, user.token, body(ctx))
    if (writer === 'self') expect(asSelf.status, asSelf.text).toBeLessThan(300)
    else expect(failure(asSelf)).toEqual({ status: 403, code: 'admin_only', field })
    const asAdmin = await send(route, user, ADMIN, body(ctx))
    expect(asAdmin.status, asAdmin.text).toBeLessThan(300)
  })

  it('an operator-only field fails the whole patch: nothing is applied', async () => {
    const user = await newUser()
    const res = await send(PROFILE, user, user.token, { displayName: 'Paid', subscriptionTier: 'premium' })
    expect(failure(res)).toEqual({ status: 403, code: 'admin_only', field: 'subscriptionTier' })
    const after = await call('GET', `/v1/users/${user.id}`, { token: user.token })
    expect(after.body).toMatchObject({ displayName: `User ${user.handle}`, subscriptionTier: 'none' })
  })
})
