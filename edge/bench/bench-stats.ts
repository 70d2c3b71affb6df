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
  const rows = [header, ...ROWS.map(([label, f]) => [label, ...results.map(f)])]
  const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)))
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('   '),
    )
    .join('\n')
}
