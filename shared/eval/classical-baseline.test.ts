// The classical baseline's features on a session worked by hand, and its fit on synthetic sessions whose
// favorite label is exactly the in-network flag (so a correct fit ranks every positive first).
import { describe, expect, it } from 'vitest'
import { DISCRETE_INDEX } from '../phoenix/actions.ts'
import { ClassicalBaseline, classicalProbs, fitClassicalBaseline } from './classical-baseline.ts'
import { FEATURE_COUNT, featureRow, SHARED_FEATURES, sessionFeatures } from './classical-features.ts'
import type { DatasetPost, SessionRecord } from './eval-data.ts'
import { auc } from './metrics.ts'

const HOUR = 3_600_000
const FAV = 1 << DISCRETE_INDEX.favorite
const CLICK = 1 << DISCRETE_INDEX.click

function post(id: string, authorId: string, text: string, extra: Partial<DatasetPost> = {}): DatasetPost {
  return {
    id,
    authorId,
    text,
    createdAtMs: 0,
    media: 'none',
    videoDurationMs: null,
    replyToId: null,
    quoteOfId: null,
    repostOfId: null,
    counts: { favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 },
    ...extra,
  }
}

const posts = new Map(
  [
    post('1', 'a1', 'kale soup'),
    post('2', 'a1', 'kale bread'),
    post('3', 'a2', 'chess pie'),
    post('9', 'a1', 'kale pie', { media: 'image', createdAtMs: 10 * HOUR }),
  ].map((p) => [p.id, p]),
)

const session: SessionRecord = {
  userId: 'v',
  servedAtMs: 12 * HOUR,
  history: [
    ['1', FAV, 0, 0, 1],
    ['2', CLICK, 0, 0, 2],
    ['3', FAV, 0, 0, 3],
  ],
  candidates: [['9', 1, 0, 0, [4, 1, 0, 0, 99]]],
  truth: [],
}

describe('classical features', () => {
  const f = sessionFeatures(posts, session)
  const row = new Float64Array(FEATURE_COUNT)
  const col = (name: (typeof SHARED_FEATURES)[number]) => row[SHARED_FEATURES.indexOf(name)]!
  const headCols = () => Array.from(row.subarray(SHARED_FEATURES.length))

  it('reads in-network, author and word history, media, age and the served counts', () => {
    featureRow(f, 0, DISCRETE_INDEX.favorite, row)
    expect(col('in_network')).toBe(1)
    expect(col('author_events_log')).toBeCloseTo(Math.log(3), 12) // two history events by a1
    expect(col('author_share')).toBeCloseTo(2 / 3, 12)
    expect(col('word_match_share')).toBe(1) // "kale" and "pie" both appear in the history
    expect(col('word_events_log')).toBeCloseTo((Math.log(3) + Math.log(2)) / 2, 12)
    expect(col('media_image')).toBe(1)
    expect(col('age_hours_log')).toBeCloseTo(Math.log(3), 12)
    expect(col('favorites_log')).toBeCloseTo(Math.log(5), 12)
    expect(col('views_log')).toBeCloseTo(Math.log(100), 12)
    expect(col('engagement_per_view_log')).toBeCloseTo(Math.log(6 / 119), 12)
    expect(col('history_log')).toBeCloseTo(Math.log(4), 12)
  })

  it('per head: the viewer’s smoothed rate overall, with the author and with the words', () => {
    // favorite: 2 of 3 events → (2 + ½) / 4 = 0.625; a1: (1 + 2·0.625) / 4; "kale" as a1, "pie" (1 of 1) (1 + 1.25) / 3.
    featureRow(f, 0, DISCRETE_INDEX.favorite, row)
    const [viewer, author, word] = headCols()
    expect(viewer).toBeCloseTo(0.625, 12)
    expect(author).toBeCloseTo(0.5625, 12)
    expect(word).toBeCloseTo((0.5625 + 0.75) / 2, 12)
    // click: 1 of 3 → 0.375; a1: (1 + 0.75) / 4; "pie": (0 + 0.75) / 3.
    featureRow(f, 0, DISCRETE_INDEX.click, row)
    const [cv, ca, cw] = headCols()
    expect(cv).toBeCloseTo(0.375, 12)
    expect(ca).toBeCloseTo(0.4375, 12)
    expect(cw).toBeCloseTo((0.4375 + 0.25) / 2, 12)
  })
})

describe('classical baseline fit', () => {
  // 60 sessions of four candidates; favorite fires exactly on the in-network ones.
  const synthetic: SessionRecord[] = Array.from({ length: 60 }, (_, s) => ({
    userId: 'v',
    servedAtMs: 12 * HOUR,
    history: [['1', s % 2 ? FAV : CLICK, 0, 0, 1]],
    candidates: [0, 1, 2, 3].map((c): SessionRecord['candidates'][number] => {
      const inNet = (s + c) % 3 === 0 ? 1 : 0
      return ['9', inNet, inNet ? FAV : 0, 0, [c, 0, 0, 0, 10 * c]]
    }),
    truth: [],
  }))
  const world = { generatorVersion: 'test', preset: 'test', seed: 1, trainFingerprint: '0' }
  const model = fitClassicalBaseline(posts, synthetic, world)

  it('ranks every in-network (favorited) candidate above the rest, and round-trips its schema', () => {
    const probs = classicalProbs(model, posts, synthetic)
    const A = probs.length / (synthetic.length * 4)
    const fav = synthetic.flatMap((s) => s.candidates.map((c) => (c[2] & FAV ? 1 : 0)))
    const scores = fav.map((_, i) => probs[i * A + DISCRETE_INDEX.favorite]!)
    expect(auc(scores, fav)).toBe(1)
    expect(ClassicalBaseline.parse(JSON.parse(JSON.stringify(model)))).toEqual(model)
    expect(model.trainCandidates).toBe(240)
  })
})
