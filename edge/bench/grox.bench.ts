// npm run bench:grox — Grox end to end through local workerd (wrangler's unstable_dev, fresh storage):
// posts ingested through POST /v1/admin/ingest/posts go post store -> post-ingest queue -> fye-grox ->
// GroxDispatcher -> fye-grox-tasks -> engine (PlanMaster, the registry's real tasks and embedded
// classifiers) -> sinks and the retrieval index. It reports tasks per second from the first ingest call
// until the dispatcher holds nothing (waiting as long as tasks keep finishing), and the latency from a
// post's creation (its ingest call answered) to its v5 embedding (the index write) and, for replies, its
// spam-comment label, p50/p99.
// Knobs: BENCH_GROX_POSTS (default 400, half of them replies), BENCH_GROX_AUTHORS (50).
// wrangler dev rebuilds and restarts the Worker whenever a bundled source file or wrangler.toml changes: a
// restart mid-run fails the request in flight and loses queued work, so run it while nothing edits the tree.
import { availableParallelism, loadavg } from 'node:os'
import { groxPostOutputsResponse, groxStatsResponse } from '../../shared/types/api/grox.ts'
import { percentile } from './bench-stats.ts'
import { accounts } from './bench-world.ts'
import { admin, type LocalWorker, startLocalWorker } from './local-worker.ts'

const POSTS = Number(process.env.BENCH_GROX_POSTS ?? 400)
const AUTHORS = Number(process.env.BENCH_GROX_AUTHORS ?? 50)
const BATCH = 50
const HOUR = 3_600_000

type Stats = ReturnType<typeof groxStatsResponse.parse>

function posts(now: number) {
  const originals = Math.ceil(POSTS / 2)
  return Array.from({ length: POSTS }, (_, i) => {
    const id = String(1_900_000_000_000_000_000n + BigInt(i))
    const isReply = i >= originals
    // A reply's author differs from its parent's (self-replies skip the spam-comment filter).
    const author = String(1_000_000 + ((i + (isReply ? 1 : 0)) % AUTHORS))
    return {
      id,
      authorId: author,
      text: isReply
        ? `reply ${i}: totally agree, great thread`
        : `post ${i} about the night sky and telescopes`,
      createdAt: now - HOUR + i,
      language: 'en',
      ...(isReply ? { replyToId: String(1_900_000_000_000_000_000n + BigInt(i - originals)) } : {}),
    }
  })
}

/** The run fails only when nothing finished for this long (a stall), however long the whole run takes. */
const STALL_MS = 180_000

const stats = async (dev: LocalWorker): Promise<Stats> =>
  groxStatsResponse.parse(await admin(dev, 'GET', '/v1/admin/grox/stats'))

function totals(s: Stats) {
  let enqueued = 0
  let open = 0
  let finished = 0
  for (const st of Object.values(s.streams)) {
    enqueued += st.enqueued
    open += st.queued + st.inFlight
    finished += st.succeeded + st.skipped + st.deadLettered
  }
  return { enqueued, open, finished }
}

async function main() {
  const started = performance.now()
  const load0 = loadavg()
  const dev = await startLocalWorker('grox')
  try {
    const now = Date.now()
    const accountList = accounts(AUTHORS, now).map((a, i) => ({ ...a, id: String(1_000_000 + i) }))
    await admin(dev, 'POST', '/v1/admin/ingest/accounts', { accounts: accountList })
    const all = posts(now)
    const createdAt = new Map<string, number>()
    const t0 = performance.now()
    const wall0 = Date.now()
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH)
      await admin(dev, 'POST', '/v1/admin/ingest/posts', { posts: batch })
      const at = Date.now()
      for (const p of batch) createdAt.set(p.id, at)
    }
    // 3 tasks per post (post stream; with-summary and v5 embedding requests).
    const expected = all.length * 3
    // Waits on progress: the clock restarts whenever more tasks finished. A poll that fails (the Worker
    // busy past the request timeout, a dropped connection) is counted and polled again.
    let s = await stats(dev)
    let polls = 0
    let failedPolls = 0
    let lastFinished = -1
    let lastProgress = performance.now()
    while (totals(s).enqueued < expected || totals(s).open > 0) {
      const t = totals(s)
      if (t.finished > lastFinished) {
        lastFinished = t.finished
        lastProgress = performance.now()
      } else if (performance.now() - lastProgress > STALL_MS) {
        throw new Error(`grox made no progress for ${STALL_MS / 1000} s: ${JSON.stringify(t)}`)
      }
      await new Promise((r) => setTimeout(r, 500))
      try {
        s = await stats(dev)
      } catch (err) {
        failedPolls++
        const cause = err instanceof Error && err.cause ? ` (${String(err.cause)})` : ''
        console.error(`grox: stats poll failed (${failedPolls}): ${String(err)}${cause}`)
        if (performance.now() - lastProgress > STALL_MS) throw err
      }
      if (++polls % 20 === 0)
        console.error(
          `grox: ${JSON.stringify(totals(s))} after ${((performance.now() - t0) / 1000).toFixed(0)} s`,
        )
    }
    const drainedMs = performance.now() - t0
    const { finished } = totals(s)
    const embedding: number[] = []
    const label: number[] = []
    for (const p of all) {
      const out = groxPostOutputsResponse.parse(await admin(dev, 'GET', `/v1/admin/grox/posts/${p.id}`))
      const created = createdAt.get(p.id)!
      const v5 = out.sinks.find((x) => x.sink === 'mm_embedding_v5')
      if (v5) embedding.push(v5.writtenAt - created)
      const spam = out.sinks.find((x) => x.sink === 'reply_spam')
      if (spam) label.push(spam.writtenAt - created)
    }
    const load1 = loadavg()
    const fmt = (n: number) => n.toFixed(0)
    console.log(
      `For You Edge — Grox benchmark, local workerd + Node ${process.version} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    )
    console.log(
      `${availableParallelism()} cores; load average at start ${load0.map((l) => l.toFixed(2)).join(' ')}, at end ${load1.map((l) => l.toFixed(2)).join(' ')}`,
    )
    console.log(
      `posts ingested                          ${all.length} (${all.length - Math.ceil(all.length / 2)} replies), started ${new Date(wall0).toISOString()}`,
    )
    console.log(`tasks finished (all streams)            ${finished}`)
    console.log(`tasks/s end to end (ingest → drained)   ${(finished / (drainedMs / 1000)).toFixed(1)}`)
    console.log(
      `dead-lettered / stale results           ${Object.values(s.streams).reduce((n, x) => n + x.deadLettered, 0)} / ${s.staleResults}`,
    )
    console.log(`stats polls failed (retried)            ${failedPolls} of ${polls}`)
    console.log(
      `creation → v5 embedding in index, ms    p50 ${fmt(percentile(embedding, 50))}  p99 ${fmt(percentile(embedding, 99))}  (n=${embedding.length})`,
    )
    console.log(
      `creation → spam-comment label, ms       p50 ${fmt(percentile(label, 50))}  p99 ${fmt(percentile(label, 99))}  (n=${label.length})`,
    )
    for (const [plan, p] of Object.entries(s.plans)) {
      console.log(`  ${plan.padEnd(40)} succeeded ${p.succeeded}, skipped ${p.skipped}, failed ${p.failed}`)
    }
  } finally {
    await dev.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
