import { describe, expect, it } from 'vitest'
import { DEFAULT_RANKING_PARAMS, rankingParams } from '../../../shared/ranking/ranking-params.ts'
import { customised, PRESETS } from './weight-presets'

describe('weight presets', () => {
  it('each preset has its own version, upstream first and unchanged', () => {
    expect(PRESETS[0]!.params).toBe(DEFAULT_RANKING_PARAMS)
    const versions = PRESETS.map((p) => p.params.version)
    expect(new Set(versions).size).toBe(PRESETS.length)
    expect(versions.slice(1).every((v) => v.startsWith(`${DEFAULT_RANKING_PARAMS.version}+`))).toBe(true)
  })

  it('a preset changes only what it names', () => {
    const conversation = PRESETS.find((p) => p.id === 'conversation')!.params
    expect(conversation.weights.reply).toBe(20)
    expect(conversation.weights.report).toBe(DEFAULT_RANKING_PARAMS.weights.report)
    expect(conversation.outOfNetwork).toEqual(DEFAULT_RANKING_PARAMS.outOfNetwork)
  })

  it('hand edits are versioned "+custom" on the base version', () => {
    const edited = rankingParams({ version: `${DEFAULT_RANKING_PARAMS.version}+discovery` })
    expect(customised(edited).version).toBe(`${DEFAULT_RANKING_PARAMS.version}+custom`)
    expect(customised(DEFAULT_RANKING_PARAMS).version).toBe(`${DEFAULT_RANKING_PARAMS.version}+custom`)
  })
})
