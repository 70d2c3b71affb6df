// Each pre-scoring filter's rule on hand-built candidates, and the safety filters failing closed when the
// query data they judge by is missing (run through the real framework, as the pipeline runs them).
import { describe, expect, it } from 'vitest'
import { definePipeline } from '../../../shared/pipeline/define-pipeline.ts'
import { execute } from '../../../shared/pipeline/execute.ts'
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { SubscriptionTier } from '../../../shared/types/account.ts'
import { candidate, hydratedQuery, ids, NOW, VIEWER } from '../feed.fixtures'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { ageFilter } from './age.filter'
import { authorSocialgraphFilter } from './author-socialgraph.filter'
import { coreDataHydrationFilter } from './core-data-hydration.filter'
import { dropDuplicatesFilter } from './drop-duplicates.filter'
import { mutedKeywordFilter } from './muted-keyword.filter'
import { oonRepostReplyFilter } from './oon-repost-reply.filter'
import { previouslySeenFilter } from './previously-seen.filter'
import { previouslyServedFilter } from './previously-served.filter'
import { repostDedupFilter } from './repost-dedup.filter'
import { selfPostFilter } from './self-post.filter'
import { videoFilter } from './video.filter'
import { visibilityFilter } from './visibility.filter'

const H = 3_600_000
const kept = (f: Filter<FeedQuery, PipelineCandidate>, cs: PipelineCandidate[], q = hydratedQuery()) =>
  ids(f.filter(q, cs).kept)

/** Runs one filter inside a real pipeline: what the viewer would get, and the filter's trace entry. */
async function throughPipeline(
  f: Filter<FeedQuery, PipelineCandidate>,
  q: FeedQuery,
  cs: PipelineCandidate[],
) {
  const p = definePipeline<FeedQuery, PipelineCandidate>({
    name: 'FilterUnderTest',
    candidateKey: (c) => c.postId,
    sources: [{ name: 'Fixed', source: async () => cs }],
    filters: [f],
    selector: { name: 'All', score: () => undefined },
    resultSize: 100,
  })
  const r = await execute(p, q)
  const entry = r.trace.stages.find((s) => s.stage === 'filter')?.components[0]
  return { selected: ids(r.selected), entry }
}

describe('pre-scoring filters', () => {
  it('DropDuplicates keeps the first copy of a post', () => {
    const cs = [candidate('1'), candidate('1', { source: 'popular' }), candidate('2')]
    const r = dropDuplicatesFilter.filter(hydratedQuery(), cs)
    expect(ids(r.kept)).toEqual(['1', '2'])
    expect(r.kept[0]?.source).toBe('thunder')
  })

  it('CoreDataHydration drops unloaded posts and reposts whose original is gone', () => {
    const cs = [
      candidate('1'),
      candidate('2', { coreDataHydrated: false }),
      candidate('3', { sourceMissing: true }),
    ]
    expect(kept(coreDataHydrationFilter, cs)).toEqual(['1'])
  })

  it('Age keeps exactly 48 h and drops anything older', () => {
    const cs = [
      candidate('1', { createdAtMs: NOW - 48 * H }),
      candidate('2', { createdAtMs: NOW - 48 * H - 1 }),
    ]
    expect(kept(ageFilter, cs)).toEqual(['1'])
  })

  it('SelfPost drops the viewer’s posts and reposts of them', () => {
    const cs = [
      candidate('1', { authorId: VIEWER, servingAuthorId: VIEWER }),
      candidate('2', { authorId: VIEWER, servingAuthorId: '100', isRepost: true, repostOfPostId: '7' }),
      candidate('3'),
    ]
    expect(kept(selfPostFilter, cs)).toEqual(['3'])
  })

  it('OonRepostReply keeps replies and reposts only in network', () => {
    const cs = [
      candidate('1', { inNetwork: false, isReply: true }),
      candidate('2', { inNetwork: false, isRepost: true }),
      candidate('3', { inNetwork: false, isQuote: true }),
      candidate('4', { inNetwork: true, isReply: true }),
    ]
    expect(kept(oonRepostReplyFilter, cs)).toEqual(['3', '4'])
  })

  it('RepostDedup keeps the first candidate per original, original or repost', () => {
    expect(kept(repostDedupFilter, [candidate('1'), candidate('2', { repostOfPostId: '1' })])).toEqual(['1'])
    expect(kept(repostDedupFilter, [candidate('2', { repostOfPostId: '1' }), candidate('1')])).toEqual(['2'])
    expect(
      kept(repostDedupFilter, [
        candidate('2', { repostOfPostId: '1' }),
        candidate('3', { repostOfPostId: '1' }),
      ]),
    ).toEqual(['2'])
  })

  it('PreviouslySeen drops seen posts and reposts of seen originals', () => {
    const q = hydratedQuery({ seenIds: new Set(['1', '5']) })
    const cs = [
      candidate('1'),
      candidate('2', { repostOfPostId: '5' }),
      candidate('3', { quoteOfPostId: '5' }),
    ]
    expect(kept(previouslySeenFilter, cs, q)).toEqual(['3'])
  })

  it('PreviouslyServed drops a candidate when any related post was served', () => {
    const q = hydratedQuery({ servedIds: new Set(['1', '5', '6']) })
    const cs = [
      candidate('1'),
      candidate('2', { repostOfPostId: '5' }),
      candidate('3', { quoteOfPostId: '6' }),
      candidate('4'),
    ]
    expect(kept(previouslyServedFilter, cs, q)).toEqual(['4'])
  })

  it('Video runs only when the request excludes video', () => {
    const cs = [candidate('1', { media: 'video' }), candidate('2', { media: 'image' })]
    expect(videoFilter.enable?.(hydratedQuery())).toBe(false)
    expect(videoFilter.enable?.(hydratedQuery({ excludeVideos: true }))).toBe(true)
    expect(kept(videoFilter, cs)).toEqual(['2'])
  })
})

describe('safety filters (fail-closed)', () => {
  it('MutedKeyword matches whole words and phrases, case-insensitively, in any script', () => {
    const q = hydratedQuery({ mutedKeywords: ['cat', 'new york', 'c++', 'über'] })
    const cs = [
      candidate('1', { text: 'My CAT!' }),
      candidate('2', { text: 'love #cat pics' }),
      candidate('3', { text: 'a category error' }),
      candidate('4', { text: 'flying to New   York' }),
      candidate('5', { text: 'I write C++ daily' }),
      candidate('6', { text: 'Über alles' }),
      candidate('7', { text: 'newyork scatter' }),
    ]
    expect(kept(mutedKeywordFilter, cs, q)).toEqual(['3', '7'])
    expect(kept(mutedKeywordFilter, cs, hydratedQuery())).toEqual(ids(cs))
  })

  it('AuthorSocialgraph drops blocks and mutes in both directions, including quoted and replied-to users', () => {
    const q = hydratedQuery({
      blockedIds: new Set(['201']),
      mutedIds: new Set(['202']),
      blockedByIds: new Set(['203']),
    })
    const cs = [
      candidate('1', { authorId: '201', servingAuthorId: '201' }),
      candidate('2', { authorId: '202', servingAuthorId: '202' }),
      candidate('3', { authorId: '203', servingAuthorId: '203' }),
      candidate('4', { quotedAuthorId: '201' }),
      candidate('5', { replyToUserId: '203' }),
      candidate('6', { authorId: '202', servingAuthorId: '100', repostOfPostId: '9' }),
      candidate('7'),
    ]
    expect(kept(authorSocialgraphFilter, cs, q)).toEqual(['7'])
  })

  // Author 301 is followed, 302 is not; each row: candidate fields, viewer tier → kept?
  const visibilityCases: [string, Partial<PipelineCandidate>, SubscriptionTier, boolean][] = [
    ['a followed protected author', { authorId: '301', protectedAuthorIds: ['301'] }, 'none', true],
    ['an unfollowed protected author', { authorId: '302', protectedAuthorIds: ['302'] }, 'none', false],
    [
      'a followed reposter of an unfollowed protected author',
      { authorId: '302', servingAuthorId: '301', protectedAuthorIds: ['302'] },
      'none',
      false,
    ],
    ['unknown author facts', { protectedAuthorIds: undefined }, 'premium', false],
    ['a subscriber-only post, tier none', { subscriberOnly: true }, 'none', false],
    ['a subscriber-only post, paid tier', { subscriberOnly: true }, 'basic', true],
    ['the viewer’s own subscriber-only post', { authorId: VIEWER, subscriberOnly: true }, 'none', true],
    ['an author who blocks the viewer', { authorId: '303' }, 'none', false],
    ['a muted author', { authorId: '304' }, 'none', false],
    ['a reposted muted author', { authorId: '304', servingAuthorId: '301' }, 'none', false],
    ['an author who mutes the viewer', { authorId: '305' }, 'none', true],
    ['an ordinary public post', {}, 'none', true],
  ]
  it.each(visibilityCases)('Visibility: %s', (_, fields, viewerTier, expected) => {
    const q = hydratedQuery({
      viewerTier,
      followedIds: new Set(['301']),
      blockedByIds: new Set(['303']),
      mutedIds: new Set(['304']),
    })
    const c = candidate('1', { servingAuthorId: fields.authorId ?? '100', ...fields })
    expect(kept(visibilityFilter, [c], q)).toEqual(expected ? ['1'] : [])
  })

  it.each([
    ['MutedKeywordFilter', mutedKeywordFilter, { mutedKeywords: undefined }],
    ['AuthorSocialgraphFilter', authorSocialgraphFilter, { blockedByIds: undefined }],
    ['AuthorSocialgraphFilter', authorSocialgraphFilter, { blockedIds: undefined }],
    ['VisibilityFilter', visibilityFilter, { followedIds: undefined }],
    ['VisibilityFilter', visibilityFilter, { viewerTier: undefined }],
    ['VisibilityFilter', visibilityFilter, { blockedByIds: undefined }],
  ] as const)('%s drops every candidate it cannot judge', async (name, filter, missing) => {
    const cs = [candidate('1'), candidate('2')]
    const healthy = await throughPipeline(filter, hydratedQuery(), cs)
    expect(healthy.selected).toEqual(['1', '2'])
    const broken = await throughPipeline(filter, hydratedQuery(missing), cs)
    expect(broken.selected).toEqual([])
    expect(broken.entry).toMatchObject({ name, outcome: 'failed', removed: ['1', '2'] })
    expect(broken.entry?.error).toContain('query not hydrated')
  })

  it('an ordinary filter fails open when its data is missing', async () => {
    const cs = [candidate('1'), candidate('2')]
    const r = await throughPipeline(previouslySeenFilter, hydratedQuery({ seenIds: undefined }), cs)
    expect(r.selected).toEqual(['1', '2'])
    expect(r.entry?.outcome).toBe('failed')
  })
})
