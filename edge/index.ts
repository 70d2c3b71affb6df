import { app } from './api/app'
import type { Env } from './env'
import { consumeEvents } from './queue/consume-events'

export { HealthLedger } from './health/health-ledger'

/** The single Worker entry: HTTP API plus the event queue consumer. */
export default {
  fetch: app.fetch,
  queue: consumeEvents,
} satisfies ExportedHandler<Env>
