// Seeded raw ranking requests (a viewer's history + candidates) for parity tests and benchmarks. They go
// through the real featurizer, so every input path of the models is exercised with plausible values.

import { seededRandom } from '../../util/seeded-random.ts'
import { DISCRETE_ACTIONS } from '../actions.ts'
import {
  type CandidateInput,
  type CandidateTensors,
  featurizeCandidates,
  featurizeHistory,
  type HistoryEvent,
  type HistoryTensors,
  type MediaKind,
} from '../features.ts'

const HOUR_MS = 3_600_000
export const SYNTHETIC_NOW_MS = 1_784_592_000_000
const WORDS = [
  'rocket',
  'launch',
  '#space',
  'gpu',
  'model',
  '@bob',
  'tonight',
  'ml',
  'news',
  'goal',
  'recipe',
  'vote',
]
const MEDIA: readonly MediaKind[] = ['none', 'none', 'image', 'video', 'gif']

/** A positive decimal id below 2^53 (every featurizer path is the same for larger ones). */
function id(rand: () => number): string {
  return String(1 + Math.floor(rand() * (2 ** 53 - 2)))
}

export function syntheticHistory(
  rand: () => number,
  events: number,
  nowMs = SYNTHETIC_NOW_MS,
): HistoryEvent[] {
  const out: HistoryEvent[] = []
  for (let i = 0; i < events; i++) {
    const engagedAtMs = nowMs - (events - i) * 0.5 * HOUR_MS
    let actionMask = 0
    for (let a = 0; a < DISCRETE_ACTIONS.length; a++) if (rand() < 0.12) actionMask |= 1 << a
    out.push({
      postId: id(rand),
      authorId: String(1 + Math.floor(rand() * 500)),
      postCreatedAtMs: rand() < 0.9 ? engagedAtMs - Math.floor(rand() * 30 * HOUR_MS) : undefined,
      actionMask: actionMask >>> 0,
      dwellSeconds: rand() * 40,
      surface: rand() < 0.7 ? 1 : Math.floor(rand() * 16),
      engagedAtMs,
      postText:
        rand() < 0.9
          ? Array.from(
              { length: Math.floor(rand() * 20) },
              () => WORDS[Math.floor(rand() * WORDS.length)],
            ).join(' ')
          : undefined,
    })
  }
  return out
}

export function syntheticCandidates(
  rand: () => number,
  n: number,
  nowMs = SYNTHETIC_NOW_MS,
): CandidateInput[] {
  return Array.from({ length: n }, (): CandidateInput => {
    const media = MEDIA[Math.floor(rand() * MEDIA.length)]!
    const words = Math.floor(rand() * 14)
    const kind = rand()
    return {
      postId: id(rand),
      authorId: String(1 + Math.floor(rand() * 500)),
      createdAtMs: nowMs - Math.floor(rand() * 90 * HOUR_MS),
      text: Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' '),
      media,
      videoDurationMs: media === 'video' ? Math.floor(rand() * 120_000) : undefined,
      counts: {
        favorite: Math.floor(rand() ** 3 * 50_000),
        reply: Math.floor(rand() ** 3 * 2000),
        repost: Math.floor(rand() ** 3 * 5000),
        quote: Math.floor(rand() ** 3 * 300),
        view: Math.floor(rand() ** 2 * 2_000_000),
      },
      inNetwork: rand() < 0.5,
      isReply: kind < 0.15,
      isRepost: kind >= 0.15 && kind < 0.25,
      isQuote: kind >= 0.25 && kind < 0.3,
    }
  })
}

export interface SyntheticRequest {
  history: HistoryTensors
  candidates: CandidateTensors
}

/** A featurized request: `events` history events (right-aligned, clipped to H) and `n` candidates. */
export function syntheticRequest(seed: number, events: number, n: number, userId?: string): SyntheticRequest {
  const rand = seededRandom(seed)
  return {
    history: featurizeHistory(userId ?? id(rand), syntheticHistory(rand, events)),
    candidates: featurizeCandidates(syntheticCandidates(rand, n), SYNTHETIC_NOW_MS),
  }
}
