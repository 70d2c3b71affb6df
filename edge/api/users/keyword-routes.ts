import {
  mutedKeywordsBody,
  mutedKeywordsPageSchema,
  mutedKeywordsQuery,
  mutedKeywordsSchema,
  userIdParams,
} from '../../../shared/types/api/users.ts'
import { userNotFound } from '../../domain-error'
import { userState } from '../../users/user-state'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'
import { toPage } from '../pagination'

const get = defineRoute({
  method: 'get',
  path: '/{id}/muted-keywords',
  summary: "The user's muted keywords, a page at a time",
  callers: ['admin', 'self'],
  request: { params: userIdParams, query: mutedKeywordsQuery },
  responses: { 200: jsonContent(mutedKeywordsPageSchema, 'Keywords, lowercased and sorted') },
})

const put = defineRoute({
  method: 'put',
  path: '/{id}/muted-keywords',
  summary: 'Replace the muted keywords (matched case-insensitively)',
  callers: ['admin', 'self'],
  request: {
    params: userIdParams,
    body: jsonBody(mutedKeywordsBody),
  },
  responses: { 200: jsonContent(mutedKeywordsSchema, 'The stored keywords') },
})

export const keywordRoutes = newApi()
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const { limit, cursor } = c.req.valid('query')
    const rows = await userState(c.env, id).mutedKeywordPage(limit + 1, cursor?.[0])
    if (rows === null) throw userNotFound(id)
    const page = toPage(rows, limit, 'muted-keywords', (k) => [k])
    return c.json({ keywords: page.rows, nextCursor: page.nextCursor }, 200)
  })
  .openapi(put, async (c) => {
    const { id } = c.req.valid('param')
    const keywords = await userState(c.env, id).setMutedKeywords(c.req.valid('json').keywords)
    if (keywords === null) throw userNotFound(id)
    return c.json({ keywords }, 200)
  })
