// Retrieval's reference ranking: the corpus ordered by the world's TRUE probability that the viewer
// favorites the post if it is shown to them fresh (truthInto at the post's creation time): topic affinity,
// quality, style taste, language, spam/NSFW, reply-ness, in-network and mutual follow all count; only the
// age decay is left out, since retrieval ranks a whole window at one moment and the towers see no age.
//
// Why not the old affinity-only oracle: eval positives exist only among posts the world served, and 63 %
// of favorites are in-network, where the truth adds +0.5 (+0.3 mutual) to the logit and ×1.35 to
// P(favorite). An affinity ranking ignores that, so a model could beat "the oracle" on positives@100.
// This target needs no exposure at all (every corpus post is labelled by the truth), so overlap@100 with it
// measures retrieval quality directly; positives@100 stays as the exposure-biased check.
import { DISCRETE_INDEX } from '../phoenix/actions.ts'
import { TRUTH_LENGTH, truthInto } from '../world/truth.ts'
import type { World } from '../world/world-types.ts'
import { topK } from './metrics.ts'

/** True P(favorite) of each post for the viewer, each served at its own creation time. */
export function referenceScores(world: World, viewerId: string, postIds: readonly string[]): Float64Array {
  const viewer = world.accountIndexById.get(viewerId)
  if (viewer === undefined) throw new Error(`unknown viewer ${viewerId}`)
  const truth = new Float64Array(TRUTH_LENGTH)
  return Float64Array.from(postIds, (id) => {
    const index = world.postIndexById.get(id)
    if (index === undefined) throw new Error(`unknown post ${id}`)
    const post = world.posts[index]!
    truthInto(world, viewer, post, post.createdAtMs, truth)
    return truth[DISCRETE_INDEX.favorite]!
  })
}

/** The `k` posts of `postIds` with the highest reference score, best first (ties by list order). */
export function referenceTop(
  world: World,
  viewerId: string,
  postIds: readonly string[],
  k: number,
): string[] {
  return topK(referenceScores(world, viewerId, postIds), k).map((i) => postIds[i]!)
}
