// A uPlot chart as a Preact component: created on mount, rebuilt when its data changes, resized with its box.
import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface UPlotChartProps {
  /** What the chart shows, for screen readers (the tables next to each chart hold the same numbers). */
  label: string
  height: number
  options: Omit<uPlot.Options, 'width' | 'height'>
  data: uPlot.AlignedData
}

export function UPlotChart({ label, height, options, data }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const plot = new uPlot({ ...options, width: Math.max(el.clientWidth, 240), height }, data, el)
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 240), height }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [options, data, height])
  return <div class="lab-chart" ref={box} role="img" aria-label={label} />
}

/** Series colours, distinguishable for common colour-vision deficiencies (Okabe–Ito). */
export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'] as const
