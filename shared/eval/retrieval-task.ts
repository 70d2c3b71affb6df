// Builds the retrieval task from the regenerated world (the oracle needs its hidden state): for every
// held-out viewer with an eval session, the history of their earliest eval session, the corpus's top 100
// by the reference (retrieval-reference.ts: true P(favorite) if shown fresh, in-network terms included),
// and the corpus posts they favorited in any eval session.
//
// Corpus: every post created in the eval window [cutoff, now) that is not a repost (a repost's content is
// its original's, which is in the corpus too) and not subscriber-only. Per viewer, their own posts and the
// posts already in their history are excluded, for the model, the oracle and the baseline alike.
import { DISCRETE_INDEX } from '../phoenix/actions.ts'
import { GENERATOR_VERSION, isPresetName, worldConfig } from '../world/config.ts'
import { generateWorld } from '../world/world.ts'
import type { World } from '../world/world-types.ts'
import type { Dataset, RetrievalTask, RetrievalUser } from './eval-data.ts'
import { referenceTop } from './retrieval-reference.ts'

export const RECALL_K = 100

/** The world the dataset was generated from, checked against its posts file. */
export function regenerateWorld(ds: Dataset): World {
  const { manifest } = ds
  if (manifest.generatorVersion !== GENERATOR_VERSION || !isPresetName(manifest.preset)) {
    throw new Error(
      `dataset is ${manifest.generatorVersion}/${manifest.preset}; this code generates ${GENERATOR_VERSION}`,
    )
  }
  const world = generateWorld(worldConfig(manifest.preset, manifest.seed))
  const mismatch = world.posts.length !== ds.posts.size || world.posts.some((p) => !ds.posts.has(p.id))
  if (mismatch)
    throw new Error('the regenerated world does not match posts.jsonl (different generator or seed)')
  return world
}

export function evalCorpus(ds: Dataset): string[] {
  const { cutoffMs, nowMs } = ds.manifest
  return [...ds.posts.values()]
    .filter(
      (p) => p.createdAtMs >= cutoffMs && p.createdAtMs < nowMs && p.repostOfId === null && !p.subscriberOnly,
    )
    .map((p) => p.id)
}

export interface TaskOptions {
  /** Keep only this many viewers (the first in file order). */
  maxUsers?: number
  /** Use this corpus instead of the whole eval window (the slice samples it). */
  corpus?: string[]
}

export function buildRetrievalTask(world: World, ds: Dataset, opts: TaskOptions = {}): RetrievalTask {
  const corpus = opts.corpus ?? evalCorpus(ds)
  const inCorpus = new Set(corpus)
  const heldOut = new Set(ds.manifest.split.heldOutUserIds)
  const earliest = new Map<string, (typeof ds.sessions)[number]>()
  const positives = new Map<string, Set<string>>()
  for (const s of ds.sessions) {
    if (!heldOut.has(s.userId)) continue
    const first = earliest.get(s.userId)
    if (first === undefined || s.servedAtMs < first.servedAtMs) earliest.set(s.userId, s)
    const mine = positives.get(s.userId) ?? new Set<string>()
    for (const [postId, , labels] of s.candidates) {
      if ((labels >>> DISCRETE_INDEX.favorite) & 1 && inCorpus.has(postId)) mine.add(postId)
    }
    positives.set(s.userId, mine)
  }
  const users: RetrievalUser[] = []
  for (const [userId, session] of earliest) {
    if (opts.maxUsers !== undefined && users.length >= opts.maxUsers) break
    const seen = new Set(session.history.map((h) => h[0]))
    const excluded = corpus.filter((id) => seen.has(id) || ds.posts.get(id)!.authorId === userId)
    const skip = new Set(excluded)
    const candidates = corpus.filter((id) => !skip.has(id))
    users.push({
      userId,
      history: session.history,
      oracleTop: referenceTop(world, userId, candidates, RECALL_K),
      positives: [...(positives.get(userId) ?? [])].filter((id) => !skip.has(id)),
      excluded,
    })
  }
  return { corpus, users }
}
