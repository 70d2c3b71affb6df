// Grox verdicts → the label names the feed's visibility rules read (shared/ranking/visibility-rules.ts),
// and their writes into post core data (PostStore's labels, edge/posts/post-labels.ts). The lexicon
// baselines are imprecise, so their labels are the out-of-network-only ones where a choice exists
// (`nsfw_high_recall`, `abuse_insults`, `spam_high_recall`), not the drop-everywhere ones.
import type { Env } from '../../../env'
import { postShards } from '../../../posts/post-client'
import type { PostLabelUpdate } from '../../../posts/post-labels'
import { fromEveryShard } from '../../../shards/shard-set'
import type { PostBoolMetadata } from '../../classifiers/classifier-backend'
import { NO_VIOLATION } from '../../classifiers/classifier-backend'
import type { SafetyViolatedPolicy } from '../../core/types'

export { SPAM_LABEL_MIN_SCORE } from '../../classifiers/spam/spam-model'

/** What the moderation (UPA) action applies from the bool metadata (our stand-in for its decision tree). */
export function labelsFromBoolMetadata(m: PostBoolMetadata): string[] {
  return [
    ...(m.isNsfw ? ['nsfw_high_recall'] : []),
    ...(m.isGore ? ['gore_and_violence'] : []),
    ...(m.isViolentSpeech ? ['violent_speech'] : []),
    ...(m.isHateful ? ['abuse_insults'] : []),
    ...(m.isSpam ? ['spam_high_recall'] : []),
  ]
}

/** One label per confirmed PTOS violation (policy type other than NoViolation). */
export function labelsFromPolicies(violations: readonly SafetyViolatedPolicy[]): string[] {
  const labels = new Set<string>()
  for (const v of violations) {
    const policy = v.safetyPolicy?.policyType
    if (!policy || policy === NO_VIOLATION) continue
    switch (v.category) {
      case 'AdultContent':
        labels.add(policy === 'SexualHard' ? 'nsfw_high_precision' : 'nsfw_text')
        break
      case 'ViolentMedia':
        labels.add('gore_and_violence')
        break
      case 'HateOrAbuse':
        labels.add(policy === 'SlursWithTarget' ? 'hateful_conduct' : 'abuse_insults')
        break
      case 'ViolentSpeech':
        labels.add('violent_speech')
        break
      case 'Spam':
        labels.add('spam_high_recall')
        break
      case 'CivicIntegrity':
        labels.add('civic_integrity')
        break
      default:
        labels.add('do_not_amplify')
    }
  }
  return [...labels].sort()
}

/** Sets each (post, source) label list; true per update whose post exists. */
export async function setGroxLabels(env: Env, updates: readonly PostLabelUpdate[]): Promise<boolean[]> {
  const written = await fromEveryShard(
    postShards(env).fanOut(
      updates.map((u, i) => ({ ...u, i })),
      (u) => u.postId,
      async (stub, group) => {
        const found = await stub.setLabels(group.map(({ i: _, ...u }) => u))
        return group.map((u, k) => ({ i: u.i, found: found[k] === true }))
      },
    ),
  )
  const out = new Array<boolean>(updates.length).fill(false)
  for (const r of written) out[r.i] = r.found
  return out
}

/** Every Grox label of these posts (the feed's labels hydrator can merge them with the author flags). */
export async function groxLabels(env: Env, postIds: readonly string[]): Promise<Map<string, string[]>> {
  const { ok, failed } = await postShards(env).fanOut(
    [...new Set(postIds)],
    (id) => id,
    (stub, group) => stub.labels(group),
  )
  for (const err of failed.values()) throw err
  return new Map([...ok.values()].flatMap((r) => Object.entries(r)))
}
