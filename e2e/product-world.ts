// The product spec's world: a viewer who follows eight authors (eight posts each) and eight strangers with
// five posts each for retrieval, so a feed has far more than one page (35 posts) of candidates. One friend is
// flagged NSFW (the world's author flag → `nsfw_author`): followed, so the visibility rules put their posts
// behind an interstitial instead of dropping them. Seeded by global-setup.ts next to the feed worlds.
import { loadWorld } from '../edge/seed/seed-world'
import type { SeedAccount, SeedPost, WorldSeed } from '../shared/types/world-seed.ts'
import { E2E_EDGE } from './e2e-env'
import { adminCandidates, PROBE_EMBEDDING } from './feed-worlds'

/**
 * One copy per spec that reads it: serving in one cannot empty another's feed (served posts also leave the
 * Following tab for 48 h, so following.spec.ts has a copy nobody is served from).
 */
export const PRODUCT_BASES = { wasm: 9_000_003_000, webgpu: 9_000_004_000, following: 9_000_010_000 } as const
export type ProductWorldName = keyof typeof PRODUCT_BASES
const HOUR = 3_600_000
const FRIENDS = [2, 3, 4, 5, 6, 7, 8, 9]
const STRANGERS = [20, 21, 22, 23, 24, 25, 26, 27]
const TOPICS = ['coffee', 'trains', 'jazz', 'gardens', 'chess', 'rockets', 'bread', 'birds']
/** The followed author whose posts the For You timeline shows behind an interstitial. */
const NSFW_FRIEND = 9

const idOf = (base: number, n: number) => String(base + n)
const handleOf = (base: number, n: number) => `p${n}x${base % 1_000_000}`

export function productViewer(name: ProductWorldName): { id: string; handle: string } {
  const base = PRODUCT_BASES[name]
  return { id: idOf(base, 1), handle: handleOf(base, 1) }
}

/** The followed NSFW author's id in a spec's copy of the world. */
export function productNsfwFriendId(name: ProductWorldName): string {
  return idOf(PRODUCT_BASES[name], NSFW_FRIEND)
}

export function productWorld(base: number): WorldSeed {
  const id = (n: number) => idOf(base, n)
  const handle = (n: number) => handleOf(base, n)
  const account = (n: number): SeedAccount => ({
    id: id(n),
    handle: handle(n),
    displayName: `Person ${n}`,
    protected: false,
    subscriptionTier: 'none',
    nsfw: n === NSFW_FRIEND,
    createdAgoMs: 200 * 24 * HOUR,
  })
  const posts: SeedPost[] = []
  const add = (author: number, k: number, n: number, ageH: number) =>
    posts.push({
      id: id(n),
      authorId: id(author),
      text: `${TOPICS[k % TOPICS.length]} note ${k} from person ${author}`,
      createdAgoMs: ageH * HOUR,
      media: k % 4 === 0 ? [{ type: 'image' }] : [],
      subscriberOnly: false,
      language: 'en',
      counts: { favorite: 3 * k, reply: k, repost: k % 3, quote: 0, view: 40 * (k + 1) },
    })
  FRIENDS.forEach((f, i) => {
    for (let k = 0; k < 8; k++) add(f, k + i, 1000 + f * 10 + k, 1 + k * 4 + i * 0.3)
  })
  STRANGERS.forEach((s, i) => {
    for (let k = 0; k < 5; k++) add(s, k + i, 2000 + s * 10 + k, 2 + k * 5 + i * 0.2)
  })
  return {
    format: 'for-you-edge/world-seed@1',
    worldSeed: base,
    accounts: [account(1), ...FRIENDS.map(account), ...STRANGERS.map(account)],
    follows: FRIENDS.map((f): [string, string] => [id(1), id(f)]),
    posts,
    engagements: [{ userId: id(1), postId: id(1020), action: 'favorite', agoMs: HOUR }],
  }
}

/** Seeds the worlds and waits until Thunder holds the friends' posts and retrieval finds the strangers'. */
export async function seedProductWorlds(timeoutMs = 180_000): Promise<void> {
  const token = E2E_EDGE.adminToken ?? ''
  for (const base of Object.values(PRODUCT_BASES)) {
    const report = await loadWorld(E2E_EDGE.url, token, productWorld(base))
    const invalid = Object.values(report.invalid).reduce((a, b) => a + b, 0)
    if (invalid > 0) throw new Error(`product world ${base}: ${invalid} seed items failed validation`)
  }
  for (const name of Object.keys(PRODUCT_BASES) as ProductWorldName[]) await waitForIngest(name, timeoutMs)
}

async function waitForIngest(name: ProductWorldName, timeoutMs: number): Promise<void> {
  const viewerId = productViewer(name).id
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    const r = await adminCandidates(viewerId, PROBE_EMBEDDING).catch(() => null)
    if (r !== null) {
      const thunder = r.candidates.filter((c) => c.source === 'thunder').length
      const retrieved = r.candidates.filter((c) => c.source === 'phoenix_retrieval').length
      if (thunder >= 60 && retrieved >= 36) return
      last = `thunder ${thunder}, retrieval ${retrieved}`
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error(`product world ${name} not ingested after ${timeoutMs / 1000} s (${last})`)
}
