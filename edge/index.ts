import { app } from './api/app'
import type { Env } from './env'
import { GROX_TASKS_QUEUE } from './grox/dispatcher/grox-dispatcher'
import { consumeGroxTasks } from './grox/engine/consume-grox-tasks'
import { consumeGroxSources, GROX_SOURCES_QUEUE } from './grox/loaders/consume-grox-sources'
import { consumeDeadLetters, DEAD_LETTER_QUEUE } from './queue/consume-dead-letters'
import { consumeEvents } from './queue/consume-events'
import { consumePostIngest, POST_INGEST_QUEUE } from './queue/consume-post-ingest'

export { GroxDispatcher } from './grox/dispatcher/grox-dispatcher'
export { GroxStore } from './grox/store/grox-store'
export { HealthLedger } from './health/health-ledger'
export { DeadLetterLog } from './ops/dead-letter-log'
export { PostStore } from './posts/post-store'
export { RetrievalShard } from './retrieval/retrieval-shard'
export { ThunderShard } from './thunder/thunder-shard'
export { HandleRegistry } from './users/handle-registry'
export { UserState } from './users/user-state'
export { WorldClock } from './world-clock/world-clock'

/** Routes each queue's batches to its consumer (the queue names are in wrangler.toml). */
async function queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === POST_INGEST_QUEUE) return consumePostIngest(batch, env)
  if (batch.queue === DEAD_LETTER_QUEUE) return consumeDeadLetters(batch, env)
  if (batch.queue === GROX_SOURCES_QUEUE) return consumeGroxSources(batch, env)
  if (batch.queue === GROX_TASKS_QUEUE) return consumeGroxTasks(batch, env)
  return consumeEvents(batch, env)
}

/** The single Worker entry: HTTP API plus the queue consumers. */
export default {
  fetch: app.fetch,
  queue,
} satisfies ExportedHandler<Env>
