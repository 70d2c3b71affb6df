// Seeds the e2e edge (started by the config's webServer list) with the feed specs' small worlds through the
// admin ingest API (the npm start seeder's loadWorld), then waits until the ingest queue has put the posts
// in Thunder and their post-tower embeddings in the retrieval index.
import { feedWorld, WHO } from '../edge/feed/feed-world.fixtures'
import { loadWorld } from '../edge/seed/seed-world'
import { E2E_EDGE } from './e2e-env'
import { adminCandidates, FEED_WORLD_BASES, PROBE_EMBEDDING } from './feed-worlds'
import { seedProductWorlds } from './product-world'

const READY_TIMEOUT_MS = 180_000

/** In-network posts Thunder must hold and stranger posts retrieval must find (feed-world.fixtures). */
const THUNDER_POSTS = [110, 161]
const RETRIEVED_POSTS = [171, 201]

async function waitForIngest(base: number): Promise<void> {
  const id = (n: number) => String(base + n)
  const deadline = Date.now() + READY_TIMEOUT_MS
  let last = ''
  while (Date.now() < deadline) {
    // wrangler dev restarts the Worker when edge/ changes: a dropped connection is retried, not fatal.
    const r = await adminCandidates(id(WHO.viewer), PROBE_EMBEDDING).catch((e: unknown) => {
      last = e instanceof Error ? e.message : String(e)
      return null
    })
    if (r === null) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      continue
    }
    const from = (source: string) =>
      new Set(r.candidates.filter((c) => c.source === source).map((c) => c.postId))
    const thunder = from('thunder')
    const retrieved = from('phoenix_retrieval')
    if (THUNDER_POSTS.every((n) => thunder.has(id(n))) && RETRIEVED_POSTS.every((n) => retrieved.has(id(n))))
      return
    last = `thunder ${thunder.size}, retrieval ${retrieved.size}`
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`world ${base}: posts not ingested after ${READY_TIMEOUT_MS / 1000} s (${last})`)
}

export default async function globalSetup(): Promise<void> {
  const token = E2E_EDGE.adminToken ?? ''
  for (const base of Object.values(FEED_WORLD_BASES)) {
    const report = await loadWorld(E2E_EDGE.url, token, feedWorld(base))
    const invalid = Object.values(report.invalid).reduce((a, b) => a + b, 0)
    if (invalid > 0) throw new Error(`world ${base}: ${invalid} seed items failed validation`)
  }
  for (const base of Object.values(FEED_WORLD_BASES)) await waitForIngest(base)
  // The product specs' larger worlds (several pages of feed).
  await seedProductWorlds(READY_TIMEOUT_MS)
}
