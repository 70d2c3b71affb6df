// The API's routes as one chained expression, so TypeScript carries every route's input and output types
// (createApp in app.ts mounts in statements, which do not). Nothing at run time uses it: `npm run
// types:client` emits its declaration into web/src/api/edge-routes.generated.d.ts for Hono's typed client,
// and app-routes-typed.test.ts fails when it and createApp mount different routes.
import { OpenAPIHono } from '@hono/zod-openapi'
import { groxRoutes } from './admin/grox-routes'
import { ingestRoutes } from './admin/ingest-routes'
import { opsRoutes } from './admin/ops-routes'
import { worldClockRoutes } from './admin/world-clock-routes'
import { authRoutes } from './auth-routes'
import { feedRoutes } from './feed/feed-routes'
import { healthRoutes } from './health-routes'
import { postRoutes } from './posts/post-routes'
import { activityRoutes } from './users/activity-routes'
import { followRequestRoutes } from './users/follow-request-routes'
import { keywordRoutes } from './users/keyword-routes'
import { profileRoutes } from './users/profile-routes'
import { allRelationRoutes } from './users/relation-routes'

const [following, blocks, mutes] = allRelationRoutes

export const typedRoutes = () =>
  new OpenAPIHono()
    .route('/v1/health', healthRoutes)
    .route('/v1', authRoutes)
    .route('/v1/posts', postRoutes)
    .route('/v1/users', profileRoutes)
    .route('/v1/users', following!)
    .route('/v1/users', blocks!)
    .route('/v1/users', mutes!)
    .route('/v1/users', followRequestRoutes)
    .route('/v1/users', keywordRoutes)
    .route('/v1/users', activityRoutes)
    .route('/v1/admin', ingestRoutes)
    .route('/v1/admin', opsRoutes)
    .route('/v1/admin', groxRoutes)
    .route('/v1/admin', worldClockRoutes)
    .route('/v1', feedRoutes)
