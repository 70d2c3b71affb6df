// The browser's Phoenix runtime: the split ranker (ranker_history → prefix K/V, ranker_candidates) and the
// user tower on the ORT worker pool. The history prefix is encoded once per viewer and history (cached
// here, on the page), and each chunk of candidates carries a copy of its K/V (~0.5 MB) to whichever worker
// runs it: workers stay stateless, any worker can take any chunk, and one encode serves them all.
import { PHOENIX_CONFIG } from '../../../shared/phoenix/config.ts'
import { featurizeCandidates, featurizeHistory } from '../../../shared/phoenix/features.ts'
import {
  historyFeeds,
  type PlainFeeds,
  type PrefixTensors,
  rankerCandidateFeeds,
} from '../../../shared/phoenix/onnx-feeds.ts'
import type { PhoenixScoreEngine, PhoenixScores } from '../../../shared/ranking/score-engine.ts'
import type { FeedCandidate, FeedViewer } from '../../../shared/types/feed.ts'
import type { OrtPool, PoolProgress } from '../pool/pool'
import type { ModelRef, Provider, RunCounts, TensorData } from '../pool/types'
import type { PhoenixModelRefs } from './phoenix-models'
import type { PhoenixBackend } from './phoenix-types'
import { historyFingerprint, PrefixCache } from './prefix-cache'

const { discreteHeads: A, retrievalDim: R } = PHOENIX_CONFIG

/**
 * Graphs kept on WASM even when WebGPU works, with the reason (reported as the fallback reason). Empty: in
 * Chromium 156 (SwiftShader), onnxruntime-web 1.30's WebGPU EP read the wrong values for the int32→int64
 * Casts in front of ranker_candidates' and user_tower's embedding Gathers (off by 0.05 and 0.10); the
 * shipped graphs feed those Gathers int32 directly (models/train/webgpu-safe-graph.ts) and match WASM to 1e-6.
 */
export const WEBGPU_EXCLUDED: Readonly<Record<string, string>> = {}

export interface PhoenixEngineOptions {
  /** Why WebGPU is not among the providers (e.g. no adapter): reported as the fallback reason. */
  whyNoWebgpu?: string
  /** Candidates per ranker_candidates run; more are split into chunks spread over the pool's workers. */
  chunkSize?: number
  /** Viewers whose encoded history prefix is kept. */
  prefixCacheSize?: number
  /** Hears every worker's download bytes and session-created events while the models load. */
  onLoadProgress?: PoolProgress
}

/** The graphs the feed engine loads, in load order (the lab also loads post_tower). */
export const engineModels = (m: PhoenixModelRefs): ModelRef[] => [
  m.rankerHistory,
  m.rankerCandidates,
  m.userTower,
]

function floats(outputs: Record<string, TensorData>, name: string): Float32Array {
  const t = outputs[name]
  if (t?.type !== 'float32') throw new Error(`ONNX output ${name} is missing or not float32`)
  return t.data
}

export class PoolPhoenixEngine implements PhoenixScoreEngine {
  readonly name: string
  private readonly prefixes: PrefixCache
  private readonly chunkSize: number

  private constructor(
    private readonly pool: OrtPool,
    private readonly models: PhoenixModelRefs,
    readonly backend: PhoenixBackend,
    options: PhoenixEngineOptions,
  ) {
    const used = [...new Set(Object.values(backend.models))].sort((a, b) =>
      a === backend.provider ? -1 : b === backend.provider ? 1 : 0,
    )
    this.name = `ort-${used.join('+')}`
    this.chunkSize = Math.max(1, options.chunkSize ?? PHOENIX_CONFIG.maxCandidates)
    this.prefixes = new PrefixCache(options.prefixCacheSize)
  }

  /**
   * Creates the ranker and user-tower sessions on every worker of `pool`, trying `providers` in order. Once
   * one model fell back, the others load on the provider that worked, so a failing WebGPU is tried once.
   */
  static async create(
    pool: OrtPool,
    models: PhoenixModelRefs,
    providers: Provider[],
    options: PhoenixEngineOptions = {},
  ): Promise<PoolPhoenixEngine> {
    const reasons: string[] = []
    if (!providers.includes('webgpu'))
      reasons.push(`webgpu not tried: ${options.whyNoWebgpu ?? 'not in the provider list'}`)
    const loadedOn: Record<string, Provider> = {}
    let offer = providers
    let loadMs = 0
    for (const ref of engineModels(models)) {
      const kept = WEBGPU_EXCLUDED[ref.name]
      const mine =
        kept !== undefined && offer.includes('webgpu') ? offer.filter((p) => p !== 'webgpu') : offer
      if (mine !== offer) reasons.push(`${ref.name} kept off webgpu: ${kept}`)
      const loaded = await pool.load(ref, mine, options.onLoadProgress)
      if (!loaded.ok) throw new Error(`${ref.name}: ${loaded.code}: ${loaded.message}`)
      if (loaded.providers.some((p) => p !== loaded.provider))
        throw new Error(`${ref.name}: workers disagree on the provider (${loaded.providers.join(', ')})`)
      if (loaded.fallbackReason !== undefined) {
        reasons.push(`${ref.name}: ${loaded.fallbackReason}`)
        offer = [loaded.provider]
      }
      loadedOn[ref.name] = loaded.provider
      loadMs += loaded.loadMs
    }
    const backend: PhoenixBackend = {
      provider: loadedOn[models.rankerHistory.name]!,
      models: loadedOn,
      tried: providers,
      loadMs,
    }
    if (reasons.length > 0) backend.fallbackReason = reasons.join('; ')
    return new PoolPhoenixEngine(pool, models, backend, options)
  }

  async score(
    viewer: FeedViewer,
    candidates: readonly FeedCandidate[],
    nowMs: number,
  ): Promise<PhoenixScores> {
    const n = candidates.length
    const probs = new Float32Array(n * A)
    const dwellSeconds = new Float32Array(n)
    if (n === 0) return { probs, dwellSeconds }
    const prefix = await this.prefix(viewer)
    const chunks: Promise<void>[] = []
    for (let start = 0; start < n; start += this.chunkSize) {
      const part = featurizeCandidates(candidates.slice(start, start + this.chunkSize), nowMs)
      const run = this.run(this.models.rankerCandidates.name, rankerCandidateFeeds(prefix, part))
      chunks.push(
        run.then((out) => {
          probs.set(floats(out, 'probs').subarray(0, part.n * A), start * A)
          dwellSeconds.set(floats(out, 'dwell_seconds').subarray(0, part.n), start)
        }),
      )
    }
    await Promise.all(chunks)
    return { probs, dwellSeconds }
  }

  /** The viewer's unit user-tower embedding [retrievalDim]: what the edge's retrieval source takes. */
  async userEmbedding(viewer: FeedViewer): Promise<Float32Array> {
    const history = featurizeHistory(viewer.userId, viewer.history)
    const out = await this.run(this.models.userTower.name, historyFeeds([history], false))
    const e = floats(out, 'user_embedding')
    if (e.length !== R) throw new Error(`user_embedding has ${e.length} values, expected ${R}`)
    return e
  }

  /** Completed session runs per model, per worker (a cached prefix shows as no new ranker_history run). */
  runCounts(): Promise<RunCounts[]> {
    return this.pool.runCounts()
  }

  private async prefix(viewer: FeedViewer): Promise<PrefixTensors> {
    const history = featurizeHistory(viewer.userId, viewer.history)
    const key = `${viewer.userId}:${await historyFingerprint(history)}`
    return this.prefixes.get(key, async () => {
      const out = await this.run(this.models.rankerHistory.name, historyFeeds([history]))
      return {
        keys: floats(out, 'prefix_k'),
        values: floats(out, 'prefix_v'),
        valid: floats(out, 'prefix_valid'),
      }
    })
  }

  private async run(model: string, feeds: PlainFeeds): Promise<Record<string, TensorData>> {
    const res = await this.pool.run(model, feeds)
    if (!res.ok) throw new Error(`${model}: ${res.code}: ${res.message}`)
    return res.outputs
  }
}
