// Loads a WorldSeed (shared/types/world-seed.ts) into a running deployment through the real admin ingest
// API. Isomorphic (fetch only): Node's `npm start` seeder wraps it with a progress bar (edge/dev/seed.ts),
// the workerd tests call it directly. Idempotent: every route it uses is, and engagement keys are stable.
import { z } from 'zod'
import { ingestEngagementSchema } from '../../shared/types/api/admin.ts'
import { ingestPostSchema } from '../../shared/types/api/posts.ts'
import { ingestAccountSchema } from '../../shared/types/api/users.ts'
import type { WorldSeed } from '../../shared/types/world-seed.ts'
import { type SeedBatches, toBatches } from './seed-batches'
import { withGroxPaused } from './seed-grox-pause'
import { request } from './seed-http'
import { AppliedRate, backlogBound, sendBatchesInOrder, waitForBacklog } from './seed-post-pipeline'
import { chunkBundles, userChunks } from './seed-user-chunks'

export type SeedStage = 'accounts' | 'follows' | 'posts' | 'engagements'

export interface SeedProgress {
  stage: SeedStage
  /** Items sent so far in this stage, and the stage's total. */
  done: number
  total: number
}

export interface SeedOptions {
  fetch?: (input: string, init: RequestInit) => Promise<Response>
  /** "Now" for relative times (default Date.now()). */
  now?: number
  /**
   * When this world was first seeded (default `now`): posts and engagements are sent as the copies live at
   * `now` of a world that repeats every 48 h from there (world-period.ts).
   */
  anchor?: number
  /** Stages to send (default all). Re-anchoring a seeded world needs only posts and engagements. */
  stages?: readonly SeedStage[]
  onProgress?: (p: SeedProgress) => void
  /** Users per chunk on the user path (default 100, seed-user-chunks.ts): their accounts, follows and engagements go together. */
  usersPerChunk?: number
  /**
   * Ingest events published but not yet in Thunder before the posts stage pauses (default 2,000): a local
   * queue holds at most 10k undelivered messages, and an event unconfirmed after the post store's
   * OUTBOX_RESEND_AFTER_S (30 s) is sent again, so a smaller backlog means fewer duplicate sends on a loaded
   * machine. A count that stops falling ends the wait, so caps cannot stall it.
   */
  maxBacklog?: number
  /** Post batches sent at once (default 3), parents always stored before their replies. */
  postBatchesInFlight?: number
  /**
   * Hold Grox's tasks while the posts go in, release them once the consumer has applied the posts (default true when
   * posts are sent): labels and embeddings of seeded posts follow in the background (seed-grox-pause.ts).
   */
  pauseGrox?: boolean
}

export interface SeedReport {
  accounts: { created: number; updated: number; unchanged: number; handleConflicts: number }
  posts: { created: number; existing: number; published: number }
  follows: { added: number; skipped: number }
  engagements: { added: number; skipped: number }
  /**
   * Post events still unconfirmed by the ingest consumer when seeding ended (GET /v1/admin/posts/outbox;
   * 0 when every event was applied to Thunder and the retrieval index). More means the local queue stopped
   * delivering; the post stores' outboxes re-send them, and a restart of the runtime un-sticks a stuck
   * local queue. Undefined when not checked (nothing published).
   */
  eventsUnconfirmed?: number
  /** Seed items that fail the API's own schemas and were not sent, per stage. */
  invalid: Record<SeedStage, number>
  ms: number
  /**
   * How long each path took (they run side by side, so `ms` is the longer one): where seeding time goes.
   * The post path ends when the consumer has confirmed every event it published (or the count stopped falling).
   */
  pathMs: { users: number; posts: number }
}

const replies = {
  accounts: z.object({
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    handleConflicts: z.array(z.string()),
  }),
  posts: z.object({ created: z.number(), existing: z.number(), published: z.number() }),
  follows: z.object({ added: z.number(), skipped: z.number() }),
  engagements: z.object({ added: z.number(), skipped: z.number() }),
}
const usersReply = z.object({
  accounts: replies.accounts,
  follows: replies.follows,
  engagements: replies.engagements,
})

const outboxReply = z.object({ pending: z.number() })

export async function loadWorld(
  baseUrl: string,
  adminToken: string,
  seed: WorldSeed,
  opts: SeedOptions = {},
) {
  const started = Date.now()
  const fetcher = { fetch: opts.fetch ?? ((input: string, init: RequestInit) => fetch(input, init)) }
  const now = opts.now ?? Date.now()
  const all: SeedBatches = toBatches(
    seed,
    now,
    { account: ingestAccountSchema, post: ingestPostSchema, engagement: ingestEngagementSchema },
    opts.anchor ?? now,
  )
  const sends = (stage: SeedStage) => opts.stages === undefined || opts.stages.includes(stage)
  const batches: SeedBatches = {
    ...all,
    accounts: sends('accounts') ? all.accounts : [],
    follows: sends('follows') ? all.follows : [],
    posts: sends('posts') ? all.posts : [],
    engagements: sends('engagements') ? all.engagements : [],
  }
  const report: SeedReport = {
    accounts: { created: 0, updated: 0, unchanged: 0, handleConflicts: 0 },
    posts: { created: 0, existing: 0, published: 0 },
    follows: { added: 0, skipped: 0 },
    engagements: { added: 0, skipped: 0 },
    invalid: batches.invalid,
    ms: 0,
    pathMs: { users: 0, posts: 0 },
  }
  const root = baseUrl.replace(/\/$/, '')
  const post = (route: 'users' | 'posts', body: unknown) =>
    request(fetcher, 'POST', `${root}/v1/admin/ingest/${route}`, adminToken, body)
  const progress = progressCounter(batches, opts.onProgress)

  // The user path (user objects) and the post path (post store, queue, Thunder) touch different objects,
  // so they run side by side.
  const users = async () => {
    for (const chunk of userChunks(
      batches.accounts,
      batches.follows,
      batches.engagements,
      opts.usersPerChunk,
    )) {
      // One call per bundle: each user-state shard is written once per bundle (usually once per chunk).
      for (const bundle of chunkBundles(chunk)) {
        const r = usersReply.parse(await post('users', bundle))
        report.accounts.created += r.accounts.created
        report.accounts.updated += r.accounts.updated
        report.accounts.unchanged += r.accounts.unchanged
        report.accounts.handleConflicts += r.accounts.handleConflicts.length
        report.follows.added += r.follows.added
        report.follows.skipped += r.follows.skipped
        report.engagements.added += r.engagements.added
        report.engagements.skipped += r.engagements.skipped
        if (bundle.accounts.length > 0) progress('accounts', bundle.accounts.length)
        if (bundle.follows.length > 0) progress('follows', bundle.follows.length)
        if (bundle.engagements.length > 0) progress('engagements', bundle.engagements.length)
      }
    }
  }
  // Events the post stores published and the ingest consumer has not confirmed: the backlog. (Thunder's
  // post count is no measure of it: an event Thunder skips, e.g. over an author's cap, never adds a post.)
  const outboxPending = async () =>
    outboxReply.parse(await request(fetcher, 'GET', `${root}/v1/admin/posts/outbox`, adminToken)).pending
  // Oldest first, a few batches in flight, parents stored before their replies (seed-post-pipeline.ts).
  const posts = async () => {
    const baseline = await outboxPending()
    const rate = new AppliedRate()
    const unapplied = async () => {
      const pending = await outboxPending()
      rate.add(Date.now(), Math.max(0, report.posts.published + baseline - pending))
      return pending
    }
    const max = opts.maxBacklog ?? 2000
    const bound = () => backlogBound(rate.perSecond(), max, Math.min(max, POSTS_PER_BATCH))
    const chunks: unknown[][] = []
    for (let i = 0; i < batches.posts.length; i += POSTS_PER_BATCH)
      chunks.push(batches.posts.slice(i, i + POSTS_PER_BATCH))
    await sendBatchesInOrder(chunks, opts.postBatchesInFlight ?? 3, async (chunk) => {
      const r = replies.posts.parse(await post('posts', { posts: chunk }))
      report.posts.created += r.created
      report.posts.existing += r.existing
      report.posts.published += r.published
      progress('posts', chunk.length)
      await waitForBacklog({ unapplied, max: bound, stallMs: BACKLOG_STALL_MS })
    })
    // Seeded means applied (Thunder, retrieval index), not merely sent: the last backlog drains before
    // Grox is let go.
    if (report.posts.published > 0) {
      await waitForBacklog({ unapplied, max: 0, stallMs: BACKLOG_STALL_MS })
      report.eventsUnconfirmed = await unapplied()
    }
  }
  const timed = async (path: keyof SeedReport['pathMs'], run: () => Promise<void>) => {
    await run()
    report.pathMs[path] = Date.now() - started
  }
  // Both paths settle before a failure surfaces, so no request is still in flight once the seeder reports.
  const both = async () => {
    const settled = await Promise.allSettled([timed('users', users), timed('posts', posts)])
    for (const s of settled) if (s.status === 'rejected') throw s.reason
  }
  if ((opts.pauseGrox ?? true) && batches.posts.length > 0)
    await withGroxPaused(fetcher, root, adminToken, both)
  else await both()
  report.ms = Date.now() - started
  return report
}

const POSTS_PER_BATCH = 500
/** A backlog that has not fallen for this long is taken as stuck (Thunder caps, a lost event the outbox re-sends later). */
const BACKLOG_STALL_MS = 20_000

/** Reports each stage's running count; every stage reports once at 0 first, so totals are known early. */
function progressCounter(batches: SeedBatches, onProgress?: (p: SeedProgress) => void) {
  const totals: Record<SeedStage, number> = {
    accounts: batches.accounts.length,
    follows: batches.follows.length,
    posts: batches.posts.length,
    engagements: batches.engagements.length,
  }
  const done: Record<SeedStage, number> = { accounts: 0, follows: 0, posts: 0, engagements: 0 }
  for (const stage of Object.keys(totals) as SeedStage[])
    onProgress?.({ stage, done: 0, total: totals[stage] })
  return (stage: SeedStage, sent: number) => {
    done[stage] += sent
    onProgress?.({ stage, done: done[stage], total: totals[stage] })
  }
}
