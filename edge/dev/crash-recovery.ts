// The crash drill for post delivery: ingest posts through the admin API into a local `wrangler dev`, kill
// its process group (SIGKILL) right after the last batch is answered — the local queue loses whatever it
// had not delivered — restart on the same persisted state and wait until every stored post is in Thunder.
// Used by crash-recovery.test.ts (small, in `npm test`) and `npm run test:crash` (5,000 posts).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { freePort, type LocalRuntime, startLocalRuntime } from './local-runtime.ts'

export interface CrashDrillOptions {
  posts: number
  /** Posts per ingest request; the kill follows the answer to the last one. */
  batchSize?: number
  /** OUTBOX_RESEND_AFTER_S for the runtime: how soon unconfirmed events are re-sent. */
  resendAfterS?: number
  recoverTimeoutMs?: number
}

export interface CrashDrillReport {
  /** Posts the ingest API stored (created) before the kill. */
  stored: number
  /** Posts in Thunder when the restarted runtime first answered. */
  inThunderAtRestart: number
  /** Posts in Thunder once it stopped changing (or at the deadline). */
  inThunderAfterRecovery: number
  msToRecover: number
  /** Wall time of each phase, ms: first start, ingest, restart, replay. */
  phases: { start: number; ingest: number; restart: number; replay: number }
  /** A replay of every batch after recovery: how many events it had to publish again (0 = all confirmed). */
  republishedOnReplay: number
}

const ingestReply = z.object({ created: z.number(), existing: z.number(), published: z.number() })
const statsReply = z.object({ totalPosts: z.number() })

/**
 * A JSON admin request. Network errors and 5xx are retried: wrangler dev reloads the Worker when a source
 * file changes and workerd closes idle keep-alive sockets; every call here is idempotent.
 */
async function admin(rt: LocalRuntime, token: string, method: string, path: string, body?: unknown) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${rt.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(60_000),
      })
      const text = await res.text()
      if (res.ok) return JSON.parse(text) as unknown
      const failure = new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`)
      if (res.status < 500 || attempt >= 5) throw failure
    } catch (err) {
      if (!(err instanceof TypeError) || attempt >= 5) throw err
    }
    await new Promise((r) => setTimeout(r, 500 * attempt))
  }
}

/** `count` posts by 50 authors over the last hour, oldest first, with fixed ids. */
function drillPosts(count: number, now: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: String(7_000_000_000 + i),
    authorId: String(900_000 + (i % 50)),
    text: `crash drill post ${i}`,
    createdAt: now - 3_600_000 + Math.floor((i * 3_000_000) / count),
    language: 'en',
  }))
}

export async function runCrashDrill(opts: CrashDrillOptions): Promise<CrashDrillReport> {
  const persistTo = mkdtempSync(join(tmpdir(), 'fye-crash-'))
  const token = `crash-admin-${crypto.randomUUID()}`
  const vars = {
    ADMIN_TOKEN: token,
    TOKEN_SECRET: `crash-secret-${crypto.randomUUID()}`,
    ENVIRONMENT: 'local',
    OUTBOX_RESEND_AFTER_S: String(opts.resendAfterS ?? 2),
  }
  const size = opts.batchSize ?? 200
  const posts = drillPosts(opts.posts, Date.now())
  const batches = Array.from({ length: Math.ceil(posts.length / size) }, (_, i) =>
    posts.slice(i * size, (i + 1) * size),
  )
  const thunderTotal = async (rt: LocalRuntime) =>
    statsReply.parse(await admin(rt, token, 'GET', '/v1/admin/thunder/stats')).totalPosts
  let runtime: LocalRuntime | undefined
  try {
    const t0 = Date.now()
    runtime = await startLocalRuntime({ persistTo, port: await freePort(), vars })
    const t1 = Date.now()
    let stored = 0
    for (const batch of batches) {
      const r = ingestReply.parse(
        await admin(runtime, token, 'POST', '/v1/admin/ingest/posts', { posts: batch }),
      )
      stored += r.created
    }
    // Right after the last answer: events the local queue still holds die with the process.
    await runtime.kill()

    const t2 = Date.now()
    runtime = await startLocalRuntime({ persistTo, port: await freePort(), vars })
    const restarted = Date.now()
    const inThunderAtRestart = await thunderTotal(runtime)
    const deadline = restarted + (opts.recoverTimeoutMs ?? 60_000)
    let inThunder = inThunderAtRestart
    while (inThunder < stored && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250))
      inThunder = await thunderTotal(runtime)
    }
    const msToRecover = Date.now() - restarted
    // Read again after in-flight re-sends had a moment to land: the count must have settled at `stored`.
    await new Promise((r) => setTimeout(r, 1000))
    const inThunderAfterRecovery = await thunderTotal(runtime)

    // Confirmations trail the Thunder writes by a batch; replay until nothing is pending (or the deadline).
    const t3 = Date.now()
    let republishedOnReplay = Number.POSITIVE_INFINITY
    while (republishedOnReplay > 0 && Date.now() < deadline + 15_000) {
      republishedOnReplay = 0
      for (const batch of batches) {
        const r = ingestReply.parse(
          await admin(runtime, token, 'POST', '/v1/admin/ingest/posts', { posts: batch }),
        )
        republishedOnReplay += r.published
      }
      if (republishedOnReplay > 0) await new Promise((r) => setTimeout(r, 1000))
    }
    const phases = { start: t1 - t0, ingest: t2 - t1, restart: restarted - t2, replay: Date.now() - t3 }
    return { stored, inThunderAtRestart, inThunderAfterRecovery, msToRecover, republishedOnReplay, phases }
  } finally {
    await runtime?.kill()
    rmSync(persistTo, { recursive: true, force: true })
  }
}

// `tsx edge/dev/crash-recovery.ts [posts]`: run the drill once and print its report.
if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await runCrashDrill({ posts: Number(process.argv[2] ?? 5000) })
  console.log(JSON.stringify(report, null, 2))
}
