// The lab form's small parts: the device line, a labelled number field, and the JSON export.
import type { Capabilities } from '../pool/types'
import { labReportJson } from './lab-report'
import { labReport } from './lab-run'

export function exportReport(): void {
  const report = labReport.value
  if (!report) return
  const url = URL.createObjectURL(new Blob([labReportJson(report)], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = `model-lab-${report.startedAt.replace(/[:.]/g, '-')}.json`
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function adapterText(caps: Capabilities | null): string {
  if (!caps) return 'detecting…'
  const a = caps.adapter
  const gpu = a
    ? `WebGPU adapter ${a.vendor || '?'} / ${a.architecture || '?'}${a.description ? ` (${a.description})` : ''}${a.isFallbackAdapter ? ', software fallback' : ''}`
    : 'no WebGPU adapter'
  return `${gpu}; ${caps.hardwareConcurrency} logical cores; cross-origin isolated: ${caps.crossOriginIsolated ? 'yes' : 'no'}`
}

export function NumberField(props: {
  id: string
  label: string
  value: number
  min: number
  max: number
  onInput: (n: number) => void
}) {
  return (
    <label for={props.id}>
      {props.label}
      <input
        id={props.id}
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onInput={(e) => props.onInput(Number((e.target as HTMLInputElement).value))}
      />
    </label>
  )
}
