// Each head's P(action) × weight as a horizontal-axis bar chart (uPlot): positive terms lift the score,
// negative ones pull it down. The table next to it carries the same numbers for screen readers.
import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { HeadTerm } from '../../../shared/ranking/explanation.ts'

const bars = uPlot.paths.bars?.({ size: [0.7, 24] })

export function HeadChart({ heads }: { heads: HeadTerm[] }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const node = box.current
    if (!node || !bars) return
    const shown = heads.filter((h) => h.term !== 0)
    const xs = shown.map((_, i) => i)
    const width = Math.max(260, Math.min(node.clientWidth || 480, 640))
    const plot = new uPlot(
      {
        width,
        height: 200,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, Math.max(shown.length - 0.5, 0.5)] } },
        axes: [
          {
            values: (_u, splits) => splits.map((v) => shown[v]?.head.replaceAll('_', ' ') ?? ''),
            rotate: -45,
            size: 90,
            space: 10,
            gap: 2,
            font: '10px system-ui',
          },
          { size: 56, font: '10px system-ui' },
        ],
        series: [
          {},
          {
            label: 'P × weight',
            paths: bars,
            points: { show: false },
            fill: (u) => {
              const ctx = u.ctx
              const g = ctx.createLinearGradient(0, u.bbox.top, 0, u.bbox.top + u.bbox.height)
              g.addColorStop(0, '#1a7f37')
              g.addColorStop(1, '#cf222e')
              return g
            },
            stroke: '#8888',
          },
        ],
      },
      [xs, shown.map((h) => h.term)],
      node,
    )
    return () => plot.destroy()
  }, [heads])
  return <div ref={box} class="head-chart" aria-hidden="true" />
}
