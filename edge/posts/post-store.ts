import { DurableObject } from 'cloudflare:workers'
import { edgeConfig } from '../config'
import type { Env } from '../env'
import type { PostCreatedEvent, PostDeletedEvent } from '../queue/post-events'
import { migrateOnStart } from '../storage/migrate'
import {
  CHILDREN_SCHEMA,
  type ChildKind,
  type ChildLink,
  childrenOf,
  type LinkOutcome,
  linkChild,
  unlinkChild,
} from './post-children'
import { applyCountDeltas, applyPendingCounts, COUNTS_SCHEMA } from './post-counts'
import { type PostLabelUpdate, postLabels, setPostLabels } from './post-labels'
import {
  confirmEvents,
  countPending,
  dropEvent,
  dueEvents,
  type EventConfirmation,
  isPending,
  markResent,
  nextDueAt,
  OUTBOX_SCHEMA,
  pendingAmong,
  putEvent,
} from './post-outbox'
import type { CountDelta, CreateOutcome, NewPostRecord, PostRecord } from './post-record'
import { fromRow, insertRow, POST_SCHEMA, type PostRow } from './post-rows'

/** SQLite allows 100 bound parameters per statement; lookups go in chunks of this many ids. */
export const SQL_PARAM_CHUNK = 100

/** Events one alarm re-sends at most (in queue batches of 100); the rest wait for the next alarm. */
const RESEND_PER_ALARM = 1000
const QUEUE_BATCH = 100

/**
 * One shard of post core data (text, media, author, relations, engagement counts, later Grox labels),
 * placed by post id. Batch lookups answer every id of the shard in one call. Each post change writes its
 * ingest event into the shard's outbox in the same transaction (post-outbox.ts); the alarm re-sends events
 * the consumer has not confirmed in time.
 */
export class PostStore extends DurableObject<Env> {
  private readonly sql = migrateOnStart(this.ctx, [
    ...POST_SCHEMA,
    ...OUTBOX_SCHEMA,
    ...CHILDREN_SCHEMA,
    ...COUNTS_SCHEMA,
  ])

  private get resendAfterMs(): number {
    return edgeConfig(this.env).outboxResendAfterS * 1000
  }

  /**
   * Idempotent: an existing id keeps its stored data and reports its status. `pending` says whether the
   * post's post.created event still awaits the consumer's confirmation (the caller sends it again then).
   */
  async create(records: readonly NewPostRecord[], now = Date.now()): Promise<CreateOutcome[]> {
    const outcomes = this.ctx.storage.transactionSync(() =>
      records.map((r): CreateOutcome => {
        if (insertRow(this.sql, r)) {
          applyPendingCounts(this.sql, r.id)
          const event: PostCreatedEvent = { type: 'post.created', post: r.thunder }
          putEvent(this.sql, event, now + this.resendAfterMs)
          return { id: r.id, status: 'created', pending: true, thunder: r.thunder }
        }
        const existing = this.getMany([r.id], true)[0]
        if (existing === undefined) throw new Error(`post ${r.id} neither inserted nor found`)
        return {
          id: r.id,
          status: existing.deletedAt === undefined ? 'exists' : 'deleted',
          pending: isPending(this.sql, r.id, 'post.created'),
          thunder: existing.thunder,
        }
      }),
    )
    await this.scheduleResend()
    return outcomes
  }

  /** Posts by id (order not kept; unknown ids are absent); deleted ones only when asked. */
  getMany(ids: readonly string[], includeDeleted = false): PostRecord[] {
    const out: PostRecord[] = []
    for (let i = 0; i < ids.length; i += SQL_PARAM_CHUNK) {
      const chunk = ids.slice(i, i + SQL_PARAM_CHUNK)
      const marks = chunk.map(() => '?').join(', ')
      const rows = this.sql.exec<PostRow>(`SELECT * FROM posts WHERE id IN (${marks})`, ...chunk).toArray()
      for (const row of rows) {
        const record = fromRow(row)
        if (includeDeleted || record.deletedAt === undefined) out.push(record)
      }
    }
    return out
  }

  /**
   * The feed's cold-start fallback: live public originals and quotes created in [since, until], most
   * engaged first (favorites + replies + reposts + quotes, then views, then newest). Reads the created_at
   * index, so the work is bounded by this shard's posts in the window.
   */
  recentPopular(since: number, until: number, limit: number): PostRecord[] {
    return this.sql
      .exec<PostRow>(
        `SELECT * FROM posts WHERE created_at >= ? AND created_at <= ? AND deleted_at IS NULL
           AND reply_to_id IS NULL AND repost_of_id IS NULL AND subscriber_only = 0
         ORDER BY favorite_count + reply_count + repost_count + quote_count DESC, view_count DESC,
           created_at DESC, id DESC
         LIMIT ?`,
        since,
        until,
        limit,
      )
      .toArray()
      .map(fromRow)
  }

  /**
   * Marks a live post deleted and queues its post.deleted event in the outbox (replacing a pending
   * post.created); returns the event to send, or undefined when the post was unknown or already deleted.
   */
  async markDeleted(id: string, deletedAt: number, now = Date.now()): Promise<PostDeletedEvent | undefined> {
    const event = this.ctx.storage.transactionSync(() => {
      const [row] = this.sql
        .exec<{ author_id: string }>(
          'UPDATE posts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL RETURNING author_id',
          deletedAt,
          id,
        )
        .toArray()
      if (row === undefined) return undefined
      const deleted: PostDeletedEvent = {
        type: 'post.deleted',
        postId: id,
        authorId: row.author_id,
        deletedAt,
      }
      dropEvent(this.sql, id, 'post.created')
      putEvent(this.sql, deleted, now + this.resendAfterMs)
      return deleted
    })
    if (event !== undefined) await this.scheduleResend()
    return event
  }

  /** The ingest consumer applied these events to Thunder and the retrieval index: they leave the outbox. */
  confirmApplied(confirmations: readonly EventConfirmation[]): void {
    this.ctx.storage.transactionSync(() => confirmEvents(this.sql, confirmations))
  }

  /** How many of this shard's events are still unconfirmed. */
  outboxPending(): number {
    return countPending(this.sql)
  }

  /** Which of these posts' events are still unconfirmed. */
  pendingEvents(ids: readonly string[]): EventConfirmation[] {
    return pendingAmong(this.sql, ids)
  }

  /** Grox's safety labels (post-labels.ts): one list per producing task, replaced on each write. */
  setLabels(updates: readonly PostLabelUpdate[]): boolean[] {
    return this.ctx.storage.transactionSync(() => setPostLabels(this.sql, updates))
  }

  labels(ids: readonly string[]): Record<string, string[]> {
    return postLabels(this.sql, ids)
  }

  override async alarm(): Promise<void> {
    await this.resendDue(Date.now())
  }

  /** Sends again every event due by `now` (oldest first, bounded per call); returns how many went out. */
  async resendDue(now: number): Promise<number> {
    const due = dueEvents(this.sql, now, RESEND_PER_ALARM)
    try {
      for (let i = 0; i < due.length; i += QUEUE_BATCH) {
        const chunk = due.slice(i, i + QUEUE_BATCH)
        await this.env.POST_INGEST.sendBatch(chunk.map((e) => ({ body: e.event })))
        markResent(this.sql, chunk, now, this.resendAfterMs)
      }
    } catch (err) {
      // The queue refused: everything still due is tried again at the next alarm.
      console.error('post outbox: re-send failed, retrying later:', err)
      await this.ctx.storage.setAlarm(Date.now() + this.resendAfterMs)
      return 0
    }
    if (due.length > 0) console.log(`post outbox: re-sent ${due.length} unconfirmed event(s)`)
    await this.scheduleResend(due.length === RESEND_PER_ALARM ? Date.now() : undefined)
    return due.length
  }

  /** Keeps the alarm at the earliest due event (or `at`, when sooner). */
  private async scheduleResend(at?: number): Promise<void> {
    const due = nextDueAt(this.sql)
    if (due === undefined && at === undefined) return
    const wanted = Math.min(due ?? Number.POSITIVE_INFINITY, at ?? Number.POSITIVE_INFINITY)
    const current = await this.ctx.storage.getAlarm()
    if (current === null || current > wanted) await this.ctx.storage.setAlarm(wanted)
  }

  /** Links replies, quotes and reposts to their parents here (post-children.ts); outcomes carry `asked`. */
  linkChildren(links: readonly ChildLink[]): (LinkOutcome & { asked: string })[] {
    return this.ctx.storage.transactionSync(() =>
      links.map((l) => ({ ...linkChild(this.sql, l), asked: l.childId })),
    )
  }

  unlinkChildren(links: readonly Pick<ChildLink, 'parentId' | 'kind' | 'childId'>[]): void {
    this.ctx.storage.transactionSync(() => {
      for (const l of links) unlinkChild(this.sql, l)
    })
  }

  /** The children of `kind` of each parent here (a delete's cascade reads the reposts). */
  childrenOf(parentIds: readonly string[], kind: ChildKind): { parentId: string; childId: string }[] {
    return parentIds.flatMap((parentId) =>
      childrenOf(this.sql, parentId, kind).map((childId) => ({ parentId, childId })),
    )
  }

  /** Counter deltas; one for a post not here yet waits for its creation (post-counts.ts). */
  addCounts(deltas: readonly CountDelta[]): void {
    this.ctx.storage.transactionSync(() => applyCountDeltas(this.sql, deltas))
  }
}
