// The action vocabulary: one source of truth for engagement names, the ranker's output heads and their
// order, which actions are negative feedback, and which are continuous. Upstream's serving heads
// (home-mixer's PhoenixScores), in the order the ranking scorer sums them.

export const DISCRETE_ACTIONS = [
  'favorite',
  'reply',
  'repost',
  'photo_expand',
  'video_open',
  'click',
  'open_link',
  'profile_click',
  'vqv',
  'share',
  'share_via_dm',
  'share_via_copy_link',
  'dwell',
  'quote',
  'quoted_click',
  'quoted_vqv',
  'follow_author',
  'not_interested',
  'block_author',
  'mute_author',
  'report',
  'not_dwelled',
  'post_unexplored',
] as const

/** Continuous heads; the ranker predicts `dwell_time` (seconds). The other two carry weight 0 upstream. */
export const CONTINUOUS_ACTIONS = ['dwell_time', 'click_dwell_time', 'active_secs_5m_residual_norm'] as const

export type DiscreteAction = (typeof DISCRETE_ACTIONS)[number]
export type ContinuousAction = (typeof CONTINUOUS_ACTIONS)[number]
export type ActionName = DiscreteAction | ContinuousAction

/** Negative feedback: these push a post's score down and are hard negatives for retrieval. */
export const NEGATIVE_ACTIONS: readonly DiscreteAction[] = [
  'not_interested',
  'block_author',
  'mute_author',
  'report',
  'not_dwelled',
]

/** Retrieval positives (upstream trains the two-tower on favorites). */
export const RETRIEVAL_POSITIVE_ACTIONS: readonly DiscreteAction[] = ['favorite']
/** Retrieval hard negatives; `not_dwelled` is the soft one. */
export const RETRIEVAL_HARD_NEGATIVE_ACTIONS: readonly DiscreteAction[] = [
  'not_interested',
  'block_author',
  'mute_author',
  'report',
]

/** Index of each discrete action in the multi-hot history vector and in the ranker's logits. */
export const DISCRETE_INDEX: Readonly<Record<DiscreteAction, number>> = Object.freeze(
  Object.fromEntries(DISCRETE_ACTIONS.map((a, i) => [a, i])) as Record<DiscreteAction, number>,
)

/** Actions a client may log as engagements (`dwell_time` arrives as `dwell` with a duration). */
export const LOGGABLE_ACTIONS: readonly DiscreteAction[] = DISCRETE_ACTIONS.filter(
  (a) => a !== 'post_unexplored' && a !== 'not_dwelled',
)

export function isDiscreteAction(name: string): name is DiscreteAction {
  return Object.hasOwn(DISCRETE_INDEX, name)
}

export function isNegativeAction(name: string): boolean {
  return (NEGATIVE_ACTIONS as readonly string[]).includes(name)
}

/** Dwell is capped at 30 s for the history feature and predicted in [0, 30] s by the ranker. */
export const DWELL_CAP_SECONDS = 30
