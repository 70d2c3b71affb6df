// Sliders for every ranking weight and adjustment parameter, presets and reset. A change re-ranks the
// loaded feed locally from the cached predictions (for-you-store.ts `rerank`): no edge call, no model run;
// and, once measured, moves the feed-level policy value shown above them (policy-value-panel.tsx).
import type { ActionName } from '../../../shared/phoenix/actions.ts'
import {
  DEFAULT_RANKING_PARAMS,
  RANKED_HEADS,
  type RankingParams,
} from '../../../shared/ranking/ranking-params.ts'
import { params, rerank } from './for-you-store'
import { PolicyValuePanel } from './policy-value-panel'
import { customised, PRESETS } from './weight-presets'

interface SliderProps {
  id: string
  label: string
  value: number
  min: number
  max: number
  step: number
  onChange: (v: number) => void
}

function Slider({ id, label, value, min, max, step, onChange }: SliderProps) {
  return (
    <div class="slider">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
      <output for={id}>{value}</output>
    </div>
  )
}

function Toggle({
  id,
  label,
  checked,
  onChange,
}: {
  id: string
  label: string
  checked: boolean
  onChange: (v: boolean) => void
}) {
  return (
    <div class="toggle">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}</label>
    </div>
  )
}

/** A weight's slider range: negative weights down to 1.5× upstream's, positive up to 4× (at least 1). */
function weightRange(head: ActionName): { min: number; max: number; step: number } {
  const d = DEFAULT_RANKING_PARAMS.weights[head]
  if (d < 0) return { min: Math.round(d * 1.5), max: 0, step: Math.abs(d) >= 1 ? 0.1 : 0.001 }
  const max = Math.max(1, d * 4)
  return { min: 0, max, step: max >= 10 ? 0.1 : 0.001 }
}

export function WeightControls() {
  const p = params.value
  const set = (next: RankingParams) => void rerank(customised(next))
  const group = <K extends 'coldStart' | 'authorDiversity' | 'outOfNetwork' | 'diversityRerank'>(
    key: K,
    change: Partial<RankingParams[K]>,
  ) => set({ ...p, [key]: { ...p[key], ...change } })
  return (
    <section class="weights" aria-labelledby="weights-title">
      <h2 id="weights-title">Ranking weights</h2>
      <p class="muted">
        Changes re-rank the loaded posts here, from the model's cached predictions. Parameters:{' '}
        <code id="params-version">{p.version}</code>
      </p>
      <fieldset class="preset-row">
        <legend class="visually-hidden">Presets</legend>
        {PRESETS.map((pr) => (
          <button
            key={pr.id}
            type="button"
            data-preset={pr.id}
            aria-pressed={p.version === pr.params.version}
            onClick={() => void rerank(pr.params)}
          >
            {pr.label}
          </button>
        ))}
        <button id="weights-reset" type="button" onClick={() => void rerank(DEFAULT_RANKING_PARAMS)}>
          Reset
        </button>
      </fieldset>
      <PolicyValuePanel />
      <details open>
        <summary>Head weights (P(action) × weight)</summary>
        <div class="slider-grid">
          {RANKED_HEADS.map((head) => (
            <Slider
              key={head}
              id={`weight-${head}`}
              label={head.replaceAll('_', ' ')}
              value={p.weights[head]}
              {...weightRange(head)}
              onChange={(v) => set({ ...p, weights: { ...p.weights, [head]: v } })}
            />
          ))}
          <Slider
            id="param-reply-boost"
            label="mutual-follow reply boost"
            value={p.bidirectionalReplyBoost}
            min={0}
            max={60}
            step={0.5}
            onChange={(v) => set({ ...p, bidirectionalReplyBoost: v })}
          />
          <Slider
            id="param-dwell-boost"
            label="mutual-follow dwell boost"
            value={p.bidirectionalDwellBoost}
            min={0}
            max={10}
            step={0.1}
            onChange={(v) => set({ ...p, bidirectionalDwellBoost: v })}
          />
        </div>
      </details>
      <details>
        <summary>Adjustments</summary>
        <div class="slider-grid">
          <Slider
            id="param-oon-factor"
            label="out-of-network factor"
            value={p.outOfNetwork.factor}
            min={0}
            max={1.5}
            step={0.05}
            onChange={(v) => group('outOfNetwork', { factor: v })}
          />
          <Toggle
            id="param-oon-replies"
            label="factor also on in-network replies and reposts"
            checked={p.outOfNetwork.inNetworkRepliesAndReposts}
            onChange={(v) => group('outOfNetwork', { inNetworkRepliesAndReposts: v })}
          />
          <Toggle
            id="param-diversity-on"
            label="author diversity"
            checked={p.authorDiversity.enabled}
            onChange={(v) => group('authorDiversity', { enabled: v })}
          />
          <Slider
            id="param-diversity-decay"
            label="author diversity decay"
            value={p.authorDiversity.decay}
            min={0}
            max={1}
            step={0.05}
            onChange={(v) => group('authorDiversity', { decay: v })}
          />
          <Slider
            id="param-diversity-floor"
            label="author diversity floor"
            value={p.authorDiversity.floor}
            min={0}
            max={1}
            step={0.05}
            onChange={(v) => group('authorDiversity', { floor: v })}
          />
          <Toggle
            id="param-cold-start-on"
            label="new-author boost"
            checked={p.coldStart.enabled}
            onChange={(v) => group('coldStart', { enabled: v })}
          />
          <Slider
            id="param-cold-start-slot"
            label="new-author target slot"
            value={p.coldStart.slotMin}
            min={0}
            max={34}
            step={1}
            onChange={(v) => group('coldStart', { slotMin: v, slotMax: v + 1 })}
          />
          <Slider
            id="param-cold-start-views"
            label="new-author view threshold"
            value={p.coldStart.impressionThreshold}
            min={0}
            max={10_000}
            step={100}
            onChange={(v) => group('coldStart', { impressionThreshold: v })}
          />
          <Slider
            id="param-cold-start-followers"
            label="new-author follower cap"
            value={p.coldStart.followerCap}
            min={0}
            max={10_000}
            step={100}
            onChange={(v) => group('coldStart', { followerCap: v })}
          />
          <Toggle
            id="param-dpp-on"
            label="DPP diversity rerank"
            checked={p.diversityRerank.enabled}
            onChange={(v) => group('diversityRerank', { enabled: v })}
          />
          <Slider
            id="param-dpp-theta"
            label="DPP theta (0 similarity … 1 score)"
            value={p.diversityRerank.theta}
            min={0}
            max={0.95}
            step={0.05}
            onChange={(v) => group('diversityRerank', { theta: v })}
          />
          <Slider
            id="param-negative-offset"
            label="negative scores offset"
            value={p.negativeScoresOffset}
            min={0.0001}
            max={0.01}
            step={0.0001}
            onChange={(v) => set({ ...p, negativeScoresOffset: v })}
          />
        </div>
      </details>
    </section>
  )
}
