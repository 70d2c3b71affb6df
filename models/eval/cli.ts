// `npm run models:eval [-- --data models/data --sessions N --models trained|dev|DIR --out DIR --write-slice]`
// `npm run models:eval -- --slice` evaluates the committed slice instead (no models/data needed).
// `npm run models:eval -- --regenerate --sessions N [--corpus M --retrieval-users U]` regenerates the first N
// eval sessions from the world's seed in memory (no models/data needed): the model lab's slice, same code.
// Full runs write models/artifacts/metrics.json and models/artifacts/REPORT.md; --write-slice also
// (re)writes the committed slice from the full data.
import { writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { EvalData } from '../../shared/eval/eval-data.ts'
import { regenerateEvalSet } from '../../shared/eval/eval-set.ts'
import { buildRetrievalTask, regenerateWorld } from '../../shared/eval/retrieval-task.ts'
import type { World } from '../../shared/world/world-types.ts'
import { ARTIFACTS_DIR, type ModelSet, modelSetAt, presentModelSets, shippedModelSet } from './artifacts.ts'
import { readDataset, readSlice, readSliceWorld } from './eval-files.ts'
import { int8TablesMarkdown } from './int8-tables-report.ts'
import { writeLabWorld } from './lab-world.ts'
import { learningCurveMarkdown } from './learning-curve.ts'
import { configureOrtForNode, OrtPhoenix } from './ort-phoenix.ts'
import { metricsJson, reportMarkdown } from './report.ts'
import { runEval } from './run-eval.ts'
import { worldInfo, writeSlice } from './slice.ts'

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'models/data' },
    sessions: { type: 'string' },
    models: { type: 'string' },
    out: { type: 'string' },
    slice: { type: 'boolean', default: false },
    regenerate: { type: 'boolean', default: false },
    corpus: { type: 'string' },
    'retrieval-users': { type: 'string' },
    'write-slice': { type: 'boolean', default: false },
    'cross-check': { type: 'string', default: '20' },
  },
})
const log = (line: string) => console.log(line)
const DEFAULT_REGENERATED_SESSIONS = 200

/** --models trained | dev | a folder holding the five ONNX files; default: trained when present, else dev. */
function pickSet(which: string | undefined): ModelSet {
  if (which === undefined) return shippedModelSet()
  if (which !== 'trained' && which !== 'dev') return modelSetAt(resolve(which))
  const set = presentModelSets().find((s) => s.kind === which)
  if (set === undefined) throw new Error(`no ${which} model set in ${ARTIFACTS_DIR}`)
  return set
}

function intFlag(name: 'sessions' | 'corpus' | 'retrieval-users'): number | undefined {
  const v = values[name]
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${v}`)
  return n
}

/** The eval data, and the world when loading it regenerated one (runEval regenerates it otherwise). */
function loadData(): { data: EvalData; world?: World } {
  if (values.slice) return { data: readSlice(ARTIFACTS_DIR) }
  const limit = intFlag('sessions')
  if (values.regenerate) {
    const sessions = limit ?? DEFAULT_REGENERATED_SESSIONS
    log(`regenerating the world and the first ${sessions} eval sessions…`)
    const data = regenerateEvalSet({
      world: readSliceWorld(ARTIFACTS_DIR),
      sessions,
      corpus: intFlag('corpus'),
      retrievalUsers: intFlag('retrieval-users'),
    })
    return { data }
  }
  const dir = resolve(values.data)
  const ds = readDataset(dir, limit)
  log(
    `data: ${ds.sessions.length} eval sessions, ${ds.posts.size} posts from ${dir}; regenerating the world…`,
  )
  const world = regenerateWorld(ds)
  if (values['write-slice']) {
    const slice = writeSlice(ARTIFACTS_DIR, ds, world)
    writeLabWorld(slice.world)
    log(
      `wrote the eval slice (${slice.sessions.length} sessions, ${slice.posts.size} posts) to ${ARTIFACTS_DIR}`,
    )
  }
  const data: EvalData = {
    source: relative(process.cwd(), dir) || dir,
    world: worldInfo(ds),
    posts: ds.posts,
    sessions: ds.sessions,
    retrieval: buildRetrievalTask(world, ds),
  }
  return { data, world }
}

const set = pickSet(values.models)
configureOrtForNode()
const ort = await OrtPhoenix.load(set)
const { data, world } = loadData()
const report = await runEval(data, {
  set,
  ort,
  crossCheckSessions: Number(values['cross-check']),
  world,
  log,
})
const out = values.out ?? (values.slice || values.regenerate ? undefined : ARTIFACTS_DIR)
// The training run's learning curve (models/eval/learning-curve.ts), from the evaluated set's manifest.
const markdown = reportMarkdown(report) + learningCurveMarkdown(set.dir) + int8TablesMarkdown(set.dir)
if (out !== undefined) {
  writeFileSync(join(out, 'metrics.json'), metricsJson(report))
  writeFileSync(join(out, 'REPORT.md'), markdown)
  log(`wrote ${join(out, 'metrics.json')} and ${join(out, 'REPORT.md')}`)
}
console.log(`\n${markdown}`)
log(`eval took ${report.seconds.toFixed(1)} s`)
await ort.release()
