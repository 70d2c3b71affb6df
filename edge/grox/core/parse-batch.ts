// Validates a queue batch: bodies that fail the schema cannot succeed on retry, so they go straight to the
// dead-letter log (acked once recorded, retried while the log is unavailable).
import type { z } from 'zod'
import type { Env } from '../../env'
import { deadLetterLog } from '../../ops/dead-letter-log'

export interface ParsedMessage<T> {
  msg: Message<unknown>
  body: T
}

export async function parseBatch<S extends z.ZodType>(
  batch: MessageBatch<unknown>,
  schema: S,
  env: Env,
): Promise<ParsedMessage<z.infer<S>>[]> {
  const parsed: ParsedMessage<z.infer<S>>[] = []
  const invalid: { msg: Message<unknown>; reason: string }[] = []
  for (const msg of batch.messages) {
    const result = schema.safeParse(msg.body)
    if (result.success) parsed.push({ msg, body: result.data })
    else {
      const issue = result.error.issues[0]
      invalid.push({ msg, reason: `invalid: ${issue?.path.map(String).join('.')} ${issue?.message}` })
    }
  }
  if (invalid.length > 0) {
    try {
      await deadLetterLog(env).record(
        invalid.map(({ msg, reason }) => ({
          id: msg.id,
          queue: batch.queue,
          reason,
          attempts: msg.attempts,
          body: msg.body,
        })),
      )
      for (const { msg } of invalid) msg.ack()
    } catch (err) {
      console.error('grox: dead-letter log unavailable:', err)
      for (const { msg } of invalid) msg.retry()
    }
  }
  return parsed
}
