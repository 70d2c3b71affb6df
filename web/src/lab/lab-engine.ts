// The lab's EvalEngine: the four Phoenix graphs on one worker pool pinned to one provider (no fallback, so
// a WebGPU result is a WebGPU measurement; every graph is WebGPU-safe, models/train/webgpu-safe-graph.ts),
// timing every run. Cancelling makes the next run throw.
import type { EvalEngine } from '../../../shared/eval/eval-engine.ts'
import { PHOENIX_CONFIG } from '../../../shared/phoenix/config.ts'
import type { CandidateTensors, HistoryTensors } from '../../../shared/phoenix/features.ts'
import {
  historyFeeds,
  type PlainFeeds,
  postFeeds,
  rankerCandidateFeeds,
} from '../../../shared/phoenix/onnx-feeds.ts'
import type { RankerPrefix, RankerScores } from '../../../shared/phoenix/reference/ranker-reference.ts'
import type { PhoenixModelRefs } from '../phoenix/phoenix-models'
import { createOrtPool, type OrtPool } from '../pool/pool'
import type { Provider, TensorData } from '../pool/types'

const { retrievalDim: R } = PHOENIX_CONFIG

/** Wall-clock ms of each run per graph (page → worker → page), and the rows each run scored. */
export interface RunTimings {
  ms: Record<string, number[]>
  rows: Record<string, number[]>
}

function floats(outputs: Record<string, TensorData>, name: string): Float32Array {
  const t = outputs[name]
  if (t?.type !== 'float32') throw new Error(`ONNX output ${name} is missing or not float32`)
  return t.data
}

export class LabEngine implements EvalEngine {
  readonly timings: RunTimings = { ms: {}, rows: {} }

  private constructor(
    private readonly pool: OrtPool,
    private readonly models: PhoenixModelRefs,
    readonly provider: Provider,
    /** The provider each graph runs on. */
    readonly graphs: Record<string, Provider>,
    readonly loadMs: number,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * Loads the graphs on `provider` only (all four, or the `only` ones: the ranker alone needs two); throws
   * (and frees the pool) when one does not load there.
   */
  static async create(
    models: PhoenixModelRefs,
    provider: Provider,
    signal: AbortSignal,
    only: readonly (keyof PhoenixModelRefs)[] = Object.keys(models) as (keyof PhoenixModelRefs)[],
  ): Promise<LabEngine> {
    const pool = createOrtPool({ size: 1 })
    try {
      let loadMs = 0
      const graphs: Record<string, Provider> = {}
      for (const ref of only.map((k) => models[k])) {
        signal.throwIfAborted()
        const loaded = await pool.load(ref, [provider])
        if (!loaded.ok) throw new Error(`${ref.name} on ${provider}: ${loaded.code}: ${loaded.message}`)
        graphs[ref.name] = provider
        loadMs += loaded.loadMs
      }
      return new LabEngine(pool, models, provider, graphs, loadMs, signal)
    } catch (e) {
      pool.terminate()
      throw e
    }
  }

  async encodeHistory(h: HistoryTensors): Promise<RankerPrefix> {
    const out = await this.run(this.models.rankerHistory.name, historyFeeds([h]), 1)
    return {
      keys: floats(out, 'prefix_k'),
      values: floats(out, 'prefix_v'),
      valid: floats(out, 'prefix_valid'),
    }
  }

  async scoreCandidates(prefix: RankerPrefix, c: CandidateTensors): Promise<RankerScores> {
    // The pool transfers input buffers away: hand it copies so the caller's prefix stays usable.
    const copy = { keys: prefix.keys.slice(), values: prefix.values.slice(), valid: prefix.valid.slice() }
    const out = await this.run(this.models.rankerCandidates.name, rankerCandidateFeeds(copy, c), c.n)
    return { n: c.n, probs: floats(out, 'probs'), dwellSeconds: floats(out, 'dwell_seconds') }
  }

  async userEmbeddings(hs: readonly HistoryTensors[]): Promise<Float32Array> {
    const out = await this.run(this.models.userTower.name, historyFeeds(hs, false), hs.length)
    const e = floats(out, 'user_embedding')
    if (e.length !== hs.length * R) throw new Error(`user_embedding has ${e.length} values`)
    return e
  }

  async postEmbeddings(c: CandidateTensors): Promise<Float32Array> {
    const out = await this.run(this.models.postTower.name, postFeeds(c), c.n)
    return floats(out, 'post_embedding')
  }

  release(): void {
    this.pool.terminate()
  }

  private async run(model: string, feeds: PlainFeeds, rows: number): Promise<Record<string, TensorData>> {
    this.signal.throwIfAborted()
    const t0 = performance.now()
    const res = await this.pool.run(model, feeds)
    const ms = performance.now() - t0
    this.signal.throwIfAborted()
    if (!res.ok) throw new Error(`${model} on ${this.provider}: ${res.code}: ${res.message}`)
    this.timings.ms[model] = [...(this.timings.ms[model] ?? []), ms]
    this.timings.rows[model] = [...(this.timings.rows[model] ?? []), rows]
    return res.outputs
  }
}
