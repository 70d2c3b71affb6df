// Eval sessions as the ranking pipeline's inputs (FeedViewer, FeedCandidate), so whole policies can be run
// over them (policy-value.ts). Candidates are built as the edge builds them: the featurizer's fields with
// the counts at the serve time, plus what the pipeline reads that the eval records lack, taken from the
// regenerated world: conversation, language, author handle / followers, mutual follows, and the
// `nsfw_author` label the edge writes for NSFW-flagged authors.
import { PRESETS } from '../world/config.ts'
import { planSplit } from '../world/split.ts'
import type { World } from '../world/world-types.ts'
import type { EvalData, SessionRecord } from './eval-data.ts'
import type { PolicySession } from './policy-value.ts'
import { candidateInput, historyEvents, servedPost } from './session-features.ts'

/** The world's held-out viewers (never in training), by id. */
export function heldOutViewerIds(world: World, data: EvalData): Set<string> {
  const preset = PRESETS[data.world.preset as keyof typeof PRESETS]
  if (preset === undefined) throw new Error(`unknown world preset ${data.world.preset}`)
  return new Set(planSplit(world, preset.split).heldOutUsers.map((i) => world.accounts[i]!.id))
}

function account(world: World, id: string) {
  const i = world.accountIndexById.get(id)
  if (i === undefined) throw new Error(`account ${id} is not in the regenerated world`)
  return world.accounts[i]!
}

export function policySession(world: World, data: EvalData, s: SessionRecord): PolicySession {
  const viewer = account(world, s.userId)
  const mutual = (authorIndex: number) =>
    world.follows.follows(viewer.index, authorIndex) && world.follows.follows(authorIndex, viewer.index)
  const candidates = s.candidates.map(([postId, inNetwork, , , counts]) => {
    const p = servedPost(data.posts.get(postId)!, counts)
    const wp = world.posts[world.postIndexById.get(postId)!]!
    const author = world.accounts[wp.authorIndex]!
    return {
      ...candidateInput(p, inNetwork === 1),
      source: inNetwork === 1 ? ('thunder' as const) : ('phoenix_retrieval' as const),
      ...(p.replyToId !== null ? { replyToPostId: p.replyToId } : {}),
      ...(p.repostOfId !== null ? { repostOfPostId: p.repostOfId } : {}),
      ...(p.quoteOfId !== null ? { quoteOfPostId: p.quoteOfId } : {}),
      conversationId: world.posts[wp.conversation]!.id,
      language: wp.language,
      subscriberOnly: wp.subscriberOnly ?? false,
      authorHandle: author.handle,
      authorDisplayName: author.displayName,
      authorFollowerCount: world.follows.followerCount[author.index]!,
      authorIsMutualFollow: mutual(author.index),
      labels: author.nsfw ? ['nsfw_author'] : [],
    }
  })
  const mutualFollowIds = [...world.follows.following[viewer.index]!]
    .filter((a) => world.follows.follows(a, viewer.index))
    .map((a) => world.accounts[a]!.id)
  return {
    viewer: { userId: s.userId, history: historyEvents(data.posts, s.history), mutualFollowIds },
    nowMs: s.servedAtMs,
    candidates,
    truth: s.truth.flat(),
  }
}

/** Indices (into data.sessions) of the sessions whose viewer is held out. */
export function heldOutSessions(data: EvalData, heldOut: ReadonlySet<string>): number[] {
  return data.sessions.flatMap((s, k) => (heldOut.has(s.userId) ? [k] : []))
}
