// Retrieval recall@100 of the two-tower on held-out viewers. Each viewer's history goes through the user
// tower, every corpus post through the post tower, and the 100 best dot products are compared with:
//   overlap@100   = |top100 ∩ reference top100| / 100, the reference ranking by the world's true
//                   P(favorite) if shown fresh (retrieval-reference.ts; its own overlap is 1 by definition);
//   positives@100 = |top100 ∩ the viewer's favorites in eval sessions| / |those favorites|, averaged over
//                   viewers with at least one — defined for the model, the reference and popularity alike.
// The field names keep `oracle` (RetrievalUser.oracleTop, positives.oracle) for the reference's values, so
// the model lab and metrics.json readers are unchanged.
// Popularity is one global top 100 by engagement count; random is the expected overlap 100 / |corpus|.
import { PHOENIX_CONFIG } from '../phoenix/config.ts'
import { maxAbsDiff } from '../phoenix/reference/tensor-ops.ts'
import {
  type PostTowerWeights,
  postEmbeddings,
  type UserTowerWeights,
  userEmbedding,
} from '../phoenix/reference/two-tower-reference.ts'
import type { EvalData } from './eval-data.ts'
import type { EvalEngine } from './eval-engine.ts'
import { topK } from './metrics.ts'
import { engagementCount } from './popularity.ts'
import { RECALL_K } from './retrieval-task.ts'
import { postTensors, userHistory } from './session-features.ts'

const R = PHOENIX_CONFIG.retrievalDim
const BATCH = 512

export interface RetrievalResult {
  users: number
  usersWithPositives: number
  corpus: number
  overlap: { model: number; popularity: number; random: number }
  positives: { model: number; oracle: number; popularity: number }
  /** Acceptance: model ≥ 0.5 × reference on each measure (the reference's overlap is 1). */
  verdict: { overlap: 'pass' | 'miss'; positives: 'pass' | 'miss' | 'n/a' }
}

async function corpusEmbeddings(engine: EvalEngine, data: EvalData): Promise<Float32Array> {
  const ids = data.retrieval.corpus
  const out = new Float32Array(ids.length * R)
  for (let i = 0; i < ids.length; i += BATCH) {
    out.set(
      await engine.postEmbeddings(postTensors(data.posts, ids.slice(i, i + BATCH), data.world.nowMs)),
      i * R,
    )
  }
  return out
}

function hits(top: readonly string[], target: ReadonlySet<string>): number {
  return top.reduce((n, id) => n + (target.has(id) ? 1 : 0), 0)
}

/** `progress` is told after the corpus (0 of users) and after each viewer. */
export async function evaluateRetrieval(
  engine: EvalEngine,
  data: EvalData,
  progress?: (doneUsers: number, users: number) => void,
): Promise<RetrievalResult> {
  const { corpus, users } = data.retrieval
  const posts = await corpusEmbeddings(engine, data)
  progress?.(0, users.length)
  const popularityOrder = topK(
    corpus.map((id) => engagementCount(data.posts.get(id)!)),
    corpus.length,
  ).map((i) => corpus[i]!)
  const sums = { overlapModel: 0, overlapPop: 0, posModel: 0, posOracle: 0, posPop: 0, withPositives: 0 }
  for (const u of users) {
    const e = await engine.userEmbeddings([userHistory(data.posts, u.userId, u.history)])
    const skip = new Set(u.excluded)
    const scores = new Float64Array(corpus.length)
    corpus.forEach((id, j) => {
      let s = 0
      for (let d = 0; d < R; d++) s += e[d]! * posts[j * R + d]!
      scores[j] = skip.has(id) ? Number.NEGATIVE_INFINITY : s
    })
    const model = topK(scores, RECALL_K).map((j) => corpus[j]!)
    const popular = popularityOrder.filter((id) => !skip.has(id)).slice(0, RECALL_K)
    const oracle = new Set(u.oracleTop)
    sums.overlapModel += hits(model, oracle) / RECALL_K
    sums.overlapPop += hits(popular, oracle) / RECALL_K
    if (u.positives.length > 0) {
      const pos = new Set(u.positives)
      sums.withPositives++
      sums.posModel += hits(model, pos) / pos.size
      sums.posOracle += hits(u.oracleTop, pos) / pos.size
      sums.posPop += hits(popular, pos) / pos.size
    }
    progress?.(users.indexOf(u) + 1, users.length)
  }
  const n = Math.max(users.length, 1)
  const m = Math.max(sums.withPositives, 1)
  const r: RetrievalResult = {
    users: users.length,
    usersWithPositives: sums.withPositives,
    corpus: corpus.length,
    overlap: {
      model: sums.overlapModel / n,
      popularity: sums.overlapPop / n,
      random: Math.min(1, RECALL_K / corpus.length),
    },
    positives: { model: sums.posModel / m, oracle: sums.posOracle / m, popularity: sums.posPop / m },
    verdict: { overlap: 'miss', positives: 'n/a' },
  }
  r.verdict.overlap = r.overlap.model >= 0.5 ? 'pass' : 'miss'
  if (sums.withPositives > 0)
    r.verdict.positives = r.positives.model >= 0.5 * r.positives.oracle ? 'pass' : 'miss'
  return r
}

/** Max |onnxruntime − TypeScript reference| over the first `users` viewers' and `posts` corpus posts' embeddings. */
export async function towerCrossCheck(
  engine: EvalEngine,
  refs: { user: UserTowerWeights; post: PostTowerWeights },
  data: EvalData,
  users: number,
  posts: number,
): Promise<number> {
  let worst = 0
  for (const u of data.retrieval.users.slice(0, users)) {
    const h = userHistory(data.posts, u.userId, u.history)
    worst = Math.max(worst, maxAbsDiff(userEmbedding(refs.user, h), await engine.userEmbeddings([h])))
  }
  const some = postTensors(data.posts, data.retrieval.corpus.slice(0, posts), data.world.nowMs)
  return Math.max(worst, maxAbsDiff(postEmbeddings(refs.post, some), await engine.postEmbeddings(some)))
}
