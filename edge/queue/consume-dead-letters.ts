import type { Env } from '../env'
import { deadLetterLog } from '../ops/dead-letter-log'

export const DEAD_LETTER_QUEUE = 'fye-dlq'

/** Which queue a dead letter most likely came from, by its event type. */
export function sourceQueueOf(body: unknown): string {
  const type = typeof body === 'object' && body !== null && 'type' in body ? body.type : undefined
  if (type === 'health.probe') return 'fye-events'
  if (type === 'post.created' || type === 'post.deleted') return 'fye-post-ingest'
  return 'unknown'
}

/** Consumer for the dead-letter queue: stores every message in the DeadLetterLog (idempotent by id). */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const entries = batch.messages.map((msg) => ({
    id: msg.id,
    queue: sourceQueueOf(msg.body),
    reason: 'retries exhausted',
    attempts: msg.attempts,
    body: msg.body,
  }))
  try {
    await deadLetterLog(env).record(entries)
    batch.ackAll()
  } catch (err) {
    console.error('dead-letter log unavailable, retrying the batch:', err)
    batch.retryAll({ delaySeconds: 30 })
  }
}
