// The message-queue loader (seed 001's MessageQueueLoader over Kafka), on Queues: "fye-grox" pushes source
// messages; each batch is stored in the dispatcher as one task per stream reading the source, and only
// then acked, so a message is never lost between the queue and the dispatcher (a failed store retries the
// batch; the dispatcher keys tasks by message id, so a redelivery adds nothing).
import type { Env } from '../../env'
import { groxSourceMessageSchema } from '../core/messages'
import { parseBatch } from '../core/parse-batch'
import { groxDispatcher } from '../dispatcher/grox-dispatcher'

export const GROX_SOURCES_QUEUE = 'fye-grox'

export async function consumeGroxSources(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const parsed = await parseBatch(batch, groxSourceMessageSchema, env)
  if (parsed.length === 0) return
  try {
    await groxDispatcher(env).enqueue(parsed.map(({ msg, body }) => ({ mid: msg.id, message: body })))
    for (const { msg } of parsed) msg.ack()
  } catch (err) {
    console.error('grox: storing source messages in the dispatcher failed:', err)
    for (const { msg } of parsed) msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) })
  }
}
