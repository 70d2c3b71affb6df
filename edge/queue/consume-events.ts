import { edgeConfig } from '../config'
import type { Env } from '../env'
import { healthLedger } from '../health/health-ledger'
import { type EdgeEvent, edgeEvent } from './events'

const BASE_RETRY_DELAY_S = 5
const MAX_RETRY_DELAY_S = 300

/** Exponential backoff from the delivery attempt count (1 on first delivery). */
export function retryDelaySeconds(attempts: number, baseDelayS = BASE_RETRY_DELAY_S): number {
  return Math.min(MAX_RETRY_DELAY_S, baseDelayS * 2 ** Math.max(0, attempts - 1))
}

async function handleEvent(event: EdgeEvent, env: Env): Promise<void> {
  switch (event.type) {
    case 'health.probe':
      await healthLedger(env).recordProbe(event.id, event.sentAt)
      return
  }
}

/**
 * Queue consumer for "fye-events". Each message is acked or retried on its own so one bad
 * message never replays the whole batch; unparseable bodies are acked (retrying cannot fix them).
 */
export async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (msg) => {
      const parsed = edgeEvent.safeParse(msg.body)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        console.warn(
          JSON.stringify({
            msg: 'dropping invalid event',
            queue: batch.queue,
            messageId: msg.id,
            path: issue?.path.map(String).join('.'),
            issue: issue?.message,
          }),
        )
        msg.ack()
        return
      }
      try {
        await handleEvent(parsed.data, env)
        msg.ack()
      } catch (err) {
        console.error(`event ${msg.id} (${parsed.data.type}) failed, attempt ${msg.attempts}:`, err)
        msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, edgeConfig(env).retryBaseDelayS) })
      }
    }),
  )
}
