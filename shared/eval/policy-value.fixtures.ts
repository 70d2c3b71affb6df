// Test fixtures for policy-value tests (shared/eval and the web weight panel): a feed candidate (the ranking
// fixtures' builder) and truth rows that set only favorite and not_interested.
import { DISCRETE_ACTIONS, DISCRETE_INDEX } from '../phoenix/actions.ts'
import { feedCandidate } from '../ranking/ranking.fixtures.ts'
import type { FeedCandidate } from '../types/feed.ts'

const A = DISCRETE_ACTIONS.length

/** The ranking fixtures' candidate with the fields these tests pin: id i, its age, network side and favorites. */
export const policyCandidate = (
  i: number,
  createdAtMs: number,
  inNetwork: boolean,
  favorites = 10,
): FeedCandidate =>
  feedCandidate(`p${i}`, {
    authorId: `a${i}`,
    createdAtMs,
    text: 'hello',
    counts: { favorite: favorites, reply: 0, repost: 0, quote: 0, view: 5000 },
    inNetwork,
    source: inNetwork ? 'thunder' : 'phoenix_retrieval',
    authorHandle: `a${i}`,
    authorDisplayName: `A${i}`,
    authorFollowerCount: 5000,
  })

/** Truth rows ([candidates × (A + 1)]) with only favorite and not_interested set (every other head and dwell 0). */
export function truthRows(rows: readonly [number, number][]): Float64Array {
  const t = new Float64Array(rows.length * (A + 1))
  rows.forEach(([fav, ni], i) => {
    t[i * (A + 1) + DISCRETE_INDEX.favorite] = fav
    t[i * (A + 1) + DISCRETE_INDEX.not_interested] = ni
  })
  return t
}
