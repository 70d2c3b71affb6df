// Upstream's MutedKeyword filter, fail-closed: drops posts whose text (the original's, for a repost)
// contains a muted keyword or phrase as whole words, case-insensitively ("cat" mutes "Cat!" and "#cat",
// not "category"). Without the viewer's keywords it cannot judge, so it throws and drops everything.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'
import { partition } from './partition'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One regex for all keywords; letters and digits of any script count as word characters. */
export function mutedKeywordMatcher(keywords: readonly string[]): (text: string) => boolean {
  const terms = keywords.map((k) => k.trim().toLowerCase()).filter((k) => k.length > 0)
  if (terms.length === 0) return () => false
  const alternatives = terms.map((t) => escapeRegExp(t).replace(/\s+/g, '\\s+')).join('|')
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'iu')
  return (text) => re.test(text)
}

export const mutedKeywordFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'MutedKeywordFilter',
  onError: 'fail-closed',
  filter(q, candidates) {
    const matches = mutedKeywordMatcher(required(q.mutedKeywords, 'mutedKeywords'))
    return partition(candidates, (c) => !matches(c.text))
  },
}
