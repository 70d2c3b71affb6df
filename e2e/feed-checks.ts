// The For You flow in the page, checked from outside: sign in as a seeded viewer, load the feed (user tower
// → candidates → ranking in the pool → served), read the rendered items and their explanations, and check
// them against the ranking parameters and against the edge.
import { expect, type Page } from '@playwright/test'
import { DEFAULT_RANKING_PARAMS as PARAMS } from '../shared/ranking/ranking-params.ts'
import { adminCandidates, type FeedWorldFacts, PROBE_EMBEDDING } from './feed-worlds'

interface RenderedHead {
  head: string
  value: number | null
  weight: number
  term: number
  gated: string | null
}

interface RenderedAdjustment {
  kind: string
  before: number
  after: number
  factor: number | null
}

export interface RenderedItem {
  postId: string
  authorId: string
  inNetwork: boolean
  source: string
  score: number
  finalScore: number
  position: number
  weightedScore: number | null
  replyBoosted: boolean
  heads: RenderedHead[]
  adjustments: RenderedAdjustment[]
}

/** Upstream §4.2 sums of the negative and of all discrete-head weights (the issue pins them). */
const NEGATIVE_SUM = 367.22
const TOTAL_SUM = 410.54

export async function loadFeedInPage(
  page: Page,
  world: FeedWorldFacts,
  poolSize: number,
): Promise<RenderedItem[]> {
  // Not openApp: the feed does not wait for the health panel's smoke checks (slow on a busy machine).
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`/?feedPool=${poolSize}`)
  await expect(page.locator('#feed')).toHaveAttribute('data-state', 'idle')
  await page.locator('#feed-handle').fill(world.viewerHandle)
  await page.locator('#feed-load').click()
  const feed = page.locator('#feed')
  await expect(feed).toHaveAttribute('data-state', /ready|error/, { timeout: 420_000 })
  expect(await feed.getAttribute('data-error')).toBeNull()
  await expect(feed).toHaveAttribute('data-state', 'ready')
  await expect(feed).toHaveAttribute('data-viewer-id', world.viewerId)
  expect(errors).toEqual([])
  return page.locator('.feed-item').evaluateAll((nodes) => {
    const num = (v: string | undefined) => (v === undefined || v === 'null' ? null : Number(v))
    return nodes.map((node) => {
      const li = node as HTMLElement
      const weighted = li.querySelector<HTMLElement>('.weighted')
      return {
        postId: li.dataset.postId ?? '',
        authorId: li.dataset.authorId ?? '',
        inNetwork: li.dataset.inNetwork === 'true',
        source: li.dataset.source ?? '',
        score: Number(li.dataset.score),
        finalScore: Number(li.dataset.finalScore),
        position: Number(li.dataset.position),
        weightedScore: num(weighted?.dataset.weightedScore),
        replyBoosted: weighted?.dataset.replyBoosted === 'true',
        heads: Array.from(li.querySelectorAll<HTMLElement>('.head')).map((h) => ({
          head: h.dataset.head ?? '',
          value: num(h.dataset.value),
          weight: Number(h.dataset.weight),
          term: Number(h.dataset.term),
          gated: h.dataset.gated ?? null,
        })),
        adjustments: Array.from(li.querySelectorAll<HTMLElement>('.adjustment')).map((a) => ({
          kind: a.dataset.kind ?? '',
          before: Number(a.dataset.before),
          after: Number(a.dataset.after),
          factor: num(a.dataset.factor),
        })),
      }
    })
  })
}

/** Both networks, no own posts, served order = score order, and every explanation's arithmetic adds up. */
export function expectExplainedRanking(items: RenderedItem[], world: FeedWorldFacts): void {
  expect(items.some((i) => i.inNetwork)).toBe(true)
  expect(items.some((i) => !i.inNetwork)).toBe(true)
  // With an embedding sent, out-of-network posts come from retrieval (the popular fallback is off).
  expect(items.filter((i) => !i.inNetwork).every((i) => i.source === 'phoenix_retrieval')).toBe(true)
  expect(new Set(items.map((i) => i.postId)).size).toBe(items.length)
  for (const i of items) {
    expect(i.authorId).not.toBe(world.viewerId)
    expect(world.ownPostIds).not.toContain(i.postId)
  }
  expect(items.map((i) => i.position)).toEqual(items.map((_, k) => k))
  for (let k = 1; k < items.length; k++) expect(items[k]!.score).toBeLessThanOrEqual(items[k - 1]!.score)
  for (const item of items) expectExplanationAddsUp(item)
}

function expectExplanationAddsUp(item: RenderedItem): void {
  expect(Number.isFinite(item.score)).toBe(true)
  expect(item.finalScore).toBe(item.score)
  expect(item.weightedScore).not.toBeNull()
  expect(item.heads).toHaveLength(26)
  let combined = 0
  for (const h of item.heads) {
    const boost = h.head === 'reply' && item.replyBoosted ? PARAMS.bidirectionalReplyBoost : 0
    expect(h.weight, h.head).toBe(PARAMS.weights[h.head as keyof typeof PARAMS.weights] + boost)
    if (h.gated !== null) expect(h.term, h.head).toBe(0)
    else expect(h.term, h.head).toBeCloseTo((h.value ?? Number.NaN) * h.weight, 12)
    combined += h.term
  }
  const weighted = combined >= 0 ? combined + 0.001 : ((combined + NEGATIVE_SUM) / TOTAL_SUM) * 0.001
  expect(item.weightedScore!).toBeCloseTo(weighted, 9)
  // Adjustments chain from the weighted score to the final score, each multiplier applied as stated.
  let score = item.weightedScore!
  for (const a of item.adjustments) {
    expect(a.before, a.kind).toBe(score)
    if (a.factor !== null) expect(a.after, a.kind).toBeCloseTo(a.before * a.factor, 12)
    score = a.after
  }
  expect(item.finalScore).toBe(score)
  const oon = item.adjustments.find((a) => a.kind === 'out_of_network')
  if (!item.inNetwork) expect(oon?.factor).toBe(PARAMS.outOfNetwork.factor)
}

/** The served ids reached the edge: candidates that held them before no longer do. */
export async function expectServedRecorded(
  world: FeedWorldFacts,
  before: Set<string>,
  items: RenderedItem[],
): Promise<void> {
  const served = items.map((i) => i.postId)
  expect(served.filter((id) => before.has(id)).length).toBeGreaterThan(0)
  const after = (await adminCandidates(world.viewerId, PROBE_EMBEDDING)).candidates.map((c) => c.postId)
  expect(after.filter((id) => served.includes(id))).toEqual([])
}

export async function candidateIdsBefore(world: FeedWorldFacts): Promise<Set<string>> {
  return new Set((await adminCandidates(world.viewerId, PROBE_EMBEDDING)).candidates.map((c) => c.postId))
}
