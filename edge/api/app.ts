import { OpenAPIHono } from '@hono/zod-openapi'
import { LIMITS } from '../../shared/types/api/limits.ts'
import type { AppEnv } from '../env'
import { groxRoutes } from './admin/grox-routes'
import { ingestRoutes } from './admin/ingest-routes'
import { opsRoutes } from './admin/ops-routes'
import { worldClockRoutes } from './admin/world-clock-routes'
import { methodAwareNotFound, routeTable } from './allowed-methods'
import { authRoutes } from './auth-routes'
import { limitBody } from './body-limit'
import { handleError, notFound, validationHook } from './errors'
import { feedRoutes } from './feed/feed-routes'
import { healthRoutes } from './health-routes'
import { postRoutes } from './posts/post-routes'
import { limitWrites } from './rate-limit'
import { requestId } from './request-id'
import { activityRoutes } from './users/activity-routes'
import { followRequestRoutes } from './users/follow-request-routes'
import { keywordRoutes } from './users/keyword-routes'
import { profileRoutes } from './users/profile-routes'
import { allRelationRoutes } from './users/relation-routes'

export const API_VERSION = '1.0.0'

const API_DESCRIPTION = [
  'JSON over HTTPS. Ids are 64-bit integers as decimal strings; every time is epoch milliseconds.',
  'Errors: {"error": {code, message, field?}}; validation failures also list every issue in "errors".',
  `Limits: request bodies ${LIMITS.bodyBytes / 1024} KiB (admin ingest ${LIMITS.adminBodyBytes / 1024 / 1024} MiB) -> 413;`,
  'text limits (maxLength) count Unicode code points;',
  `${LIMITS.relationsPerKind} follows, blocks and mutes each (409 limit_reached);`,
  `engagement history kept to the newest ${LIMITS.engagementHistory};`,
  `${LIMITS.impressionsPerKind} served and ${LIMITS.impressionsPerKind} seen ids kept per user, none older than 48 h;`,
  `client times at most ${LIMITS.futureSkewMs / 60_000} min in the future.`,
  'Every other limit is the maxLength, maxItems or maximum of its schema.',
  'Writes (POST, PUT, PATCH, DELETE) are rate-limited per user and per client address -> 429 with Retry-After.',
  'Strings must be well-formed Unicode without control characters; unknown fields are rejected.',
].join(' ')

/** Builds a fresh app; tests use it to mount extra routes without touching production. */
export function createApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use('*', requestId)
  app.use('*', limitWrites)
  // The outer bound for every route; user routes tighten it to LIMITS.bodyBytes.
  app.use('*', limitBody(LIMITS.adminBodyBytes))
  app.route('/v1/health', healthRoutes)
  app.route('/v1', authRoutes)
  app.route('/v1/posts', postRoutes)
  app.route('/v1/users', profileRoutes)
  for (const routes of allRelationRoutes) app.route('/v1/users', routes)
  app.route('/v1/users', followRequestRoutes)
  app.route('/v1/users', keywordRoutes)
  app.route('/v1/users', activityRoutes)
  app.route('/v1/admin', ingestRoutes)
  app.route('/v1/admin', opsRoutes)
  app.route('/v1/admin', groxRoutes)
  app.route('/v1/admin', worldClockRoutes)
  app.route('/v1', feedRoutes)
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'The admin token, or a signed user token from /v1/admin/tokens or /v1/auth/dev-login',
  })
  app.doc('/v1/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'For You Edge API',
      version: API_VERSION,
      description: API_DESCRIPTION,
    },
  })
  // Built on first use: every route is registered by then.
  let routes: ReturnType<typeof routeTable> | undefined
  app.notFound(methodAwareNotFound(() => (routes ??= routeTable(app)), notFound))
  app.onError(handleError)
  return app
}

export const app = createApp()

/** The routes' types for Hono's typed client (`hc<AppType>`); every mount above is in app-routes-typed.ts too. */
export type AppType = ReturnType<typeof import('./app-routes-typed').typedRoutes>
