import { mutedKeywordsBody, mutedKeywordsSchema, userIdParams } from '../../../shared/types/api/users.ts'
import { userNotFound } from '../../domain-error'
import { userState } from '../../users/user-state'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'

const get = defineRoute({
  method: 'get',
  path: '/{id}/muted-keywords',
  summary: "The user's muted keywords",
  callers: ['admin', 'self'],
  request: { params: userIdParams },
  responses: { 200: jsonContent(mutedKeywordsSchema, 'Keywords, lowercased and sorted') },
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
    const keywords = await userState(c.env, id).getMutedKeywords()
    if (keywords === null) throw userNotFound(id)
    return c.json({ keywords }, 200)
  })
  .openapi(put, async (c) => {
    const { id } = c.req.valid('param')
    const keywords = await userState(c.env, id).setMutedKeywords(c.req.valid('json').keywords)
    if (keywords === null) throw userNotFound(id)
    return c.json({ keywords }, 200)
  })
