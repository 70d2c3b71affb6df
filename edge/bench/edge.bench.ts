// npm run bench:edge — the edge data plane in local workerd (wrangler's unstable_dev, wrangler.toml
// bindings, fresh storage per run), once with THUNDER_SHARDS=8 and once with 1, printed side by side:
// - ingest throughput: posts through POST /v1/admin/ingest/posts (core data + queue events) until the
//   Thunder shards hold them all;
// - fan-out latency: GET /v1/users/{viewer}/in-network for a viewer following 300 authors with 100k posts
//   in Thunder. Those 100k are loaded with POST /v1/admin/thunder/posts (straight into the shards, not
//   through the queue) to keep the run short; the ingest figure above covers the queue path.
import { type BenchResult, percentile, table } from './bench-stats'
import { accounts, ingestPosts, thunderPosts, VIEWER_ID } from './bench-world'
import { admin, type LocalWorker as Dev, inBatches, startLocalWorker, thunderTotal } from './local-worker'

const INGEST_POSTS = Number(process.env.BENCH_INGEST_POSTS ?? 20_000)
const STORED_POSTS = 100_000
const AUTHORS = 300
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300)
const MAX_BACKLOG = 4000

async function measureIngest(dev: Dev, now: number) {
  await admin(dev, 'POST', '/v1/admin/ingest/accounts', { accounts: accounts(AUTHORS, now) })
  const posts = ingestPosts(INGEST_POSTS, AUTHORS, now, 1_800_000_000_000_000_000n)
  let sent = 0
  const t0 = performance.now()
  await inBatches(posts, 500, 4, async (batch) => {
    // Local Queues hold at most ~10k undelivered messages (miniflare's timer quota), so keep the backlog
    // below MAX_BACKLOG; the consumer's rate, not this throttle, is what the figure measures.
    while (sent - (await thunderTotal(dev)) > MAX_BACKLOG) await new Promise((r) => setTimeout(r, 20))
    sent += batch.length
    await admin(dev, 'POST', '/v1/admin/ingest/posts', { posts: batch })
  })
  const accepted = performance.now()
  while ((await thunderTotal(dev)) < posts.length) {
    if (performance.now() - t0 > 300_000) throw new Error('ingest did not drain within 5 minutes')
    await new Promise((r) => setTimeout(r, 50))
  }
  const drained = performance.now()
  return {
    ingestPerSecond: posts.length / ((drained - t0) / 1000),
    acceptPerSecond: posts.length / ((accepted - t0) / 1000),
  }
}

async function measureFanOut(dev: Dev, now: number) {
  const posts = thunderPosts(STORED_POSTS, AUTHORS, now, 1_700_000_000_000_000_000n)
  await inBatches(posts, 2000, 2, (batch) => admin(dev, 'POST', '/v1/admin/thunder/posts', { posts: batch }))
  const viewer = { id: VIEWER_ID, handle: 'bench_viewer', displayName: 'Viewer', createdAt: now - 1e10 }
  await admin(dev, 'POST', '/v1/admin/ingest/accounts', { accounts: [viewer] })
  const follows = accounts(AUTHORS, now).map((a): [string, string] => [VIEWER_ID, a.id])
  await admin(dev, 'POST', '/v1/admin/ingest/follows', { follows })
  const client: number[] = []
  const server: number[] = []
  let candidates = 0
  for (let i = -10; i < REQUESTS; i++) {
    const t0 = performance.now()
    const reply = await admin(dev, 'GET', `/v1/users/${VIEWER_ID}/in-network`)
    const elapsed = performance.now() - t0
    if (i < 0 || typeof reply !== 'object' || reply === null) continue // warm-up
    client.push(elapsed)
    if ('fanOutMs' in reply) server.push(Number(reply.fanOutMs))
    if ('posts' in reply && Array.isArray(reply.posts)) candidates = reply.posts.length
  }
  return { storedPosts: await thunderTotal(dev), client, server, candidates }
}

async function run(shards: number): Promise<BenchResult> {
  const dev = await startLocalWorker(`edge-${shards}`, { THUNDER_SHARDS: String(shards) })
  try {
    const now = Date.now()
    process.stderr.write(`[bench] ${shards} shard(s): ingesting ${INGEST_POSTS} posts through the queue…\n`)
    const ingest = await measureIngest(dev, now)
    process.stderr.write(`[bench] ${shards} shard(s): loading ${STORED_POSTS} posts, ${REQUESTS} fan-outs…\n`)
    const fan = await measureFanOut(dev, now)
    return {
      shards,
      ingestPosts: INGEST_POSTS,
      ...ingest,
      storedPosts: fan.storedPosts - INGEST_POSTS,
      following: AUTHORS,
      requests: fan.client.length,
      candidates: fan.candidates,
      clientP50: percentile(fan.client, 50),
      clientP99: percentile(fan.client, 99),
      serverP50: percentile(fan.server, 50),
      serverP99: percentile(fan.server, 99),
    }
  } finally {
    await dev.stop()
  }
}

const started = performance.now()
const results = [await run(8), await run(1)]
console.log(
  `\nFor You Edge — edge data plane, local workerd (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
)
console.log(table(results))
