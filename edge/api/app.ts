import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { handleError, notFound } from './errors'
import { healthRoutes } from './health-routes'
import { requestId } from './request-id'

/** Builds a fresh app; tests use it to mount extra routes without touching production. */
export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requestId)
  app.route('/v1/health', healthRoutes)
  app.notFound(notFound)
  app.onError(handleError)
  return app
}

export const app = createApp()
