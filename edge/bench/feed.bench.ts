// npm run bench:feed — the For You feed in one run, local workerd (wrangler's unstable_dev, fresh storage)
// plus Node for the ranker:
// 1. the candidate pipeline (POST /v1/feed/candidates) with per-stage times from its trace, interleaved
//    with Thunder fan-out alone (GET /v1/users/{viewer}/in-network) on the same store;
// 2. ranking the viewer's real candidates with vs without the cached history prefix (TypeScript reference
//    and onnxruntime-web wasm, in Node, after workerd has stopped);
// 3. GET /v1/feed end to end (candidate pipeline + the reference ranker at the edge), run before (2).
// The world goes through the real ingest path: POST /v1/admin/ingest/posts → post store + queue → Thunder
// and the retrieval index (post tower), so retrieval has embeddings for every original post.
import { loadavg } from 'node:os'
import { readModel, shippedModelSet } from '../../models/eval/artifacts.ts'
import { featurizeHistory } from '../../shared/phoenix/features.ts'
import { loadUserTowerWeights, userEmbedding } from '../../shared/phoenix/reference/two-tower-reference.ts'
import { SOURCE_LIMIT_MAX } from '../../shared/types/api/feed.ts'
import { groxStatsResponse } from '../../shared/types/api/grox.ts'
import { DEFAULT_SOURCE_LIMITS } from '../feed/source-limits'
import { loadWorld } from '../seed/seed-world'
import { feedWorldSeed, VIEWER_ID } from './bench-world'
import { printCandidates, printFeed, printRanking } from './feed-report'
import { candidatesOnce, measureCandidates, measureFeed } from './feed-requests'
import { admin, startLocalWorker, thunderTotal } from './local-worker'
import { measureRanking } from './ranking-bench'

const knob = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const SIZE = {
  posts: knob('BENCH_FEED_POSTS', 100_000),
  authors: knob('BENCH_FEED_AUTHORS', 600),
  follows: knob('BENCH_FEED_FOLLOWS', 300),
  engagements: knob('BENCH_FEED_ENGAGEMENTS', 200),
}
/** Post-tower embeddings Grox must have written to the retrieval index before the requests start. */
const EMBEDDED = knob('BENCH_FEED_EMBEDDED', 5_000)
const REQUESTS = knob('BENCH_REQUESTS', 100)
const FEED_REQUESTS = knob('BENCH_FEED_REQUESTS', 50)
const RANK_CANDIDATES = knob('BENCH_RANK_CANDIDATES', 500)
const RANK_REPEATS = knob('BENCH_RANK_REPEATS', 3)
const WARM_UP = 5

/** Which of n times bench-stats' p99 picks, counted from the slowest. */
const slowest = (n: number) => {
  const k = n - Math.ceil(0.99 * n) + 1
  return k === 1 ? 'slowest' : `${k}${k === 2 ? 'nd' : k === 3 ? 'rd' : 'th'} slowest`
}

const log = (msg: string) => process.stderr.write(`[bench:feed] ${msg}\n`)
const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

/**
 * Polls `count` every `pollMs` until it reaches `target` or stops moving for `stallMs`; returns the last
 * count. `onCount` sees every reading (progress lines).
 */
async function countReaches(
  count: () => Promise<number>,
  target: number,
  { pollMs, stallMs, onCount }: { pollMs: number; stallMs: number; onCount?: (n: number) => void },
): Promise<number> {
  let last = -1
  let since = performance.now()
  for (;;) {
    const n = await count()
    onCount?.(n)
    if (n >= target) return n
    if (n !== last) [last, since] = [n, performance.now()]
    else if (performance.now() - since > stallMs) return n
    await new Promise((r) => setTimeout(r, pollMs))
  }
}

/** The stats name of Grox's v5 embedding sink, which writes the retrieval index (write-embedding-sinks.ts). */
const V5_EMBEDDING_SINK = 'mm_embedding_v5'

/** Retrieval-index writes of Grox's v5 embedding sink so far. */
async function embedded(dev: Awaited<ReturnType<typeof startLocalWorker>>): Promise<number> {
  const stats = groxStatsResponse.parse(await admin(dev, 'GET', '/v1/admin/grox/stats'))
  return stats.sinks[V5_EMBEDDING_SINK]?.writes ?? 0
}

const started = performance.now()
const loadAtStart = loads()
const dev = await startLocalWorker('feed')
try {
  const now = Date.now()
  const seed = feedWorldSeed(SIZE, now)
  log(`loading ${SIZE.posts} posts by ${SIZE.authors} authors through the ingest API and the queue…`)
  const t0 = performance.now()
  let shown = 0
  const report = await loadWorld(dev.base, dev.adminToken, seed, {
    now,
    onProgress: ({ stage, done, total }) => {
      if (stage !== 'posts' || done - shown < 10_000) return
      shown = done
      log(`  posts ${done}/${total}`)
    },
  })
  const stored = await countReaches(() => thunderTotal(dev), report.posts.published, {
    pollMs: 250,
    stallMs: 10_000,
  })
  const loadS = (performance.now() - t0) / 1000
  log(`world loaded in ${loadS.toFixed(0)} s (${stored} posts in Thunder)`)
  log(`waiting for Grox to index ${EMBEDDED} post embeddings for retrieval…`)
  const t1 = performance.now()
  // Grox embeds the posts (its v5 plan) after they are applied, far slower than they load.
  let shownIndexed = 0
  const indexed = await countReaches(() => embedded(dev), Math.min(EMBEDDED, report.posts.published), {
    pollMs: 1_000,
    stallMs: 30_000,
    onCount: (n) => {
      if (n - shownIndexed < 1_000) return
      shownIndexed = n
      log(`  ${n} embeddings indexed`)
    },
  })
  const embedS = (performance.now() - t1) / 1000
  if (indexed === 0)
    throw new Error(`Grox wrote no ${V5_EMBEDDING_SINK} embedding: retrieval has nothing to find`)
  // Held from here on: Grox's remaining work would otherwise share workerd's thread with the requests.
  await admin(dev, 'POST', '/v1/admin/grox/drain', { drain: true })

  // The viewer's user-tower embedding, computed here as the browser would, from the history the edge returns.
  const first = await candidatesOnce(dev, VIEWER_ID, { name: 'first' })
  const tower = loadUserTowerWeights(readModel(shippedModelSet(), 'user_tower.onnx'))
  const embedding = [...userEmbedding(tower, featurizeHistory(first.viewer.userId, first.viewer.history))]

  log(`${REQUESTS} rounds of fan-out + candidate pipeline (with and without an embedding)…`)
  // Retrieval at our default cap and at upstream's (PhoenixMaxResults), side by side.
  const variants = [
    { name: `embedding → retrieval ${DEFAULT_SOURCE_LIMITS.retrieval}`, embedding },
    {
      name: `embedding → retrieval ${SOURCE_LIMIT_MAX.retrieval}`,
      embedding,
      sourceLimits: { retrieval: SOURCE_LIMIT_MAX.retrieval },
    },
    { name: 'no embedding → popular' },
  ]
  const { fanOut, candidates } = await measureCandidates(dev, VIEWER_ID, variants, REQUESTS, WARM_UP)
  const withEmbedding = candidates[0]
  if (withEmbedding === undefined) throw new Error('no candidate requests were measured')

  log(`${FEED_REQUESTS} GET /v1/feed…`)
  const feed = await measureFeed(dev, VIEWER_ID, FEED_REQUESTS, 3)
  // Ranking runs in Node with workerd stopped: it gets the CPU alone, and no idle keep-alive connection
  // to workerd is left waiting through it.
  await dev.stop()

  const pool = withEmbedding.candidates.slice(0, RANK_CANDIDATES)
  log(`ranking ${pool.length} candidates in Node, ${RANK_REPEATS} interleaved repeats…`)
  const ranking = await measureRanking(withEmbedding.viewer, pool, withEmbedding.nowMs, RANK_REPEATS)

  const totalS = (performance.now() - started) / 1000
  console.log(
    `\nFor You Edge — feed benchmark, local workerd + Node ${process.version} (${totalS.toFixed(0)} s)`,
  )
  console.log(`load average (1/5/15 min) at start ${loadAtStart}, at end ${loads()}`)
  console.log(
    `world: ${SIZE.posts} posts by ${SIZE.authors} authors in the last 47 h through POST /v1/admin/ingest/posts ` +
      `→ queue → Thunder (${stored} posts, ${loadS.toFixed(0)} s), Grox → retrieval index (${indexed} ` +
      `embeddings, ${embedS.toFixed(0)} s more; Grox held after that); viewer follows ` +
      `${SIZE.follows}, ${first.viewer.history.length} history events\n`,
  )
  printCandidates(fanOut, candidates)
  printRanking(ranking)
  printFeed(feed)
  console.log(
    `\np99 is the ${slowest(REQUESTS)} of ${REQUESTS} requests in (1) and the ${slowest(FEED_REQUESTS)} ` +
      `of ${FEED_REQUESTS} in (3).`,
  )
} finally {
  await dev.stop()
}
