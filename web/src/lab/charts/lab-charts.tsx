// The lab's three charts: ROC curves and the reliability plot of one head (model per backend, oracle,
// popularity), and the per-session ranker latency histogram per backend.
import { useMemo } from 'preact/hooks'
import uPlot from 'uplot'
import type { HeadCurves } from '../../../../shared/eval/evaluate-model.ts'
import type { BackendRun } from '../lab-report'
import { histogram, observedRates, rocOnGrid, unitGrid } from './chart-data'
import { PALETTE, UPlotChart } from './uplot-chart'

const GRID = unitGrid(100)
const BIN_CENTRES = Array.from({ length: 10 }, (_, i) => (i + 0.5) / 10)
const unitScale = {
  x: { time: false, range: [0, 1] as uPlot.Range.MinMax },
  y: { range: [0, 1] as uPlot.Range.MinMax },
}
const line = (label: string, stroke: string, dash?: number[]): uPlot.Series => ({
  label,
  stroke,
  width: 2,
  ...(dash ? { dash } : {}),
})

export function RocChart({ head, curves }: { head: string; curves: { provider: string; c: HeadCurves }[] }) {
  const [data, options] = useMemo(() => {
    const first = curves[0]!.c
    const cols: (number | null)[][] = [
      GRID,
      ...curves.map(({ c }) => rocOnGrid(c.roc.model, GRID)),
      rocOnGrid(first.roc.oracle, GRID),
      rocOnGrid(first.roc.popularity, GRID),
      GRID,
    ]
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: unitScale,
      axes: [{ label: 'false-positive rate' }, { label: 'true-positive rate' }],
      series: [
        { label: 'FPR' },
        ...curves.map(({ provider }, i) => line(`model (${provider})`, PALETTE[i]!)),
        line('oracle', PALETTE[2]!, [6, 4]),
        line('popularity', PALETTE[4]!, [2, 3]),
        line('chance', '#888', [1, 4]),
      ],
    }
    return [cols as uPlot.AlignedData, opts]
  }, [curves])
  return <UPlotChart label={`ROC curves of the ${head} head`} height={260} options={options} data={data} />
}

export function ReliabilityChart({
  head,
  curves,
}: {
  head: string
  curves: { provider: string; c: HeadCurves }[]
}) {
  const [data, options] = useMemo(() => {
    const cols = [
      BIN_CENTRES,
      ...curves.map(({ c }) => observedRates(c.reliability.model)),
      observedRates(curves[0]!.c.reliability.oracle),
      BIN_CENTRES,
    ]
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: unitScale,
      axes: [{ label: 'predicted probability (bin centre)' }, { label: 'observed rate' }],
      series: [
        { label: 'p' },
        ...curves.map(({ provider }, i) => ({
          ...line(`model (${provider})`, PALETTE[i]!),
          points: { show: true },
        })),
        { ...line('oracle', PALETTE[2]!, [6, 4]), points: { show: true } },
        line('perfect', '#888', [1, 4]),
      ],
    }
    return [cols as uPlot.AlignedData, opts]
  }, [curves])
  return (
    <UPlotChart label={`Reliability plot of the ${head} head`} height={260} options={options} data={data} />
  )
}

export function LatencyHistogram({ runs }: { runs: readonly BackendRun[] }) {
  const [data, options] = useMemo(() => {
    const h = histogram(runs.map((r) => r.latency.rankerSessionMs))
    // Overlaid translucent bars, each backend narrower than the one before, so both stay visible.
    const bars = (i: number): uPlot.Series => ({
      label: `${runs[i]!.provider} sessions`,
      stroke: PALETTE[i]!,
      fill: `${PALETTE[i]!}88`,
      paths: uPlot.paths.bars!({ size: [Math.max(0.3, 0.9 - 0.3 * i), 80] }),
    })
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: false } },
      axes: [{ label: 'ranker ms per session (history + candidates)' }, { label: 'sessions' }],
      series: [{ label: 'ms' }, ...runs.map((_, i) => bars(i))],
    }
    return [[h.centres, ...h.counts] as uPlot.AlignedData, opts]
  }, [runs])
  return (
    <UPlotChart
      label="Ranker latency per session, histogram per backend"
      height={220}
      options={options}
      data={data}
    />
  )
}
