// npm run bench:pipeline — framework overhead for 2,000 candidates through 18 trivial filters, 3 trivial
// scorers, a top-K selector and truncation, against a hand-written loop doing the same work. The two are
// timed in alternating rounds in one process so that machine noise hits both alike.
import { definePipeline } from '../define-pipeline.ts'
import { execute } from '../execute.ts'
import { MemoryMetrics, type MetricsSink } from '../metrics.ts'
import type { Filter, Scorer } from '../stage-types.ts'

interface Q {
  viewer: number
}
interface C {
  id: string
  n: number
  author: number
  age: number
  base: number
  score?: number
}

const CANDIDATES = 2000
const FILTERS = 18
const SELECT = 50
const RESULT = 35
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 100)

const pool: C[] = Array.from({ length: CANDIDATES }, (_, i) => ({
  id: String(1_000_000 + i),
  n: (i * 2654435761) % 4093,
  author: i % 300,
  age: (i * 7919) % 172_800,
  base: ((i * 40503) % 1000) / 1000,
}))

// Each filter drops roughly one candidate in (k + 60): together about a quarter of the pool.
const predicates = Array.from({ length: FILTERS }, (_, k) => (c: C) => c.n % (k + 60) !== 7)
const w = [1, 0.5, 0.25]

const filters: Filter<Q, C>[] = predicates.map((keep, k) => ({
  name: `TrivialFilter${k}`,
  filter(_q, cs) {
    const kept: C[] = []
    const removed: C[] = []
    for (const c of cs) (keep(c) ? kept : removed).push(c)
    return { kept, removed }
  },
}))

const scorers: Scorer<Q, C, number>[] = [
  { name: 'Weighted', score: async (_q, cs) => cs.map((c) => c.base * w[0]! + c.age * 1e-6), update: set },
  {
    name: 'AuthorDecay',
    score: async (_q, cs) => cs.map((c) => (c.score ?? 0) * (c.author % 3 === 0 ? 0.75 : 1)),
    update: set,
  },
  {
    name: 'OutOfNetwork',
    score: async (_q, cs) => cs.map((c) => (c.score ?? 0) * (c.n % 2 === 0 ? w[1]! + w[2]! : 1)),
    update: set,
  },
]
function set(c: C, s: number): C {
  c.score = s
  return c
}

const pipeline = definePipeline<Q, C>({
  name: 'BenchPipeline',
  candidateKey: (c) => c.id,
  sources: [{ name: 'Pool', source: async () => pool }],
  filters,
  scorers,
  selector: { name: 'TopK', score: (c) => c.score, size: SELECT },
  resultSize: RESULT,
})

/** The same work written by hand: no framework, no trace, no guards. */
function handWritten(): C[] {
  let cs = pool.slice()
  const removed: C[] = []
  for (const keep of predicates) {
    const kept: C[] = []
    for (const c of cs) (keep(c) ? kept : removed).push(c)
    cs = kept
  }
  for (const c of cs) c.score = c.base * w[0]! + c.age * 1e-6
  for (const c of cs) c.score = c.score! * (c.author % 3 === 0 ? 0.75 : 1)
  for (const c of cs) c.score = c.score! * (c.n % 2 === 0 ? w[1]! + w[2]! : 1)
  cs.sort((a, b) => b.score! - a.score!)
  return cs.slice(0, SELECT).slice(0, RESULT)
}

async function timeFramework(metrics: MetricsSink | undefined): Promise<number> {
  const t = performance.now()
  for (let i = 0; i < PER_ROUND; i++) await execute(pipeline, { viewer: 1 }, { metrics })
  return ((performance.now() - t) * 1000) / PER_ROUND
}

function timeHand(): number {
  const t = performance.now()
  for (let i = 0; i < PER_ROUND; i++) handWritten()
  return ((performance.now() - t) * 1000) / PER_ROUND
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main(): Promise<void> {
  // Same answer first: otherwise the comparison means nothing.
  const fw = (await execute(pipeline, { viewer: 1 })).selected.map((c) => c.id)
  const byHand = handWritten().map((c) => c.id)
  if (fw.join() !== byHand.join()) throw new Error('framework and hand-written loop disagree')

  for (let i = 0; i < 3; i++) {
    await timeFramework(undefined)
    await timeFramework(new MemoryMetrics())
    timeHand()
  }
  const rows = { hand: [] as number[], framework: [] as number[], frameworkMetrics: [] as number[] }
  for (let r = 0; r < ROUNDS; r++) {
    rows.hand.push(timeHand())
    rows.framework.push(await timeFramework(undefined))
    rows.frameworkMetrics.push(await timeFramework(new MemoryMetrics()))
  }
  const hand = median(rows.hand)
  const line = (label: string, us: number) =>
    `${label.padEnd(38)} ${us.toFixed(1).padStart(8)} µs/request   ${(us / hand).toFixed(2).padStart(5)}× hand   overhead ${(us - hand).toFixed(1)} µs`
  console.log(
    `bench:pipeline — ${CANDIDATES} candidates, ${FILTERS} filters, ${scorers.length} scorers, top ${SELECT}, result ${RESULT}`,
  )
  console.log(`medians of ${ROUNDS} alternating rounds × ${PER_ROUND} requests, node ${process.version}`)
  console.log(line('hand-written loop', hand))
  console.log(line('framework (trace, discard metrics)', median(rows.framework)))
  console.log(line('framework (trace, in-memory metrics)', median(rows.frameworkMetrics)))
  const ratio = median(rows.framework) / hand
  const overhead = median(rows.framework) - hand
  const ok = ratio <= 2 && overhead <= 1000
  console.log(
    `goal: framework ≤ 2× hand and overhead ≤ 1000 µs/request — ${ok ? 'met' : 'NOT met'} (ratio ${ratio.toFixed(2)}, overhead ${overhead.toFixed(0)} µs)`,
  )
}

await main()
