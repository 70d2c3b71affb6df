// The Phoenix ONNX files run by onnxruntime-web's WASM backend in Node: the engine of the eval and the
// benchmark, and the other side of the TypeScript reference's parity tests. Typed arrays in and out, in
// the shapes of shared/phoenix/features.ts and shared/phoenix/reference (batch 1 unless stated).
import * as ort from 'onnxruntime-web'
import { PHOENIX_CONFIG } from '../../shared/phoenix/config.ts'
import type { CandidateTensors, HistoryTensors } from '../../shared/phoenix/features.ts'
import { PHOENIX_ORT_EXTRA } from '../../shared/phoenix/ort-session-options.ts'
import type { RankerPrefix, RankerScores } from '../../shared/phoenix/reference/ranker-reference.ts'
import { MODEL_FILES, type ModelFile, type ModelSet, readModel } from './artifacts.ts'
import { candidateFeeds, historyFeeds, postFeeds } from './ort-feeds.ts'

const { historyLen: H, layers: L, heads: NH, dModel: D, retrievalDim: R } = PHOENIX_CONFIG
const DH = D / NH

/** WASM in Node: one thread (workers are not needed for parity or the eval, and keep timings honest). */
export function configureOrtForNode(threads = 1): void {
  ort.env.wasm.numThreads = threads
  ort.env.logLevel = 'error'
}

function floats(out: ort.InferenceSession.OnnxValueMapType, name: string): Float32Array {
  const t = out[name]
  if (t === undefined || !(t.data instanceof Float32Array))
    throw new Error(`ONNX output ${name} is missing or not float32`)
  return t.data
}

/**
 * The five Phoenix graphs of one model set, one onnxruntime session each, created by `load` or on first use.
 * Runs are awaited one at a time: ORT rejects concurrent runs on a session.
 */
export class OrtPhoenix {
  private readonly sessions = new Map<ModelFile, Promise<ort.InferenceSession>>()

  private constructor(readonly set: ModelSet) {}

  /** Creates the sessions of `eager` now (so timing-sensitive callers pay up front); the rest on first use. */
  static async load(set: ModelSet, eager: readonly ModelFile[] = MODEL_FILES): Promise<OrtPhoenix> {
    const o = new OrtPhoenix(set)
    for (const file of eager) await o.session(file)
    return o
  }

  private session(file: ModelFile): Promise<ort.InferenceSession> {
    let s = this.sessions.get(file)
    if (s === undefined) {
      s = ort.InferenceSession.create(readModel(this.set, file), {
        executionProviders: ['wasm'],
        graphOptimizationLevel: 'all',
        extra: PHOENIX_ORT_EXTRA,
      })
      // A failed load is dropped so the next call can retry.
      s.catch(() => this.sessions.delete(file))
      this.sessions.set(file, s)
    }
    return s
  }

  /** ranker.onnx for B viewers with C candidates each: probs [B·C·A] and dwell seconds [B·C]. */
  async rankBatch(hs: readonly HistoryTensors[], cs: readonly CandidateTensors[]): Promise<RankerScores> {
    const out = await (await this.session('ranker.onnx')).run({ ...historyFeeds(hs), ...candidateFeeds(cs) })
    return {
      n: cs.length * (cs[0]?.n ?? 0),
      probs: floats(out, 'probs'),
      dwellSeconds: floats(out, 'dwell_seconds'),
    }
  }

  /** The full pass for one viewer. */
  async rank(h: HistoryTensors, c: CandidateTensors): Promise<RankerScores> {
    return this.rankBatch([h], [c])
  }

  /** ranker_history.onnx for one viewer: prefix keys/values [L, 1, heads, H + 1, dh] and validity. */
  async encodeHistory(h: HistoryTensors): Promise<RankerPrefix> {
    const out = await (await this.session('ranker_history.onnx')).run(historyFeeds([h]))
    return {
      keys: floats(out, 'prefix_k'),
      values: floats(out, 'prefix_v'),
      valid: floats(out, 'prefix_valid'),
    }
  }

  /** ranker_candidates.onnx for one viewer's cached prefix. */
  async scoreCandidates(prefix: RankerPrefix, c: CandidateTensors): Promise<RankerScores> {
    const kvDims = [L, 1, NH, H + 1, DH]
    const out = await (await this.session('ranker_candidates.onnx')).run({
      prefix_k: new ort.Tensor('float32', prefix.keys, kvDims),
      prefix_v: new ort.Tensor('float32', prefix.values, kvDims),
      prefix_valid: new ort.Tensor('float32', prefix.valid, [1, H + 1]),
      ...candidateFeeds([c]),
    })
    return { n: c.n, probs: floats(out, 'probs'), dwellSeconds: floats(out, 'dwell_seconds') }
  }

  /** user_tower.onnx for B viewers: unit embeddings [B·R]. */
  async userEmbeddings(hs: readonly HistoryTensors[]): Promise<Float32Array> {
    const out = await (await this.session('user_tower.onnx')).run(historyFeeds(hs, false))
    const e = floats(out, 'user_embedding')
    if (e.length !== hs.length * R) throw new Error(`user_embedding has ${e.length} values`)
    return e
  }

  /** post_tower.onnx for N posts: unit embeddings [N·R]. */
  async postEmbeddings(c: CandidateTensors): Promise<Float32Array> {
    const out = await (await this.session('post_tower.onnx')).run(postFeeds(c))
    return floats(out, 'post_embedding')
  }

  async release(): Promise<void> {
    const open = [...this.sessions.values()]
    this.sessions.clear()
    for (const s of await Promise.allSettled(open)) if (s.status === 'fulfilled') await s.value.release()
  }
}
