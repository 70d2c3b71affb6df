// One pipeline trace (shared/pipeline/trace.ts) as tables: per stage input/output counts and time, enabled
// and disabled components, per component outcome, time and errors, and what each filter removed.
import type { PipelineTrace, StageTrace } from '../../../shared/pipeline/trace.ts'
import { Scroll } from '../lab/lab-tables'

const ms = (x: number) => `${x.toFixed(1)} ms`

function ComponentRows({ stage }: { stage: StageTrace }) {
  return (
    <>
      {stage.components.map((c) => (
        <tr key={`${stage.stage}:${c.name}`} data-component={c.name} data-outcome={c.outcome}>
          <td>{stage.stage}</td>
          <th scope="row">{c.name}</th>
          <td class={c.outcome === 'ok' ? '' : 'trace-bad'}>{c.outcome}</td>
          <td>{ms(c.durationMs)}</td>
          <td>{c.outputCount ?? ''}</td>
          <td>{c.removedCount ?? ''}</td>
          <td>{[c.failedClosed ? 'failed closed' : '', c.error ?? ''].filter(Boolean).join(': ')}</td>
        </tr>
      ))}
    </>
  )
}

export function TraceView({ title, trace }: { title: string; trace: PipelineTrace }) {
  const errors = trace.stages.flatMap((s) => s.components.filter((c) => c.outcome !== 'ok'))
  const disabled = trace.stages.flatMap((s) => s.disabled.map((d) => `${s.stage}: ${d}`))
  const slug = title.toLowerCase().replace(/[^a-z]+/g, '-')
  return (
    <section class="trace" aria-labelledby={`trace-${slug}`} data-pipeline={trace.pipeline}>
      <h3 id={`trace-${slug}`}>
        {title}: {trace.pipeline} in {ms(trace.durationMs)}
      </h3>
      <p>
        retrieved {trace.counts.retrieved}, filtered out {trace.counts.filtered}, selected{' '}
        {trace.counts.selected}, not selected {trace.counts.nonSelected}, cut by the result size{' '}
        {trace.counts.truncated}
        {trace.finalizeError ? `; finalize failed: ${trace.finalizeError}` : ''}.{' '}
        {errors.length === 0 ? 'No component failed.' : `${errors.length} component(s) failed or timed out.`}{' '}
        Disabled: {disabled.length === 0 ? 'none' : disabled.join(', ')}.
      </p>
      <Scroll label={`${title}: stages`}>
        <table class="lab-table" data-testid={`stages-${slug}`}>
          <caption>Stages in run order</caption>
          <thead>
            <tr>
              <th scope="col">stage</th>
              <th scope="col">in</th>
              <th scope="col">out</th>
              <th scope="col">time</th>
              <th scope="col">enabled</th>
              <th scope="col">disabled</th>
            </tr>
          </thead>
          <tbody>
            {trace.stages.map((s) => (
              <tr key={s.stage} data-stage={s.stage}>
                <th scope="row">{s.stage}</th>
                <td>{s.inputCount}</td>
                <td>{s.outputCount}</td>
                <td>{ms(s.durationMs)}</td>
                <td>{s.enabled.join(', ')}</td>
                <td>{s.disabled.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <Scroll label={`${title}: components`}>
        <table class="lab-table" data-testid={`components-${slug}`}>
          <caption>
            Components: outcome, time, produced (sources, selector), removed (filters), errors
          </caption>
          <thead>
            <tr>
              <th scope="col">stage</th>
              <th scope="col">component</th>
              <th scope="col">outcome</th>
              <th scope="col">time</th>
              <th scope="col">produced</th>
              <th scope="col">removed</th>
              <th scope="col">error</th>
            </tr>
          </thead>
          <tbody>
            {trace.stages.map((s) => (
              <ComponentRows key={s.stage} stage={s} />
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  )
}
