import type { HealthLedger } from './health/health-ledger'
import type { EdgeEvent } from './queue/events'

/** Bindings declared in wrangler.toml. Keep the two in step. */
export interface Env {
  ENVIRONMENT: string
  HEALTH_LEDGER: DurableObjectNamespace<HealthLedger>
  EVENTS: Queue<EdgeEvent>
}

/** Hono environment shared by every route and middleware. */
export type AppEnv = {
  Bindings: Env
  Variables: { requestId: string }
}

type WorkerEnv = Env

declare global {
  // Types `env` from "cloudflare:workers" (used by tests and by code outside a request).
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
