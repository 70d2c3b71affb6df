import type { HealthLedger } from './health/health-ledger'
import type { DeadLetterLog } from './ops/dead-letter-log'
import type { PostStore } from './posts/post-store'
import type { EdgeEvent } from './queue/events'
import type { PostIngestEvent } from './queue/post-events'
import type { ThunderShard } from './thunder/thunder-shard'
import type { HandleRegistry } from './users/handle-registry'
import type { UserState } from './users/user-state'

/** Bindings declared in wrangler.toml (plus the two secrets). Keep the two in step. */
export interface Env {
  ENVIRONMENT: string
  THUNDER_SHARDS?: string
  POST_SHARDS?: string
  QUEUE_RETRY_BASE_DELAY_S?: string
  /** Secret: the admin bearer token (ingest, seeding, admin routes). */
  ADMIN_TOKEN?: string
  /** Secret: HMAC-SHA256 key for signed user tokens. */
  TOKEN_SECRET?: string
  HEALTH_LEDGER: DurableObjectNamespace<HealthLedger>
  USER_STATE: DurableObjectNamespace<UserState>
  HANDLE_REGISTRY: DurableObjectNamespace<HandleRegistry>
  POST_STORE: DurableObjectNamespace<PostStore>
  THUNDER_SHARD: DurableObjectNamespace<ThunderShard>
  DEAD_LETTERS: DurableObjectNamespace<DeadLetterLog>
  EVENTS: Queue<EdgeEvent>
  POST_INGEST: Queue<PostIngestEvent>
}

/** Who is calling, once `authorize` has checked the bearer token. */
export type Principal = { kind: 'admin' } | { kind: 'user'; userId: string }

/** Hono environment shared by every route and middleware. */
export type AppEnv = {
  Bindings: Env
  Variables: { requestId: string; principal?: Principal }
}

type WorkerEnv = Env

declare global {
  // Types `env` from "cloudflare:workers" (used by tests and by code outside a request).
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
