// The Phoenix models at the edge, through the TypeScript reference forward passes (shared/phoenix/reference):
// the post tower for the retrieval index, the user tower for viewers without a browser, and the split
// ranker for GET /v1/feed. Weights come from the MODEL_ASSETS binding, loaded once per isolate.
import { type CandidateInput, featurizeCandidates, featurizeHistory } from '../../shared/phoenix/features.ts'
import {
  loadPostTowerWeights,
  loadUserTowerWeights,
  type PostTowerWeights,
  postEmbeddings as postTowerForward,
  type UserTowerWeights,
  userEmbedding as userTowerForward,
} from '../../shared/phoenix/reference/two-tower-reference.ts'
import type { PhoenixScoreEngine } from '../../shared/ranking/score-engine.ts'
import type { FeedViewer } from '../../shared/types/feed.ts'
import type { Env } from '../env'
import { fetchModelBytes, oncePerIsolate } from './model-assets'
import { loadSplitRankerWeights, ReferenceScoreEngine } from './reference-score-engine'

export interface EdgeModels {
  /** Post-tower embeddings (TypeScript reference forward pass), one per post, L2-normalised as the tower outputs. */
  postEmbeddings(posts: readonly CandidateInput[], nowMs: number): Float32Array[]
  /** The viewer's user-tower embedding from their history. */
  userEmbedding(viewer: FeedViewer, nowMs: number): Float32Array
  /** The Phoenix ranker through the TypeScript reference (split graph, prefix cached per viewer). */
  scoreEngine: PhoenixScoreEngine
}

/** The post tower alone (the ingest consumer needs nothing else; ~8 MB of weights instead of ~28 MB). */
export function postTower(env: Env): Promise<PostTowerWeights> {
  return oncePerIsolate('post_tower', async () =>
    loadPostTowerWeights(await fetchModelBytes(env.MODEL_ASSETS, 'post_tower.onnx')),
  )
}

export function userTower(env: Env): Promise<UserTowerWeights> {
  return oncePerIsolate('user_tower', async () =>
    loadUserTowerWeights(await fetchModelBytes(env.MODEL_ASSETS, 'user_tower.onnx')),
  )
}

/** Unit post embeddings [R] of posts, one Float32Array per post (own buffers: they cross RPC alone). */
export function embedPosts(
  w: PostTowerWeights,
  posts: readonly CandidateInput[],
  nowMs: number,
): Float32Array[] {
  if (posts.length === 0) return []
  const flat = postTowerForward(w, featurizeCandidates(posts, nowMs))
  const r = flat.length / posts.length
  return posts.map((_, i) => flat.slice(i * r, (i + 1) * r))
}

/** All four models, loaded in parallel once per isolate; a failed load is retried on the next call. */
export function edgeModels(env: Env): Promise<EdgeModels> {
  return oncePerIsolate('edge_models', async () => {
    const [post, user, ranker] = await Promise.all([
      postTower(env),
      userTower(env),
      oncePerIsolate('ranker_split', () => loadSplitRankerWeights(env.MODEL_ASSETS)),
    ])
    return {
      postEmbeddings: (posts, nowMs) => embedPosts(post, posts, nowMs),
      // The history's age buckets are relative to each engagement, not to now: nowMs is unused.
      userEmbedding: (viewer) => userTowerForward(user, featurizeHistory(viewer.userId, viewer.history)),
      scoreEngine: new ReferenceScoreEngine(ranker),
    }
  })
}
