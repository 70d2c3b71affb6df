// A metrics sink that stages report to. Passed in per run (no global receiver), so the edge, the browser
// and tests each choose where numbers go.

export type MetricTags = Readonly<Record<string, string>>

export interface MetricsSink {
  /** Add `value` to a counter. */
  count(name: string, value: number, tags: MetricTags): void
  /** Record one observation in a histogram (latencies in ms, sizes in candidates). */
  observe(name: string, value: number, tags: MetricTags): void
}

export const discardMetrics: MetricsSink = {
  count() {},
  observe() {},
}

export interface HistogramSummary {
  count: number
  sum: number
  min: number
  max: number
}

/** Keeps every series in memory: for tests, benchmarks and the in-app inspector. */
export class MemoryMetrics implements MetricsSink {
  readonly counters = new Map<string, number>()
  readonly histograms = new Map<string, HistogramSummary>()

  count(name: string, value: number, tags: MetricTags): void {
    const key = seriesKey(name, tags)
    this.counters.set(key, (this.counters.get(key) ?? 0) + value)
  }

  observe(name: string, value: number, tags: MetricTags): void {
    const key = seriesKey(name, tags)
    const h = this.histograms.get(key)
    if (h === undefined) {
      this.histograms.set(key, { count: 1, sum: value, min: value, max: value })
      return
    }
    h.count += 1
    h.sum += value
    h.min = Math.min(h.min, value)
    h.max = Math.max(h.max, value)
  }

  counter(name: string, tags: MetricTags): number {
    return this.counters.get(seriesKey(name, tags)) ?? 0
  }

  histogram(name: string, tags: MetricTags): HistogramSummary | undefined {
    return this.histograms.get(seriesKey(name, tags))
  }
}

/** `name{a=1,b=2}` with tags sorted, so the same series always has the same key. */
export function seriesKey(name: string, tags: MetricTags): string {
  const parts = Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
  return `${name}{${parts.join(',')}}`
}
