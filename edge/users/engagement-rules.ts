// What each engagement action is, and the combinations that mean nothing (400 naming the field). The
// action vocabulary is shared/phoenix/actions.ts; edge/README.md ("Posts, reposts, deletes, counts and
// engagement actions") publishes this table.
import type { DiscreteAction } from '../../shared/phoenix/actions.ts'
import { LIMITS } from '../../shared/types/api/limits.ts'
import type { RelationKind } from '../../shared/types/api/users.ts'
import type { EngagementCounts } from '../../shared/types/post.ts'
import { DomainError } from '../domain-error'

/**
 * `event`: every new idempotency key is one more event (a view, a click); `state`: once per user and post,
 * whatever key it is resent with; `content`: the history's record of a reply, repost or quote, whose post
 * (created through POST /v1/posts) is what counts.
 */
export type ActionKind = 'event' | 'state' | 'content'

export interface ActionRule {
  kind: ActionKind
  /** The post counter a new one moves. */
  counter?: keyof EngagementCounts
  /** The relation to the post's author it also applies (as PUT /v1/users/{id}/{relation}/{authorId}). */
  relation?: RelationKind
  /** Meaningless on one's own post. */
  notOnOwnPost?: boolean
}

const EVENT: ActionRule = { kind: 'event' }

export const ACTION_RULES: Readonly<Record<DiscreteAction, ActionRule>> = {
  favorite: { kind: 'state', counter: 'favorite' },
  reply: { kind: 'content' },
  repost: { kind: 'content' },
  quote: { kind: 'content' },
  photo_expand: EVENT,
  video_open: EVENT,
  click: EVENT,
  open_link: EVENT,
  profile_click: EVENT,
  vqv: EVENT,
  share: EVENT,
  share_via_dm: EVENT,
  share_via_copy_link: EVENT,
  dwell: { kind: 'event', counter: 'view' },
  quoted_click: EVENT,
  quoted_vqv: EVENT,
  follow_author: { kind: 'state', relation: 'following', notOnOwnPost: true },
  not_interested: { kind: 'state', notOnOwnPost: true },
  block_author: { kind: 'state', relation: 'blocks', notOnOwnPost: true },
  mute_author: { kind: 'state', relation: 'mutes', notOnOwnPost: true },
  report: { kind: 'state', notOnOwnPost: true },
  // Derived by the server, never logged (LOGGABLE_ACTIONS); listed so the table is total.
  not_dwelled: EVENT,
  post_unexplored: EVENT,
}

/** How far back `at` may lie: idempotency keys are kept this long, so an older resend cannot recount. */
export const ENGAGEMENT_KEY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000

export interface CheckedEngagement {
  postId: string
  action: DiscreteAction
  at: number
  dwellMs?: number | undefined
}

/** The post facts a check needs (absent: the post is unknown, which only the lenient admin ingest allows). */
export interface PostFacts {
  authorId: string
  createdAt: number
}

const invalid = (code: string, message: string, field: string) =>
  new DomainError('invalid', code, message, field)

/** Throws a 400 DomainError naming `<prefix>.<field>` when the engagement means nothing. */
export function checkEngagement(
  e: CheckedEngagement,
  userId: string,
  post: PostFacts | undefined,
  now: number,
  prefix: string,
): void {
  const rule = ACTION_RULES[e.action]
  if (e.dwellMs !== undefined && e.action !== 'dwell')
    throw invalid('invalid_request', 'dwellMs goes with the dwell action only', `${prefix}.dwellMs`)
  if (e.at > now + LIMITS.futureSkewMs)
    throw invalid('invalid_time', 'at is in the future (beyond 5 minutes of clock skew)', `${prefix}.at`)
  if (e.at < now - ENGAGEMENT_KEY_RETENTION_MS)
    throw invalid('invalid_time', 'at is more than 30 days old', `${prefix}.at`)
  if (post === undefined) return
  if (e.at < post.createdAt)
    throw invalid('invalid_time', 'at is before the post was created', `${prefix}.at`)
  if (rule.notOnOwnPost && post.authorId === userId)
    throw invalid('own_post', `${e.action} on your own post means nothing`, `${prefix}.action`)
}

const KIND_TEXT: Record<ActionKind, string> = {
  event: 'event (each new key)',
  state: 'state (once per user and post)',
  content: 'history only (the post counts)',
}

/** The action table for the OpenAPI description, generated from ACTION_RULES so it cannot drift. */
export function actionTableMarkdown(actions: readonly DiscreteAction[]): string {
  const rows = actions.map((a) => {
    const r = ACTION_RULES[a]
    const also = [
      r.relation && `applies ${r.relation} to the author`,
      r.notOnOwnPost && 'refused on own post',
      a === 'dwell' && 'dwellMs only here',
    ].filter(Boolean)
    return `| ${a} | ${KIND_TEXT[r.kind]} | ${r.counter ?? '-'} | ${also.join('; ') || '-'} |`
  })
  return ['| action | kind | counter | also |', '|---|---|---|---|', ...rows].join('\n')
}
