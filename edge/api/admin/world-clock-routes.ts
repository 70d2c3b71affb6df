// POST/GET /v1/admin/world-clock: turn the synthetic world's clock on or off, set its rate, read its state.
import { worldClock } from '../../world-clock/world-clock'
import { worldClockBody, worldClockStatus } from '../../world-clock/world-clock-schema'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'

const configure = defineRoute({
  method: 'post',
  path: '/world-clock',
  summary: "Turn the world clock on or off and set its rate (synthetic users' posts per minute)",
  description:
    'While enabled, every 10 s the clock creates ratePerMinute / 6 posts (fractions carry over) by users of ' +
    'recent posts, through the same path as POST /v1/posts, and about four engagements per post. ' +
    'Deterministic for a seed and the posts it sees.',
  callers: ['admin'],
  request: { body: jsonBody(worldClockBody) },
  responses: { 200: jsonContent(worldClockStatus, 'The clock after the change') },
})

const status = defineRoute({
  method: 'get',
  path: '/world-clock',
  summary: 'The world clock: on or off, rate, ticks and what it created',
  callers: ['admin'],
  responses: { 200: jsonContent(worldClockStatus, 'The clock') },
})

export const worldClockRoutes = newApi()
  .openapi(configure, async (c) => c.json(await worldClock(c.env).configure(c.req.valid('json')), 200))
  .openapi(status, async (c) => c.json(await worldClock(c.env).status(), 200))
