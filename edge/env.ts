import type { GroxSourceMessage, GroxTaskMessage } from './grox/core/messages'
import type { EdgeEvent } from './queue/events'
import type { PostIngestEvent } from './queue/post-events'

// The bindings themselves are generated from wrangler.toml into edge/worker-configuration.d.ts
// (`npm run types:env`; `npm run check` fails when it is stale). This file adds what wrangler cannot know.

/** Secrets: `wrangler secret put` in production, .dev.vars locally; each kind of auth is off without it. */
interface Secrets {
  /** The admin bearer token (ingest, seeding, admin routes). */
  ADMIN_TOKEN?: string
  /** HMAC-SHA256 key for signed user tokens. */
  TOKEN_SECRET?: string
  /** Bearer key for Grox's LLM endpoint (GROX_LLM_URL); unset sends none. */
  GROX_LLM_KEY?: string
}

/**
 * The message type of each queue producer binding. A queue added to wrangler.toml without an entry here
 * fails to compile below ("cannot be used to index type 'QueueMessages'").
 */
interface QueueMessages {
  EVENTS: EdgeEvent
  POST_INGEST: PostIngestEvent
  GROX: GroxSourceMessage
  GROX_TASKS: GroxTaskMessage
}

type QueueBinding = {
  [K in keyof WranglerEnv]-?: WranglerEnv[K] extends Queue ? K : never
}[keyof WranglerEnv]

type TypedQueues = { [K in QueueBinding]: Queue<QueueMessages[K]> }

/** The Worker's environment: the generated bindings, with typed queues, plus the secrets. */
export interface Env extends Omit<WranglerEnv, QueueBinding>, TypedQueues, Secrets {}

/** Who is calling, once `authorize` has checked the bearer token. */
export type Principal = { kind: 'admin' } | { kind: 'user'; userId: string }

/** Hono environment shared by every route and middleware. */
export type AppEnv = {
  Bindings: Env
  Variables: { requestId: string; principal?: Principal }
}

declare global {
  // `env` from "cloudflare:workers" (tests, code outside a request) is the generated Cloudflare.Env; its
  // queues stay untyped (a merged declaration cannot narrow them), the secrets are added here.
  namespace Cloudflare {
    interface Env extends Secrets {}
  }
}
