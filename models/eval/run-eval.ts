// One eval run over EvalData (the full export or the committed slice): ranker heads, dwell, retrieval, a
// cross-check of onnxruntime's scores against the TypeScript reference on the first sessions, and the
// references that need the regenerated world (plug-in ceiling, hold-out kinds, feed-level policy values).
import { createHash } from 'node:crypto'
import { classicalProbs } from '../../shared/eval/classical-baseline.ts'
import type { EvalData } from '../../shared/eval/eval-data.ts'
import { type EvalReferences, evaluateReferences } from '../../shared/eval/eval-references.ts'
import {
  type DwellRow,
  dwellRow,
  type HeadRow,
  headRows,
  predictSessions,
  referenceCrossCheck,
} from '../../shared/eval/ranker-eval.ts'
import { evaluateRetrieval, type RetrievalResult, towerCrossCheck } from '../../shared/eval/retrieval-eval.ts'
import { type SourceHeadRow, sourceHeadRows } from '../../shared/eval/source-metrics.ts'
import { DISCRETE_ACTIONS } from '../../shared/phoenix/actions.ts'
import { loadRankerWeights } from '../../shared/phoenix/reference/ranker-weights.ts'
import {
  loadPostTowerWeights,
  loadUserTowerWeights,
} from '../../shared/phoenix/reference/two-tower-reference.ts'
import { GENERATOR_VERSION, isPresetName, worldConfig } from '../../shared/world/config.ts'
import { generateWorld } from '../../shared/world/world.ts'
import type { World } from '../../shared/world/world-types.ts'
import { describeSet, MODEL_FILES, type ModelSet, readModel } from './artifacts.ts'
import { classicalFor } from './fit-classical.ts'
import type { OrtPhoenix } from './ort-phoenix.ts'

const A = DISCRETE_ACTIONS.length

export interface EvalReport {
  models: { set: string; sha256: Record<string, string> }
  data: {
    source: string
    generatorVersion: string
    preset: string
    seed: number
    sessions: number
    candidates: number
  }
  engine: string
  /** onnxruntime vs the TypeScript reference: ranker on the first sessions, towers on a few viewers/posts. */
  referenceCrossCheck: {
    sessions: number
    maxAbsDiff: number
    towers: { users: number; posts: number; maxAbsDiff: number }
  }
  ranker: { heads: HeadRow[]; dwell: DwellRow; pass: number; miss: number; notApplicable: number }
  retrieval: RetrievalResult
  /** Plug-in ceiling per head, every head by hold-out kind, feed-level policy values (eval-references.ts). */
  references: EvalReferences
  /** Logistic regression per head on hand-built features, fitted on TRAIN sessions (classical-baseline.ts). */
  classical: { trainSessions: number; trainCandidates: number; heads: SourceHeadRow[] }
  seconds: number
}

export interface EvalOptions {
  set: ModelSet
  ort: OrtPhoenix
  /** Sessions re-scored by the TypeScript reference as a cross-check. */
  crossCheckSessions: number
  /** The world the data came from; regenerated from data.world's seed when absent (a few seconds). */
  world?: World
  log?: (line: string) => void
}

/** The world EvalData was generated from (the plug-in ceiling and the policies need its hidden state). */
export function evalWorld(data: EvalData): World {
  const { generatorVersion, preset, seed } = data.world
  if (generatorVersion !== GENERATOR_VERSION || !isPresetName(preset))
    throw new Error(`eval data is ${generatorVersion}/${preset}; this code generates ${GENERATOR_VERSION}`)
  return generateWorld(worldConfig(preset, seed))
}

export async function runEval(data: EvalData, opts: EvalOptions): Promise<EvalReport> {
  const started = performance.now()
  const log = opts.log ?? (() => {})
  const sha256 = Object.fromEntries(
    MODEL_FILES.map((f) => [f, createHash('sha256').update(readModel(opts.set, f)).digest('hex')]),
  )
  log(`ranker: ${data.sessions.length} sessions with onnxruntime-web (wasm)…`)
  const pooled = await predictSessions(opts.ort, data, (done) => {
    if (done % 500 === 0) log(`  ${done} sessions`)
  })
  const weights = loadRankerWeights(readModel(opts.set, 'ranker.onnx'))
  const crossCheck = Math.min(opts.crossCheckSessions, data.sessions.length)
  const maxAbsDiff = referenceCrossCheck(weights, data, pooled, crossCheck)
  log(`reference cross-check on ${crossCheck} sessions: max |diff| ${maxAbsDiff.toExponential(2)}`)
  const heads = headRows(pooled, data)
  log(
    `retrieval: ${data.retrieval.users.length} held-out viewers, ${data.retrieval.corpus.length} corpus posts…`,
  )
  const retrieval = await evaluateRetrieval(opts.ort, data)
  const towerRefs = {
    user: loadUserTowerWeights(readModel(opts.set, 'user_tower.onnx')),
    post: loadPostTowerWeights(readModel(opts.set, 'post_tower.onnx')),
  }
  const towers = {
    users: Math.min(5, data.retrieval.users.length),
    posts: Math.min(64, data.retrieval.corpus.length),
  }
  const towerDiff = await towerCrossCheck(opts.ort, towerRefs, data, towers.users, towers.posts)
  log(
    `tower cross-check (${towers.users} viewers, ${towers.posts} posts): max |diff| ${towerDiff.toExponential(2)}`,
  )
  log('references: plug-in ceiling, hold-out kinds, policy values over held-out viewers…')
  const world = opts.world ?? evalWorld(data)
  const fitted = classicalFor(data.world, world, log)
  const classicalSource = {
    name: 'classical',
    probs: classicalProbs(fitted, data.posts, data.sessions),
    stride: A,
  }
  const classical = {
    trainSessions: fitted.trainSessions,
    trainCandidates: fitted.trainCandidates,
    heads: sourceHeadRows(classicalSource, pooled.labels),
  }
  const references = await evaluateReferences(world, data, pooled, { extraSources: [classicalSource] })
  return {
    models: { set: describeSet(opts.set), sha256 },
    data: {
      source: data.source,
      generatorVersion: data.world.generatorVersion,
      preset: data.world.preset,
      seed: data.world.seed,
      sessions: data.sessions.length,
      candidates: pooled.dwellSeconds.length,
    },
    engine:
      'onnxruntime-web 1.30.0, wasm backend in Node, 1 thread; split graphs (history once, candidates once)',
    referenceCrossCheck: { sessions: crossCheck, maxAbsDiff, towers: { ...towers, maxAbsDiff: towerDiff } },
    ranker: {
      heads,
      dwell: dwellRow(pooled),
      pass: heads.filter((h) => h.verdict === 'pass').length,
      miss: heads.filter((h) => h.verdict === 'miss').length,
      notApplicable: heads.filter((h) => h.verdict === 'n/a').length,
    },
    retrieval,
    references,
    classical,
    seconds: (performance.now() - started) / 1000,
  }
}
