// Visibility rules in upstream's shape (x-algorithm-facts §7): ordered rules over a post's safety labels,
// each allowing, adding an interstitial or dropping; the first drop ends evaluation. The For You feed uses
// `timeline_home_recommendations`: the base rules for every post, plus drop rules for out-of-network posts.
// Labels are the snake_case names below; the edge (Grox, world flags) writes them on FeedCandidate.labels.
import type { FeedCandidate } from '../types/feed.ts'
import type { VisibilityVerdict } from './explanation.ts'

export type SafetyLevel = 'filter_all' | 'timeline_home' | 'timeline_home_recommendations'

interface LabelRule {
  name: string
  action: 'interstitial' | 'drop'
  labels: readonly string[]
  /** Applies only to posts from accounts the viewer does not follow. */
  outOfNetworkOnly?: boolean
}

/** Base rules, in upstream order (viewer blocks/mutes are pre-scoring filters at the edge). */
const BASE_RULES: readonly LabelRule[] = [
  { name: 'AuthorState', action: 'drop', labels: ['suspended', 'deactivated', 'erased', 'offboarded'] },
  // Upstream drops protected authors; followers (in-network) may see them, so only strangers' are dropped.
  { name: 'ProtectedAuthor', action: 'drop', labels: ['protected'], outOfNetworkOnly: true },
  { name: 'Spam', action: 'drop', labels: ['pdna', 'bounce', 'spam'] },
  { name: 'EmergencyOnly', action: 'drop', labels: ['for_emergency_use_only'] },
  {
    name: 'Fosnr',
    action: 'drop',
    labels: ['hateful_conduct', 'violent_speech', 'abuse', 'civic_integrity'],
  },
  {
    name: 'Takedowns',
    action: 'drop',
    labels: ['nullcast', 'stale', 'legal_takedown', 'local_laws_takedown'],
  },
  {
    name: 'SensitiveInterstitial',
    action: 'interstitial',
    labels: ['nsfw_high_precision', 'gore_and_violence', 'nsfw_card_image', 'nsfw_author'],
  },
]

const OUT_OF_NETWORK_RULES: readonly LabelRule[] = [
  {
    name: 'OonPostDrops',
    action: 'drop',
    outOfNetworkOnly: true,
    labels: [
      'dmca_media',
      'geo_restricted_media',
      'nsfw_high_recall',
      'nsfw_high_precision',
      'gore_high_precision',
      'nsfw_card_image',
      'nsfw_text',
      'do_not_amplify',
      'malicious_url',
      'spam_high_recall',
      'abuse_insults',
    ],
  },
  {
    name: 'OonAuthorDrops',
    action: 'drop',
    outOfNetworkOnly: true,
    labels: [
      'nsfw_author',
      'nsfw_user',
      'nsfw_admin',
      'nsfw_avatar',
      'nsfw_banner',
      'nsfw_near_perfect',
      'compromised',
      'read_only',
      'impersonation',
      'abusive_high_recall',
    ],
  },
]

export const SAFETY_LEVEL_RULES: Readonly<Record<Exclude<SafetyLevel, 'filter_all'>, readonly LabelRule[]>> =
  {
    timeline_home: BASE_RULES,
    timeline_home_recommendations: [...BASE_RULES, ...OUT_OF_NETWORK_RULES],
  }

/** Every label some rule reads; anything else on a post is shown in its explanation but ignored here. */
export const KNOWN_SAFETY_LABELS: ReadonlySet<string> = new Set(
  SAFETY_LEVEL_RULES.timeline_home_recommendations.flatMap((r) => r.labels),
)

export function evaluateVisibility(post: FeedCandidate, level: SafetyLevel): VisibilityVerdict {
  if (level === 'filter_all') return { action: 'drop', reasons: ['filter_all'] }
  const labels = new Set(post.labels)
  const interstitials: string[] = []
  for (const rule of SAFETY_LEVEL_RULES[level]) {
    if (rule.outOfNetworkOnly && post.inNetwork) continue
    const hits = rule.labels.filter((l) => labels.has(l))
    if (hits.length === 0) continue
    if (rule.action === 'drop') return { action: 'drop', reasons: [hits[0]!] }
    for (const h of hits) if (!interstitials.includes(h)) interstitials.push(h)
  }
  return interstitials.length > 0
    ? { action: 'interstitial', reasons: interstitials }
    : { action: 'allow', reasons: [] }
}
