// Loads a WorldSeed (shared/types/world-seed.ts) into a running deployment through the real admin ingest
// API. Isomorphic (fetch only): Node's `npm start` seeder wraps it with a progress bar (edge/dev/seed.ts),
// the workerd tests call it directly. Idempotent: every route it uses is, and engagement keys are stable.
import { z } from 'zod'
import { ingestEngagementSchema } from '../../shared/types/api/admin.ts'
import { ingestPostSchema } from '../../shared/types/api/posts.ts'
import { ingestAccountSchema } from '../../shared/types/api/users.ts'
import type { WorldSeed } from '../../shared/types/world-seed.ts'
import { type SeedBatches, toBatches } from './seed-batches'
import { request, sleep } from './seed-http'

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
  onProgress?: (p: SeedProgress) => void
  /** Requests in flight at once (default 1: local workerd copes badly with thousands of live objects). */
  concurrency?: number
  /**
   * Ingest events published but not yet in Thunder before the posts stage pauses (default 4,000): a local
   * queue holds at most ~10k undelivered messages. Waits are bounded, so caps or evictions cannot stall it.
   */
  maxBacklog?: number
  /**
   * User objects woken per second at most (default 150). Local workerd keeps an idle object for ~10 s and
   * three file descriptors each; thousands woken at once exhaust them (SQLITE_NOMEM, connect timeouts).
   */
  maxObjectsPerSecond?: number
}

export interface SeedReport {
  accounts: { created: number; updated: number; unchanged: number; handleConflicts: number }
  posts: { created: number; existing: number; published: number }
  follows: { added: number; skipped: number }
  engagements: { added: number; skipped: number }
  /** Seed items that fail the API's own schemas and were not sent, per stage. */
  invalid: Record<SeedStage, number>
  ms: number
}

const SIZES: Record<SeedStage, number> = { accounts: 500, follows: 5000, posts: 500, engagements: 2000 }

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

const statsReply = z.object({ totalPosts: z.number() })

/** Distinct user objects a batch wakes. */
function objectsTouched(stage: SeedStage, chunk: readonly unknown[]): number {
  if (stage === 'posts') return 0
  const key = (item: unknown): unknown =>
    Array.isArray(item)
      ? item[0]
      : typeof item === 'object' && item !== null && 'userId' in item
        ? item.userId
        : item
  return stage === 'accounts' ? chunk.length : new Set(chunk.map(key)).size
}

async function sendStage<T>(
  stage: SeedStage,
  items: readonly T[],
  send: (chunk: T[]) => Promise<void>,
  opts: SeedOptions,
): Promise<void> {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += SIZES[stage]) chunks.push(items.slice(i, i + SIZES[stage]))
  let done = 0
  let next = 0
  opts.onProgress?.({ stage, done, total: items.length })
  const worker = async () => {
    for (let i = next++; i < chunks.length; i = next++) {
      const chunk = chunks[i] ?? []
      const started = Date.now()
      await send(chunk)
      const minMs = (objectsTouched(stage, chunk) / (opts.maxObjectsPerSecond ?? 150)) * 1000
      await sleep(minMs - (Date.now() - started))
      done += chunk.length
      opts.onProgress?.({ stage, done, total: items.length })
    }
  }
  // Posts go in order (parents before replies), so one at a time.
  const parallel = stage === 'posts' ? 1 : (opts.concurrency ?? 1)
  await Promise.all(Array.from({ length: parallel }, worker))
}

export async function loadWorld(
  baseUrl: string,
  adminToken: string,
  seed: WorldSeed,
  opts: SeedOptions = {},
) {
  const started = Date.now()
  const fetcher = { fetch: opts.fetch ?? ((input: string, init: RequestInit) => fetch(input, init)) }
  const batches: SeedBatches = toBatches(seed, opts.now ?? Date.now(), {
    account: ingestAccountSchema,
    post: ingestPostSchema,
    engagement: ingestEngagementSchema,
  })
  const report: SeedReport = {
    accounts: { created: 0, updated: 0, unchanged: 0, handleConflicts: 0 },
    posts: { created: 0, existing: 0, published: 0 },
    follows: { added: 0, skipped: 0 },
    engagements: { added: 0, skipped: 0 },
    invalid: batches.invalid,
    ms: 0,
  }
  const root = baseUrl.replace(/\/$/, '')
  const url = (stage: SeedStage) => `${root}/v1/admin/ingest/${stage}`
  await sendStage(
    'accounts',
    batches.accounts,
    async (chunk) => {
      const r = replies.accounts.parse(
        await request(fetcher, 'POST', url('accounts'), adminToken, { accounts: chunk }),
      )
      report.accounts.created += r.created
      report.accounts.updated += r.updated
      report.accounts.unchanged += r.unchanged
      report.accounts.handleConflicts += r.handleConflicts.length
    },
    opts,
  )
  await sendStage(
    'follows',
    batches.follows,
    async (chunk) => {
      const r = replies.follows.parse(
        await request(fetcher, 'POST', url('follows'), adminToken, { follows: chunk }),
      )
      report.follows.added += r.added
      report.follows.skipped += r.skipped
    },
    opts,
  )
  const thunderPosts = async () =>
    statsReply.parse(await request(fetcher, 'GET', `${root}/v1/admin/thunder/stats`, adminToken)).totalPosts
  const baseline = await thunderPosts()
  await sendStage(
    'posts',
    batches.posts,
    async (chunk) => {
      const r = replies.posts.parse(
        await request(fetcher, 'POST', url('posts'), adminToken, { posts: chunk }),
      )
      report.posts.created += r.created
      report.posts.existing += r.existing
      report.posts.published += r.published
      const deadline = Date.now() + 30_000
      while (report.posts.published - ((await thunderPosts()) - baseline) > (opts.maxBacklog ?? 4000)) {
        if (Date.now() > deadline) break
        await sleep(100)
      }
    },
    opts,
  )
  await sendStage(
    'engagements',
    batches.engagements,
    async (chunk) => {
      const r = replies.engagements.parse(
        await request(fetcher, 'POST', url('engagements'), adminToken, { engagements: chunk }),
      )
      report.engagements.added += r.added
      report.engagements.skipped += r.skipped
    },
    opts,
  )
  report.ms = Date.now() - started
  return report
}
