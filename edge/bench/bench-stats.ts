// Percentiles and the side-by-side table of the edge benchmark.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

export interface BenchResult {
  shards: number
  ingestPosts: number
  /** Posts per second from the first ingest request until Thunder holds them all. */
  ingestPerSecond: number
  /** Posts per second accepted by the API (core data written, events published; throttled to the backlog). */
  acceptPerSecond: number
  storedPosts: number
  following: number
  requests: number
  candidates: number
  clientP50: number
  clientP99: number
  serverP50: number
  serverP99: number
}

const ROWS: [string, (r: BenchResult) => string][] = [
  ['ingest: posts through the queue', (r) => String(r.ingestPosts)],
  ['ingest: posts/s into Thunder', (r) => r.ingestPerSecond.toFixed(0)],
  ['ingest: posts/s accepted by the API', (r) => r.acceptPerSecond.toFixed(0)],
  ['fan-out: posts stored in Thunder', (r) => String(r.storedPosts)],
  ['fan-out: authors followed', (r) => String(r.following)],
  ['fan-out: requests measured', (r) => String(r.requests)],
  ['fan-out: candidates returned', (r) => String(r.candidates)],
  ['fan-out p50, ms (HTTP round trip)', (r) => r.clientP50.toFixed(1)],
  ['fan-out p99, ms (HTTP round trip)', (r) => r.clientP99.toFixed(1)],
  ['fan-out p50, ms (in the Worker)', (r) => r.serverP50.toFixed(1)],
  ['fan-out p99, ms (in the Worker)', (r) => r.serverP99.toFixed(1)],
]

export function table(results: readonly BenchResult[]): string {
  const header = ['', ...results.map((r) => `${r.shards} shard${r.shards === 1 ? '' : 's'}`)]
  return formatTable([header, ...ROWS.map(([label, f]) => [label, ...results.map(f)])])
}

/** Rows of cells as aligned text: the first column left-aligned, the others right-aligned. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const columns = Math.max(...rows.map((row) => row.length))
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(...rows.map((row) => (row[i] ?? '').length)),
  )
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('   ')
        .trimEnd(),
    )
    .join('\n')
}

/** Milliseconds with one decimal, "-" when not measured. */
export const fmtMs = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '-')

/** How many times `slow` is `fast`, e.g. "3.2×". */
export const fmtRatio = (slow: number, fast: number) =>
  Number.isFinite(slow / fast) ? `${(slow / fast).toFixed(1)}×` : '-'

/**
 * Median wall time of each run, measured side by side: the runs alternate within every repeat (after one
 * warm-up each), so a busy machine slows them alike and the ratios stay fair.
 */
export async function sideBySide(repeats: number, runs: readonly (() => unknown)[]): Promise<number[]> {
  for (const run of runs) await run()
  const times = runs.map((): number[] => [])
  for (let i = 0; i < repeats; i++) {
    for (const [k, run] of runs.entries()) {
      const t = performance.now()
      await run()
      times[k]?.push(performance.now() - t)
    }
  }
  return times.map((ts) => percentile(ts, 50))
}
