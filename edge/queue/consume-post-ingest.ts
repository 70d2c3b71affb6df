import { edgeConfig } from '../config'
import type { Env } from '../env'
import { messagesForCreatedPost, sendToGrox } from '../grox/generators/producers'
import { deadLetterLog } from '../ops/dead-letter-log'
import { cascadeDeletes } from '../posts/delete-cascade'
import { confirmApplied } from '../posts/post-client'
import { indexIngestedPosts } from '../retrieval/index-ingested-posts'
import { thunderShards, writeToThunder } from '../thunder/thunder-client'
import { retryDelaySeconds } from './consume-events'
import { type PostIngestEvent, postIngestEvent } from './post-events'

export const POST_INGEST_QUEUE = 'fye-post-ingest'

type Parsed = { msg: Message<unknown>; event: PostIngestEvent }

/**
 * Consumer for "fye-post-ingest". The whole batch becomes one write per Thunder shard (inserts on the
 * author's shard, tombstones on all; deletes also leave the retrieval index); a created post is handed to
 * Grox (post stream, embedding request). A message is acked when every write it needed succeeded, after
 * its event is confirmed to the post store's outbox (which re-sends unconfirmed
 * events), and retried with backoff otherwise. Shard writes are idempotent, so redelivery never duplicates.
 * Bodies that fail the schema cannot succeed on retry: they go straight to the dead-letter log.
 */
export async function consumePostIngest(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { retryBaseDelayS } = edgeConfig(env)
  const parsed: Parsed[] = []
  const invalid: { msg: Message<unknown>; reason: string }[] = []
  for (const msg of batch.messages) {
    const result = postIngestEvent.safeParse(msg.body)
    if (result.success) parsed.push({ msg, event: result.data })
    else {
      const issue = result.error.issues[0]
      invalid.push({ msg, reason: `invalid: ${issue?.path.map(String).join('.')} ${issue?.message}` })
    }
  }
  if (invalid.length > 0) await deadLetterInvalid(env, batch.queue, invalid, retryBaseDelayS)

  const inserts = parsed.flatMap(({ event }) => (event.type === 'post.created' ? [event.post] : []))
  const tombstones = parsed.flatMap(({ event }) =>
    event.type === 'post.deleted' ? [{ postId: event.postId, deletedAt: event.deletedAt }] : [],
  )
  if (parsed.length === 0) return
  const shards = thunderShards(env)
  // Deletes leave the retrieval index from the same batch, in parallel with Thunder; new posts are embedded
  // by Grox's post-embedding plan (edge/grox), which gets them from the messages sent below.
  // A delete's cascade (its reposts, its counts on the posts it pointed at) is idempotent: run again here.
  const cascaded = Promise.all(tombstones.map((t) => cascadeDeletes(env, [t.postId], t.deletedAt))).then(
    () => true,
    (err: unknown) => {
      console.error('post ingest: delete cascade failed:', err)
      return false
    },
  )
  const [{ failed }, indexed, deletesCascaded] = await Promise.all([
    writeToThunder(env, { inserts, tombstones }),
    indexIngestedPosts(
      env,
      [],
      tombstones.map((t) => t.postId),
    ).then(
      () => true,
      (err: unknown) => {
        console.error('post ingest: retrieval index failed:', err)
        return false
      },
    ),
    cascaded,
  ])
  for (const [shard, err] of failed) {
    console.error(`post ingest: thunder shard ${shard}/${shards.count} failed:`, err)
  }
  const applied: Parsed[] = []
  for (const item of parsed) {
    const { msg, event } = item
    const ok =
      indexed &&
      (event.type === 'post.created'
        ? !failed.has(shards.shardOf(event.post.authorId))
        : failed.size === 0 && deletesCascaded)
    if (ok) applied.push(item)
    else msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, retryBaseDelayS) })
  }
  // Grox's producer: an applied new post becomes its source messages; it is confirmed only once they are sent.
  const now = Date.now()
  const groxMessages = applied.flatMap(({ event }) =>
    event.type === 'post.created' ? messagesForCreatedPost(event.post, now) : [],
  )
  const toGrox = await sendToGrox(env, groxMessages).then(
    () => true,
    (err: unknown) => {
      console.error('post ingest: sending to grox failed:', err)
      return false
    },
  )
  const done = toGrox ? applied : applied.filter(({ event }) => event.type !== 'post.created')
  for (const { msg, event } of applied) {
    if (!toGrox && event.type === 'post.created')
      msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, retryBaseDelayS) })
  }
  await confirmToOutbox(env, done)
  for (const { msg } of done) msg.ack()
}

/**
 * Tells the post store which events were applied, so its outbox stops re-sending them. A failed
 * confirmation only costs a harmless re-send later, so the messages are acked either way.
 */
async function confirmToOutbox(env: Env, applied: readonly Parsed[]): Promise<void> {
  if (applied.length === 0) return
  const confirmations = applied.map(({ event }) => ({
    postId: event.type === 'post.created' ? event.post.postId : event.postId,
    type: event.type,
  }))
  try {
    await confirmApplied(env, confirmations)
  } catch (err) {
    console.error('post ingest: outbox confirmation failed (the events will be re-sent):', err)
  }
}

async function deadLetterInvalid(
  env: Env,
  queue: string,
  invalid: { msg: Message<unknown>; reason: string }[],
  retryBaseDelayS: number,
): Promise<void> {
  for (const { msg, reason } of invalid) {
    console.warn(JSON.stringify({ msg: 'dead-lettering invalid event', queue, messageId: msg.id, reason }))
  }
  try {
    await deadLetterLog(env).record(
      invalid.map(({ msg, reason }) => ({
        id: msg.id,
        queue,
        reason,
        attempts: msg.attempts,
        body: msg.body,
      })),
    )
    for (const { msg } of invalid) msg.ack()
  } catch (err) {
    console.error('dead-letter log unavailable:', err)
    for (const { msg } of invalid)
      msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, retryBaseDelayS) })
  }
}
