import { OpenAPIHono } from '@hono/zod-openapi'
import { LIMITS } from '../../shared/types/api/limits.ts'
import type { AppEnv } from '../env'
import { ingestRoutes } from './admin/ingest-routes'
import { opsRoutes } from './admin/ops-routes'
import { authRoutes } from './auth-routes'
import { limitBody } from './body-limit'
import { handleError, notFound, validationHook } from './errors'
import { feedRoutes } from './feed/feed-routes'
import { healthRoutes } from './health-routes'
import { postRoutes } from './posts/post-routes'
import { requestId } from './request-id'
import { activityRoutes } from './users/activity-routes'
import { keywordRoutes } from './users/keyword-routes'
import { profileRoutes } from './users/profile-routes'
import { allRelationRoutes } from './users/relation-routes'

export const API_VERSION = '1.0.0'

const API_DESCRIPTION = [
  'JSON over HTTPS. Ids are 64-bit integers as decimal strings. Errors: {"error": {code, message, field?}}.',
  `Limits: request bodies ${LIMITS.bodyBytes / 1024} KiB (admin ingest ${LIMITS.adminBodyBytes / 1024 / 1024} MiB) -> 413;`,
  `post text ${LIMITS.postTextChars} characters, ${LIMITS.mediaPerPost} media, videos up to 4 h;`,
  `handles ${LIMITS.handleChars} characters, display names ${LIMITS.displayNameChars};`,
  `${LIMITS.mutedKeywords} muted keywords of ${LIMITS.mutedKeywordChars} characters;`,
  `${LIMITS.relationsPerKind} follows, blocks and mutes each; ${LIMITS.engagementBatch} engagements per batch,`,
  `history kept to the newest ${LIMITS.engagementHistory}; ${LIMITS.impressionBatch} impressions per call;`,
  `${LIMITS.postLookupIds} ids per post lookup; admin batches: ${LIMITS.adminAccountsBatch} accounts,`,
  `${LIMITS.adminPostsBatch} posts, ${LIMITS.adminFollowsBatch} follows, ${LIMITS.adminEngagementsBatch} engagements,`,
  `${LIMITS.adminThunderBatch} Thunder posts. Strings must be well-formed Unicode without control characters;`,
  'unknown fields are rejected.',
].join(' ')

/** Builds a fresh app; tests use it to mount extra routes without touching production. */
export function createApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use('*', requestId)
  // The outer bound for every route; user routes tighten it to LIMITS.bodyBytes.
  app.use('*', limitBody(LIMITS.adminBodyBytes))
  app.route('/v1/health', healthRoutes)
  app.route('/v1', authRoutes)
  app.route('/v1/posts', postRoutes)
  app.route('/v1/users', profileRoutes)
  for (const routes of allRelationRoutes) app.route('/v1/users', routes)
  app.route('/v1/users', keywordRoutes)
  app.route('/v1/users', activityRoutes)
  app.route('/v1/admin', ingestRoutes)
  app.route('/v1/admin', opsRoutes)
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
  app.notFound(notFound)
  app.onError(handleError)
  return app
}

export const app = createApp()
