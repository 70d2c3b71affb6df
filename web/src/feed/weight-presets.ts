// Named parameter sets for the weight controls. Each is the upstream defaults with a few changes, and each
// gets its own version string so explanations say which arithmetic produced a score.
import {
  DEFAULT_RANKING_PARAMS,
  type RankingParams,
  type RankingParamsOverrides,
  rankingParams,
} from '../../../shared/ranking/ranking-params.ts'

export interface Preset {
  id: string
  label: string
  params: RankingParams
}

const preset = (id: string, label: string, over: RankingParamsOverrides): Preset => ({
  id,
  label,
  params: rankingParams({ ...over, version: `${DEFAULT_RANKING_PARAMS.version}+${id}` }),
})

export const PRESETS: Preset[] = [
  { id: 'upstream', label: 'Upstream defaults', params: DEFAULT_RANKING_PARAMS },
  preset('conversation', 'Conversations first', { weights: { reply: 20, quote: 10, favorite: 0.2 } }),
  preset('following-first', 'Mostly accounts I follow', { outOfNetwork: { factor: 0.2 } }),
  preset('discovery', 'More discovery', { outOfNetwork: { factor: 1 }, authorDiversity: { decay: 0.3 } }),
  preset('no-rerank', 'No boosts or rerank', {
    coldStart: { enabled: false },
    authorDiversity: { enabled: false },
    diversityRerank: { enabled: false },
  }),
]

/** The params with a new version naming them as edited by hand. */
export function customised(p: RankingParams): RankingParams {
  const base = p.version.split('+')[0] ?? p.version
  return { ...p, version: `${base}+custom` }
}
