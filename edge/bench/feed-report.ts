// The feed benchmark's printed tables: figures side by side, ratios against the cheapest variant.
import { fmtMs, fmtRatio, formatTable, percentile } from './bench-stats'
import {
  bySource,
  type CandidateRuns,
  type FanOutRuns,
  type FeedRuns,
  STAGE_GROUPS,
  stageMs,
} from './feed-requests'
import type { RankingTimes } from './ranking-bench'

const p = (values: readonly number[], q: number) => fmtMs(percentile(values, q))
const sources = (r: CandidateRuns) =>
  Object.entries(bySource(r.candidates))
    .map(([s, n]) => `${s} ${n}`)
    .join(', ')

/** Fan-out alone beside the candidate pipeline, with and without a user-tower embedding. */
export function printCandidates(fanOut: FanOutRuns, runs: readonly CandidateRuns[]): void {
  const header = [
    '(1) candidate pipeline vs Thunder fan-out',
    'fan-out alone',
    ...runs.map((r) => r.variant.name),
  ]
  const fan50 = percentile(fanOut.client, 50)
  const fan99 = percentile(fanOut.client, 99)
  const rows: string[][] = [
    header,
    ['requests measured', String(fanOut.client.length), ...runs.map((r) => String(r.client.length))],
    ['candidates returned', String(fanOut.posts), ...runs.map((r) => String(r.candidates.length))],
    ['p50, ms (HTTP round trip)', fmtMs(fan50), ...runs.map((r) => p(r.client, 50))],
    ['p99, ms (HTTP round trip)', fmtMs(fan99), ...runs.map((r) => p(r.client, 99))],
    [
      'p50, ms (in the Worker)',
      p(fanOut.server, 50),
      ...runs.map((r) =>
        p(
          r.traces.map((t) => t.durationMs),
          50,
        ),
      ),
    ],
    [
      'p99, ms (in the Worker)',
      p(fanOut.server, 99),
      ...runs.map((r) =>
        p(
          r.traces.map((t) => t.durationMs),
          99,
        ),
      ),
    ],
    ...STAGE_GROUPS.map(([label, stages]) => [
      `  ${label} p50, ms (trace)`,
      '',
      ...runs.map((r) =>
        p(
          r.traces.map((t) => stageMs(t, stages)),
          50,
        ),
      ),
    ]),
    ['p50 ÷ fan-out p50 (round trip)', '1.0×', ...runs.map((r) => fmtRatio(percentile(r.client, 50), fan50))],
    ['p99 ÷ fan-out p99 (round trip)', '1.0×', ...runs.map((r) => fmtRatio(percentile(r.client, 99), fan99))],
  ]
  console.log(formatTable(rows))
  for (const r of runs) console.log(`  ${r.variant.name}: ${sources(r)}`)
}

export function printRanking(t: RankingTimes): void {
  console.log(
    `\n(2) ranking ${t.candidates} candidates (chunks of 64, history ${t.historyEvents} events; ${t.models};` +
      ` medians of ${t.repeats} interleaved repeats, Node, 1 thread)`,
  )
  const ratio = (a: [number, number], i: 0 | 1) => fmtRatio(a[i], t.cachedPrefix[i])
  const rows: string[][] = [
    ['', 'TS reference', 'onnxruntime wasm'],
    ['no prefix cache: full pass per chunk, ms', fmtMs(t.fullPassPerChunk[0]), fmtMs(t.fullPassPerChunk[1])],
    ['prefix computed once (new viewer), ms', fmtMs(t.prefixOnce[0]), fmtMs(t.prefixOnce[1])],
    ['cached prefix (viewer seen before), ms', fmtMs(t.cachedPrefix[0]), fmtMs(t.cachedPrefix[1])],
    ['full pass per chunk ÷ cached prefix', ratio(t.fullPassPerChunk, 0), ratio(t.fullPassPerChunk, 1)],
    ['prefix once ÷ cached prefix', ratio(t.prefixOnce, 0), ratio(t.prefixOnce, 1)],
    ['TS reference ÷ onnxruntime (cached prefix)', fmtRatio(t.cachedPrefix[0], t.cachedPrefix[1]), ''],
  ]
  console.log(formatTable(rows))
}

export function printFeed(f: FeedRuns): void {
  console.log(`\n(3) GET /v1/feed end to end (engine ${f.engine}; each call records its items as served)`)
  const rows: string[][] = [
    ['requests measured', String(f.client.length)],
    ['candidates ranked per request (pre-rank cap 200)', String(f.ranked)],
    ['items returned', String(f.items)],
    ['p50, ms (HTTP round trip)', p(f.client, 50)],
    ['p99, ms (HTTP round trip)', p(f.client, 99)],
    ['  candidate pipeline p50, ms (trace)', p(f.candidateMs, 50)],
    ['  ranking pipeline p50, ms (trace)', p(f.rankingMs, 50)],
  ]
  console.log(formatTable(rows))
}
