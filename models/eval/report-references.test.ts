import { describe, expect, it } from 'vitest'
import type { EvalReferences } from '../../shared/eval/eval-references.ts'
import { HOLDOUT_KINDS } from '../../shared/eval/holdout-kinds.ts'
import { holdoutSection, policySection } from './report-references.ts'

const refs: EvalReferences = {
  plugIn: [],
  holdout: {
    candidates: { 'new viewer & new post': 1, 'new viewer only': 2, 'new post only': 3, neither: 4 },
    heads: ['favorite', 'click'].map((head) => ({
      head,
      kinds: HOLDOUT_KINDS.map((kind) => ({
        kind,
        candidates: 10,
        positives: 3,
        auc: { model: 0.7, 'plug-in': 0.75, oracle: 0.8, popularity: Number.NaN },
        ne: {},
      })),
    })),
  },
  policies: {
    sessions: 2,
    resultSize: 35,
    values: [{ policy: 'chronological', sessions: 2, served: 4, value: -2, positive: 1, negative: 3 }],
  },
}

describe('REPORT.md reference sections', () => {
  it('prints one row per head and kind, with a column per score source (— for NaN)', () => {
    const md = holdoutSection(refs)
    expect(md).toContain(
      '| head | kind | candidates | positives | AUC model | AUC plug-in | AUC oracle | AUC popularity |',
    )
    expect(md).toContain('| favorite | new post only | 10 | 3 | 0.700 | 0.750 | 0.800 | — |')
    expect(md.split('\n').filter((l) => l.startsWith('| favorite |'))).toHaveLength(4)
    expect(md.split('\n').filter((l) => l.startsWith('| click |'))).toHaveLength(4)
    expect(md).toContain('new viewer & new post 1, new viewer only 2, new post only 3, neither 4')
  })

  it('prints each policy with value, its parts and the value per served post (−2 / 4 = −0.5)', () => {
    expect(policySection(refs)).toContain('| chronological | 4.00 | -2.000 | 1.000 | 3.000 | -0.500 |')
  })
})
