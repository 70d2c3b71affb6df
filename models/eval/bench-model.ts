// `npm run bench:model`: the Phoenix ranker's serving costs, measured side by side in one run.
//   (P1) one isolated pass scoring 64 / 500 candidates vs one pass per candidate;
//   (P2) onnxruntime-web (wasm) vs the TypeScript reference;
//   (P3) 64 extra candidates on the cached history (split graph) vs a full pass.
// Medians over repeats after a warm-up; a full 127-event history throughout.
import { cpus } from 'node:os'
import { selectCandidates } from '../../shared/phoenix/reference/candidate-select.ts'
import {
  encodeHistory,
  rankerForward,
  scoreCandidates,
} from '../../shared/phoenix/reference/ranker-reference.ts'
import { loadRankerWeights } from '../../shared/phoenix/reference/ranker-weights.ts'
import { syntheticRequest } from '../../shared/phoenix/reference/synthetic-request.ts'
import { describeSet, readModel, shippedModelSet } from './artifacts.ts'
import { configureOrtForNode, OrtPhoenix } from './ort-phoenix.ts'

/**
 * Median wall time of each run, measured side by side: the runs alternate within every repeat (after one
 * warm-up each), so a busy machine slows them alike and the ratios stay fair.
 */
async function sideBySide(repeats: number, runs: readonly (() => unknown)[]): Promise<number[]> {
  for (const run of runs) await run()
  const times = runs.map((): number[] => [])
  for (let i = 0; i < repeats; i++) {
    for (const [k, run] of runs.entries()) {
      const t = performance.now()
      await run()
      times[k]!.push(performance.now() - t)
    }
  }
  return times.map((ts) => ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)]!)
}

const ms = (x: number) => `${x.toFixed(1).padStart(9)} ms`
const ratio = (slow: number, fast: number) => `${(slow / fast).toFixed(1)}×`
const line = (label: string, value: string) => console.log(`  ${label.padEnd(58)} ${value}`)

const set = shippedModelSet()
configureOrtForNode(1)
const ort = await OrtPhoenix.load(set)
const w = loadRankerWeights(readModel(set, 'ranker.onnx'))
const { history, candidates: pool } = syntheticRequest(42, 127, 500)
const c64 = selectCandidates(pool, [...Array(64).keys()])
const singles = (n: number) => Array.from({ length: n }, (_, i) => selectCandidates(pool, [i]))
const ortPrefix = await ort.encodeHistory(history)
const refPrefix = encodeHistory(w, history)

console.log(`bench:model — Phoenix ranker (${describeSet(set)}), history 127 events`)
console.log(
  `node ${process.version}, onnxruntime-web 1.30.0 wasm (1 thread), ${cpus().length} CPU cores, no GPU; ` +
    'medians of interleaved repeats after one warm-up\n',
)

console.log('(P1) one isolated pass for N candidates vs one pass per candidate (onnxruntime, ranker.onnx)')
for (const [n, repeats] of [
  [64, 7],
  [500, 3],
] as const) {
  const batch = selectCandidates(pool, [...Array(n).keys()])
  const each = singles(n)
  const [one, per] = (await sideBySide(repeats, [
    () => ort.rank(history, batch),
    async () => {
      for (const c of each) await ort.rank(history, c)
    },
  ])) as [number, number]
  line(`${n} candidates, one pass`, ms(one))
  line(`${n} candidates, ${n} passes of 1`, `${ms(per)}  → ${ratio(per, one)} slower`)
}

console.log('\n(P2) onnxruntime (wasm) vs the TypeScript reference')
const rows: [string, () => unknown, () => unknown][] = [
  ['full pass, 64 candidates', () => ort.rank(history, c64), () => rankerForward(w, history, c64)],
  ['history encode (ranker_history)', () => ort.encodeHistory(history), () => encodeHistory(w, history)],
  [
    '64 candidates on a cached history',
    () => ort.scoreCandidates(ortPrefix, c64),
    () => scoreCandidates(w, refPrefix, c64),
  ],
]
const times = await sideBySide(
  7,
  rows.flatMap(([, viaOrt, viaRef]) => [viaOrt, viaRef]),
)
const p2: Record<string, [number, number]> = {}
rows.forEach(([label], i) => {
  const [o, r] = [times[2 * i]!, times[2 * i + 1]!]
  p2[label] = [o, r]
  line(`${label}: onnxruntime`, ms(o))
  line(`${label}: TypeScript reference`, `${ms(r)}  → ${ratio(r, o)} the onnxruntime time`)
})

console.log('\n(P3) 64 extra candidates with the cached history (split graph) vs a full pass')
const [fullOrt, fullRef] = p2['full pass, 64 candidates']!
const [splitOrt, splitRef] = p2['64 candidates on a cached history']!
line('onnxruntime: full pass', ms(fullOrt))
line(
  'onnxruntime: candidates only (ranker_candidates)',
  `${ms(splitOrt)}  → ${ratio(fullOrt, splitOrt)} faster`,
)
line('TypeScript reference: full pass', ms(fullRef))
line(
  'TypeScript reference: candidates only (scoreCandidates)',
  `${ms(splitRef)}  → ${ratio(fullRef, splitRef)} faster`,
)
await ort.release()
