import { DurableObject } from 'cloudflare:workers'
import { LIMITS } from '../../shared/types/api/limits.ts'
import type { RelationKind, UserView } from '../../shared/types/api/users.ts'
import type { Env } from '../env'
import { migrateOnStart } from '../storage/migrate'
import { THUNDER_CAPS } from '../thunder/thunder-caps'
import { ENGAGEMENT_STATE_SCHEMA, endEngagementState, recordEngagementBatch } from './engagement-state'
import * as followRequests from './follow-requests'
import { createWithHandle, type ProfileWrite, patchWithHandle, SerialQueue } from './handle-change'
import { readRelationFacts, type ViewerRelationFacts } from './relation-facts'
import * as activity from './user-activity'
import * as lists from './user-lists'
import {
  insertProfile,
  type ProfileInput,
  type ProfilePatch,
  patchProfile,
  readProfile,
} from './user-profile'
import { USER_STATE_SCHEMA } from './user-schema'

/** Relations kept in the target's reverse index. */
export type InboundKind = 'blocks' | 'mutes'

export function userState(env: Env, userId: string): DurableObjectStub<UserState> {
  return env.USER_STATE.getByName(`user-${userId}`)
}

/** What a relation write did; `missing` means this user has no profile. */
export type RelationWrite =
  | { status: 'missing' }
  | { status: 'full' }
  | { status: 'refused'; reason: FollowRefusal }
  | { status: 'ok'; changed: string[]; unfollowed: string[] }

/** One user's part of a bulk ingest call. */
export interface UserBundle {
  account?: (ProfileInput & { followersCount?: number | undefined }) | undefined
  followees: readonly string[]
  entries: readonly activity.EngagementEntry[]
}

export interface UserBundleResult {
  profile?: { status: 'created' | 'updated' | 'unchanged'; previousHandle?: string }
  followsAdded: number
  /** The engagements taken as new. */
  engagements: activity.EngagementEntry[]
}

/** Why a follow (or follow request) cannot be made: a block between the two, from either side. */
export type FollowRefusal = 'blocked_by_target' | 'target_blocked'

/**
 * One user's state: profile, follows/blocks/mutes, muted keywords, the bounded engagement history and the
 * served/seen post ids. Every method on a user without a profile returns null / `missing` and writes nothing.
 */
export class UserState extends DurableObject<Env> {
  private readonly sql = migrateOnStart(this.ctx, [...USER_STATE_SCHEMA, ...ENGAGEMENT_STATE_SCHEMA])
  // Profile writes that claim and release handles await the registry; they must not interleave.
  private readonly profileWrites = new SerialQueue()

  getProfile(): UserView | null {
    return readProfile(this.sql)
  }

  /** Creates the profile and claims its handle; `exists` when there already is one (whatever its data). */
  createProfile(p: ProfileInput): Promise<ProfileWrite> {
    return this.profileWrites.run(() => createWithHandle(this.env, this.sql, p))
  }

  /** Bulk ingest: create, or bring an existing profile in line with `p` (reporting the handle it had). */
  upsertProfile(p: ProfileInput & { followersCount?: number | undefined }): {
    status: 'created' | 'updated' | 'unchanged'
    previousHandle?: string
  } {
    const current = readProfile(this.sql)
    if (current === null) {
      insertProfile(this.sql, p, Date.now())
      if (p.followersCount !== undefined) this.setFollowers(p.followersCount)
      return { status: 'created' }
    }
    let changed = patchProfile(this.sql, current, p, Date.now())
    if (p.followersCount !== undefined && p.followersCount !== current.followersCount) {
      this.setFollowers(p.followersCount)
      changed = true
    }
    return { status: changed ? 'updated' : 'unchanged', previousHandle: current.handle }
  }

  /**
   * The bulk loader's whole write for this user in one call, so a new object commits once instead of once
   * per stage: the account (when given), then its follows, then its engagements (bulk-ingest.ts).
   */
  ingestBundle(b: UserBundle): UserBundleResult {
    const profile = b.account === undefined ? undefined : this.upsertProfile(b.account)
    const follows = b.followees.length > 0 ? this.addRelations('following', b.followees) : undefined
    const engagements = b.entries.length > 0 ? this.recordEngagements(b.entries) : null
    return {
      ...(profile === undefined ? {} : { profile }),
      followsAdded: follows?.status === 'ok' ? follows.changed.length : 0,
      engagements: engagements ?? [],
    }
  }

  /** Applies a patch, moving the handle atomically (claim new, write, release old). */
  updateProfile(patch: ProfilePatch): Promise<ProfileWrite> {
    return this.profileWrites.run(() => patchWithHandle(this.env, this.sql, patch))
  }

  adjustFollowers(delta: number): void {
    this.sql.exec('UPDATE profile SET followers_count = MAX(0, followers_count + ?)', delta)
  }

  private setFollowers(count: number): void {
    this.sql.exec('UPDATE profile SET followers_count = ?', count)
  }

  /**
   * Adds relations; returns the new ones. Blocking also unfollows and drops the target's follow request
   * (the caller fixes follower counts and the target's side). A follow across a block is refused: a single
   * target says why, a bulk batch leaves it out.
   */
  addRelations(kind: RelationKind, targets: readonly string[], at = Date.now()): RelationWrite {
    if (!this.exists()) return { status: 'missing' }
    let fresh = [...new Set(targets)].filter((t) => !this.hasRelation(kind, t))
    if (kind === 'following') {
      const refusalOf = this.followRefusals()
      const refusal = fresh.length === 1 && fresh[0] !== undefined ? refusalOf(fresh[0]) : undefined
      if (refusal !== undefined) return { status: 'refused', reason: refusal }
      fresh = fresh.filter((t) => refusalOf(t) === undefined)
    }
    if (this.countRelations(kind) + fresh.length > LIMITS.relationsPerKind) return { status: 'full' }
    const unfollowed: string[] = []
    this.ctx.storage.transactionSync(() => {
      for (const t of fresh) {
        this.sql.exec('INSERT INTO relations (kind, target_id, at) VALUES (?, ?, ?)', kind, t, at)
        if (kind !== 'blocks') continue
        if (this.deleteRelation('following', t)) unfollowed.push(t)
        followRequests.deleteFollowRequest(this.sql, t)
      }
    })
    return { status: 'ok', changed: fresh, unfollowed }
  }

  /** A block between this user and `target`, either way, that forbids following. */
  followRefusal(target: string): FollowRefusal | undefined {
    return this.followRefusals()(target)
  }

  /** The check for many targets: both block lists are read once (bulk follows pass thousands). */
  private followRefusals(): (target: string) => FollowRefusal | undefined {
    const ids = (sql: string) =>
      new Set(
        this.sql
          .exec<{ id: string }>(sql)
          .toArray()
          .map((r) => r.id),
      )
    const blocking = ids("SELECT target_id AS id FROM relations WHERE kind = 'blocks'")
    const blockedBy = ids("SELECT source_id AS id FROM inbound_relations WHERE kind = 'blocks'")
    return (target) =>
      blocking.has(target) ? 'target_blocked' : blockedBy.has(target) ? 'blocked_by_target' : undefined
  }

  /**
   * The target's side of `sourceId` blocking (or unblocking) this user: the reverse index, and on a block
   * this user's follow of the source and any request to follow it go. Returns whether a follow went.
   */
  receiveBlock(sourceId: string, active: boolean): { unfollowed: boolean } | null {
    if (!this.exists()) return null
    return this.ctx.storage.transactionSync(() => {
      this.setInbound('blocks', sourceId, active)
      if (!active) return { unfollowed: false }
      followRequests.deleteFollowRequest(this.sql, sourceId)
      return { unfollowed: this.deleteRelation('following', sourceId) }
    })
  }

  /** A request by `requesterId` to follow this (protected) user; refused across a block. */
  requestFollow(requesterId: string, at = Date.now()): RelationWrite {
    if (!this.exists()) return { status: 'missing' }
    if (this.hasRelation('blocks', requesterId)) return { status: 'refused', reason: 'blocked_by_target' }
    const added = followRequests.addFollowRequest(this.sql, requesterId, at)
    return { status: 'ok', changed: added ? [requesterId] : [], unfollowed: [] }
  }

  hasFollowRequest(requesterId: string): boolean {
    return followRequests.hasFollowRequest(this.sql, requesterId)
  }

  /** Removes a pending request (answered or withdrawn); false when there was none. */
  removeFollowRequest(requesterId: string): boolean {
    return followRequests.deleteFollowRequest(this.sql, requesterId)
  }

  followRequestPage(limit: number, after?: readonly [number, string]) {
    return this.exists() ? followRequests.readFollowRequestPage(this.sql, limit, after) : null
  }

  /** What post visibility needs from this viewer about `authorIds` (null: no such user). */
  relationFacts(authorIds: readonly string[]): ViewerRelationFacts | null {
    const profile = readProfile(this.sql)
    return profile === null ? null : readRelationFacts(this.sql, profile.subscriptionTier, authorIds)
  }

  removeRelation(kind: RelationKind, target: string): RelationWrite {
    if (!this.exists()) return { status: 'missing' }
    return { status: 'ok', changed: this.deleteRelation(kind, target) ? [target] : [], unfollowed: [] }
  }

  listRelations(kind: RelationKind): { ids: string[]; since: number[] } | null {
    if (!this.exists()) return null
    const rows = this.sql
      .exec<{ target_id: string; at: number }>(
        'SELECT target_id, at FROM relations WHERE kind = ? ORDER BY at DESC, target_id',
        kind,
      )
      .toArray()
    return { ids: rows.map((r) => r.target_id), since: rows.map((r) => r.at) }
  }

  /** A page of a relation list (users/user-lists.ts): newest first, after [at, targetId]. */
  relationPage(kind: RelationKind, limit: number, after?: readonly [number, string]) {
    return this.exists() ? lists.readRelationPage(this.sql, kind, limit, after) : null
  }

  mutedKeywordPage(limit: number, after?: string): string[] | null {
    return this.exists() ? lists.readMutedKeywordPage(this.sql, limit, after) : null
  }

  /** Replaces the muted keywords (trimmed, lowercased, deduplicated). */
  setMutedKeywords(keywords: readonly string[]): string[] | null {
    if (!this.exists()) return null
    const normalized = [...new Set(keywords.map((k) => k.trim().toLowerCase()))]
    const now = Date.now()
    this.ctx.storage.transactionSync(() => {
      this.sql.exec('DELETE FROM muted_keywords')
      for (const k of normalized)
        this.sql.exec('INSERT INTO muted_keywords (keyword, at) VALUES (?, ?)', k, now)
    })
    return this.getMutedKeywords()
  }

  getMutedKeywords(): string[] | null {
    if (!this.exists()) return null
    return this.sql
      .exec<{ keyword: string }>('SELECT keyword FROM muted_keywords ORDER BY keyword')
      .toArray()
      .map((r) => r.keyword)
  }

  /**
   * Records engagements idempotently (durable keys; state actions once per post, engagement-state.ts);
   * returns the new ones (the caller moves post counters and applies relations).
   */
  recordEngagements(entries: readonly activity.EngagementEntry[]): activity.EngagementEntry[] | null {
    if (!this.exists()) return null
    return this.ctx.storage.transactionSync(() => recordEngagementBatch(this.sql, entries, Date.now()))
  }

  /** Undoes a state action on a post (e.g. unfavorite); null without a profile, else whether it was on. */
  endEngagementState(action: string, postId: string): boolean | null {
    if (!this.exists()) return null
    return this.ctx.storage.transactionSync(() => endEngagementState(this.sql, action, postId))
  }

  engagementHistory(limit: number, before?: number): activity.EngagementRecord[] | null {
    if (!this.exists()) return null
    return activity.readEngagements(this.sql, limit, before)
  }

  /** A page of the history in its total order (at, then insertion), after [at, seq]. */
  engagementPage(limit: number, after?: readonly [number, number]): activity.EngagementPageRow[] | null {
    if (!this.exists()) return null
    return activity.readEngagementPage(this.sql, limit, after)
  }

  recordImpressions(served: readonly string[], seen: readonly string[], at: number): boolean {
    if (!this.exists()) return false
    const now = Date.now()
    this.ctx.storage.transactionSync(() => {
      activity.insertImpressions(this.sql, 'served', served, at, now)
      activity.insertImpressions(this.sql, 'seen', seen, at, now)
    })
    return true
  }

  /** What Thunder needs for this viewer: the following list and the ids to exclude (served or seen). */
  inNetworkContext(now = Date.now()): { followedIds: string[]; excludeIds: string[] } | null {
    if (!this.exists()) return null
    const followedIds = this.sql
      .exec<{ target_id: string }>("SELECT target_id FROM relations WHERE kind = 'following'")
      .toArray()
      .map((r) => r.target_id)
    return { followedIds, excludeIds: activity.readImpressionIds(this.sql, now - THUNDER_CAPS.retentionMs) }
  }

  /** Served or seen ids recorded at or after `since` (the feed's previously-served/seen filters). */
  impressionIds(kind: activity.ImpressionKind, since: number): string[] | null {
    if (!this.exists()) return null
    return activity.readImpressionIdsOfKind(this.sql, kind, since)
  }

  /** Reverse index: `sourceId` blocks or mutes this user (active) or no longer does. */
  setInbound(kind: InboundKind, sourceId: string, active: boolean, at = Date.now()): boolean {
    if (!this.exists()) return false
    if (active) {
      this.sql.exec(
        'INSERT INTO inbound_relations (kind, source_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        kind,
        sourceId,
        at,
      )
    } else {
      this.sql.exec('DELETE FROM inbound_relations WHERE kind = ? AND source_id = ?', kind, sourceId)
    }
    return true
  }

  /** Accounts that block or mute this user, from the reverse index. */
  inboundIds(kind: InboundKind): string[] | null {
    if (!this.exists()) return null
    return this.sql
      .exec<{ source_id: string }>('SELECT source_id FROM inbound_relations WHERE kind = ?', kind)
      .toArray()
      .map((r) => r.source_id)
  }

  /** Whether this user follows `userId` (the feed's mutual-follow check). */
  follows(userId: string): boolean {
    return this.hasRelation('following', userId)
  }

  private exists(): boolean {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM profile').one().n > 0
  }

  private hasRelation(kind: RelationKind, target: string): boolean {
    return (
      this.sql.exec('SELECT 1 FROM relations WHERE kind = ? AND target_id = ?', kind, target).toArray()
        .length > 0
    )
  }

  private countRelations(kind: RelationKind): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM relations WHERE kind = ?', kind).one().n
  }

  private deleteRelation(kind: RelationKind, target: string): boolean {
    return (
      this.sql.exec('DELETE FROM relations WHERE kind = ? AND target_id = ?', kind, target).rowsWritten > 0
    )
  }
}
