import { DurableObject } from 'cloudflare:workers'
import { LIMITS } from '../../shared/types/api/limits.ts'
import type { RelationKind, UserView } from '../../shared/types/api/users.ts'
import { edgeConfig } from '../config'
import type { Env } from '../env'
import { fromEveryShard, ShardSet } from '../shards/shard-set'
import { migrateOnStart } from '../storage/migrate'
import { THUNDER_CAPS } from '../thunder/thunder-caps'
import { ENGAGEMENT_STATE_SCHEMA, endEngagementState, recordEngagementBatch } from './engagement-state'
import * as followRequests from './follow-requests'
import { createWithHandle, KeyedSerialQueue, type ProfileWrite, patchWithHandle } from './handle-change'
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

/** The user-state shards (USER_SHARDS); a user lives in the shard its id hashes to. */
export function userShards(env: Env): ShardSet<UserState> {
  return new ShardSet(env.USER_STATE, 'users', edgeConfig(env).userShards)
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
 * The state of the users whose ids hash to this shard: profile, follows/blocks/mutes, muted keywords, the
 * bounded engagement history and the served/seen post ids, every row keyed by its user. Sharded rather than
 * one object per user: on the local runtime each new object costs ~13 disk syncs of its own, which made
 * seeding 4,000 users take a minute (edge/README.md, "Seeding"). Every per-user method takes the user's id
 * first (`userState()` binds it); on a user without a profile it returns null / `missing` and writes nothing.
 */
export class UserState extends DurableObject<Env> {
  private readonly sql = migrateOnStart(this.ctx, [...USER_STATE_SCHEMA, ...ENGAGEMENT_STATE_SCHEMA])
  // Profile writes that claim and release handles await the registry; one user's must not interleave.
  private readonly profileWrites = new KeyedSerialQueue()

  getProfile(userId: string): UserView | null {
    return readProfile(this.sql, userId)
  }

  /** Profiles of many users of this shard, in the order asked (null: no such user). */
  getProfiles(userIds: readonly string[]): (UserView | null)[] {
    return userIds.map((id) => readProfile(this.sql, id))
  }

  /** Creates the profile and claims its handle; `exists` when there already is one (whatever its data). */
  createProfile(userId: string, p: ProfileInput): Promise<ProfileWrite> {
    if (p.id !== userId) throw new RangeError(`profile ${p.id} sent to user ${userId}`)
    return this.profileWrites.run(userId, () => createWithHandle(this.env, this.sql, p))
  }

  /** Bulk ingest: create, or bring an existing profile in line with `p` (reporting the handle it had). */
  private upsertProfile(p: ProfileInput & { followersCount?: number | undefined }): {
    status: 'created' | 'updated' | 'unchanged'
    previousHandle?: string
  } {
    const current = readProfile(this.sql, p.id)
    if (current === null) {
      insertProfile(this.sql, p, Date.now())
      if (p.followersCount !== undefined) this.setFollowers(p.id, p.followersCount)
      return { status: 'created' }
    }
    let changed = patchProfile(this.sql, current, p, Date.now())
    if (p.followersCount !== undefined && p.followersCount !== current.followersCount) {
      this.setFollowers(p.id, p.followersCount)
      changed = true
    }
    return { status: changed ? 'updated' : 'unchanged', previousHandle: current.handle }
  }

  /**
   * The bulk loader's whole write for this shard's users in one call, so it commits once (one synchronous
   * call is one commit): per user the account (when given), then its follows, then its engagements.
   */
  ingestBundles(bundles: readonly { userId: string; bundle: UserBundle }[]): UserBundleResult[] {
    return bundles.map(({ userId, bundle }) => this.ingestBundle(userId, bundle))
  }

  private ingestBundle(userId: string, b: UserBundle): UserBundleResult {
    if (b.account !== undefined && b.account.id !== userId)
      throw new RangeError(`account ${b.account.id} sent to user ${userId}`)
    const profile = b.account === undefined ? undefined : this.upsertProfile(b.account)
    const follows = b.followees.length > 0 ? this.addRelations(userId, 'following', b.followees) : undefined
    const engagements = b.entries.length > 0 ? this.recordEngagements(userId, b.entries) : null
    return {
      ...(profile === undefined ? {} : { profile }),
      followsAdded: follows?.status === 'ok' ? follows.changed.length : 0,
      engagements: engagements ?? [],
    }
  }

  /** Applies a patch, moving the handle atomically (claim new, write, release old). */
  updateProfile(userId: string, patch: ProfilePatch): Promise<ProfileWrite> {
    return this.profileWrites.run(userId, () => patchWithHandle(this.env, this.sql, userId, patch))
  }

  adjustFollowers(userId: string, delta: number): void {
    this.sql.exec(
      'UPDATE profile SET followers_count = MAX(0, followers_count + ?) WHERE id = ?',
      delta,
      userId,
    )
  }

  private setFollowers(userId: string, count: number): void {
    this.sql.exec('UPDATE profile SET followers_count = ? WHERE id = ?', count, userId)
  }

  /**
   * Adds relations; returns the new ones. Blocking also unfollows and drops the target's follow request
   * (the caller fixes follower counts and the target's side). A follow across a block is refused: a single
   * target says why, a bulk batch leaves it out.
   */
  addRelations(
    userId: string,
    kind: RelationKind,
    targets: readonly string[],
    at = Date.now(),
  ): RelationWrite {
    if (!this.exists(userId)) return { status: 'missing' }
    const unique = [...new Set(targets)]
    // Set-wise over a JSON array: a bulk follow list is thousands of targets, and each statement costs.
    const existing = new Set(
      this.sql
        .exec<{ target_id: string }>(
          `SELECT target_id FROM relations
           WHERE user_id = ? AND kind = ? AND target_id IN (SELECT value FROM json_each(?))`,
          userId,
          kind,
          JSON.stringify(unique),
        )
        .toArray()
        .map((r) => r.target_id),
    )
    let fresh = unique.filter((t) => !existing.has(t))
    if (kind === 'following') {
      const refusalOf = this.followRefusals(userId)
      const refusal = fresh.length === 1 && fresh[0] !== undefined ? refusalOf(fresh[0]) : undefined
      if (refusal !== undefined) return { status: 'refused', reason: refusal }
      fresh = fresh.filter((t) => refusalOf(t) === undefined)
    }
    if (this.countRelations(userId, kind) + fresh.length > LIMITS.relationsPerKind) return { status: 'full' }
    const unfollowed: string[] = []
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(
        `INSERT INTO relations (user_id, kind, target_id, at)
         SELECT ?, ?, value, ? FROM json_each(?) WHERE true ORDER BY json_each.key`,
        userId,
        kind,
        at,
        JSON.stringify(fresh),
      )
      if (kind !== 'blocks') return
      for (const t of fresh) {
        if (this.deleteRelation(userId, 'following', t)) unfollowed.push(t)
        followRequests.deleteFollowRequest(this.sql, userId, t)
      }
    })
    return { status: 'ok', changed: fresh, unfollowed }
  }

  /** A block between this user and `target`, either way, that forbids following. */
  followRefusal(userId: string, target: string): FollowRefusal | undefined {
    return this.followRefusals(userId)(target)
  }

  /** The check for many targets: both block lists are read once (bulk follows pass thousands). */
  private followRefusals(userId: string): (target: string) => FollowRefusal | undefined {
    const ids = (sql: string) =>
      new Set(
        this.sql
          .exec<{ id: string }>(sql, userId)
          .toArray()
          .map((r) => r.id),
      )
    const blocking = ids("SELECT target_id AS id FROM relations WHERE user_id = ? AND kind = 'blocks'")
    const blockedBy = ids(
      "SELECT source_id AS id FROM inbound_relations WHERE user_id = ? AND kind = 'blocks'",
    )
    return (target) =>
      blocking.has(target) ? 'target_blocked' : blockedBy.has(target) ? 'blocked_by_target' : undefined
  }

  /**
   * The target's side of `sourceId` blocking (or unblocking) this user: the reverse index, and on a block
   * this user's follow of the source and any request to follow it go. Returns whether a follow went.
   */
  receiveBlock(userId: string, sourceId: string, active: boolean): { unfollowed: boolean } | null {
    if (!this.exists(userId)) return null
    return this.ctx.storage.transactionSync(() => {
      this.setInbound(userId, 'blocks', sourceId, active)
      if (!active) return { unfollowed: false }
      followRequests.deleteFollowRequest(this.sql, userId, sourceId)
      return { unfollowed: this.deleteRelation(userId, 'following', sourceId) }
    })
  }

  /** A request by `requesterId` to follow this (protected) user; refused across a block. */
  requestFollow(userId: string, requesterId: string, at = Date.now()): RelationWrite {
    if (!this.exists(userId)) return { status: 'missing' }
    if (this.hasRelation(userId, 'blocks', requesterId))
      return { status: 'refused', reason: 'blocked_by_target' }
    const added = followRequests.addFollowRequest(this.sql, userId, requesterId, at)
    return { status: 'ok', changed: added ? [requesterId] : [], unfollowed: [] }
  }

  hasFollowRequest(userId: string, requesterId: string): boolean {
    return followRequests.hasFollowRequest(this.sql, userId, requesterId)
  }

  /** Removes a pending request (answered or withdrawn); false when there was none. */
  removeFollowRequest(userId: string, requesterId: string): boolean {
    return followRequests.deleteFollowRequest(this.sql, userId, requesterId)
  }

  followRequestPage(userId: string, limit: number, after?: readonly [number, string]) {
    return this.exists(userId) ? followRequests.readFollowRequestPage(this.sql, userId, limit, after) : null
  }

  /** What post visibility needs from this viewer about `authorIds` (null: no such user). */
  relationFacts(userId: string, authorIds: readonly string[]): ViewerRelationFacts | null {
    const profile = readProfile(this.sql, userId)
    return profile === null ? null : readRelationFacts(this.sql, userId, profile.subscriptionTier, authorIds)
  }

  removeRelation(userId: string, kind: RelationKind, target: string): RelationWrite {
    if (!this.exists(userId)) return { status: 'missing' }
    return {
      status: 'ok',
      changed: this.deleteRelation(userId, kind, target) ? [target] : [],
      unfollowed: [],
    }
  }

  listRelations(userId: string, kind: RelationKind): { ids: string[]; since: number[] } | null {
    if (!this.exists(userId)) return null
    const rows = this.sql
      .exec<{ target_id: string; at: number }>(
        'SELECT target_id, at FROM relations WHERE user_id = ? AND kind = ? ORDER BY at DESC, target_id',
        userId,
        kind,
      )
      .toArray()
    return { ids: rows.map((r) => r.target_id), since: rows.map((r) => r.at) }
  }

  /** A page of a relation list (users/user-lists.ts): newest first, after [at, targetId]. */
  relationPage(userId: string, kind: RelationKind, limit: number, after?: readonly [number, string]) {
    return this.exists(userId) ? lists.readRelationPage(this.sql, userId, kind, limit, after) : null
  }

  mutedKeywordPage(userId: string, limit: number, after?: string): string[] | null {
    return this.exists(userId) ? lists.readMutedKeywordPage(this.sql, userId, limit, after) : null
  }

  /** Replaces the muted keywords (trimmed, lowercased, deduplicated). */
  setMutedKeywords(userId: string, keywords: readonly string[]): string[] | null {
    if (!this.exists(userId)) return null
    const normalized = [...new Set(keywords.map((k) => k.trim().toLowerCase()))]
    const now = Date.now()
    this.ctx.storage.transactionSync(() => {
      this.sql.exec('DELETE FROM muted_keywords WHERE user_id = ?', userId)
      for (const k of normalized)
        this.sql.exec('INSERT INTO muted_keywords (user_id, keyword, at) VALUES (?, ?, ?)', userId, k, now)
    })
    return this.getMutedKeywords(userId)
  }

  getMutedKeywords(userId: string): string[] | null {
    if (!this.exists(userId)) return null
    return this.sql
      .exec<{ keyword: string }>(
        'SELECT keyword FROM muted_keywords WHERE user_id = ? ORDER BY keyword',
        userId,
      )
      .toArray()
      .map((r) => r.keyword)
  }

  /**
   * Records engagements idempotently (durable keys; state actions once per post, engagement-state.ts);
   * returns the new ones (the caller moves post counters and applies relations).
   */
  recordEngagements(
    userId: string,
    entries: readonly activity.EngagementEntry[],
  ): activity.EngagementEntry[] | null {
    if (!this.exists(userId)) return null
    return this.ctx.storage.transactionSync(() =>
      recordEngagementBatch(this.sql, userId, entries, Date.now()),
    )
  }

  /** Undoes a state action on a post (e.g. unfavorite); null without a profile, else whether it was on. */
  endEngagementState(userId: string, action: string, postId: string): boolean | null {
    if (!this.exists(userId)) return null
    return this.ctx.storage.transactionSync(() => endEngagementState(this.sql, userId, action, postId))
  }

  engagementHistory(userId: string, limit: number, before?: number): activity.EngagementRecord[] | null {
    if (!this.exists(userId)) return null
    return activity.readEngagements(this.sql, userId, limit, before)
  }

  /** A page of the history in its total order (at, then insertion), after [at, seq]. */
  engagementPage(
    userId: string,
    limit: number,
    after?: readonly [number, number],
  ): activity.EngagementPageRow[] | null {
    if (!this.exists(userId)) return null
    return activity.readEngagementPage(this.sql, userId, limit, after)
  }

  recordImpressions(userId: string, served: readonly string[], seen: readonly string[], at: number): boolean {
    if (!this.exists(userId)) return false
    const now = Date.now()
    this.ctx.storage.transactionSync(() => {
      activity.insertImpressions(this.sql, userId, 'served', served, at, now)
      activity.insertImpressions(this.sql, userId, 'seen', seen, at, now)
    })
    return true
  }

  /** What Thunder needs for this viewer: the following list and the ids to exclude (served or seen). */
  inNetworkContext(userId: string, now = Date.now()): { followedIds: string[]; excludeIds: string[] } | null {
    if (!this.exists(userId)) return null
    const followedIds = this.sql
      .exec<{ target_id: string }>(
        "SELECT target_id FROM relations WHERE user_id = ? AND kind = 'following'",
        userId,
      )
      .toArray()
      .map((r) => r.target_id)
    return {
      followedIds,
      excludeIds: activity.readImpressionIds(this.sql, userId, now - THUNDER_CAPS.retentionMs),
    }
  }

  /** Served or seen ids recorded at or after `since` (the feed's previously-served/seen filters). */
  impressionIds(userId: string, kind: activity.ImpressionKind, since: number): string[] | null {
    if (!this.exists(userId)) return null
    return activity.readImpressionIdsOfKind(this.sql, userId, kind, since)
  }

  /** Reverse index: `sourceId` blocks or mutes this user (active) or no longer does. */
  setInbound(userId: string, kind: InboundKind, sourceId: string, active: boolean, at = Date.now()): boolean {
    if (!this.exists(userId)) return false
    if (active) {
      this.sql.exec(
        `INSERT INTO inbound_relations (user_id, kind, source_id, at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
        userId,
        kind,
        sourceId,
        at,
      )
    } else {
      this.sql.exec(
        'DELETE FROM inbound_relations WHERE user_id = ? AND kind = ? AND source_id = ?',
        userId,
        kind,
        sourceId,
      )
    }
    return true
  }

  /** Accounts that block or mute this user, from the reverse index. */
  inboundIds(userId: string, kind: InboundKind): string[] | null {
    if (!this.exists(userId)) return null
    return this.sql
      .exec<{ source_id: string }>(
        'SELECT source_id FROM inbound_relations WHERE user_id = ? AND kind = ?',
        userId,
        kind,
      )
      .toArray()
      .map((r) => r.source_id)
  }

  /** Whether this user follows `targetId` (a follow of a protected account asks unless it is already one; a bulk follow_author). */
  follows(userId: string, targetId: string): boolean {
    return this.hasRelation(userId, 'following', targetId)
  }

  /** Which of `userIds` (users of this shard) follow `targetId`: the mutual-follow check in one call. */
  followersAmong(targetId: string, userIds: readonly string[]): string[] {
    return this.sql
      .exec<{ user_id: string }>(
        `SELECT user_id FROM relations WHERE target_id = ? AND kind = 'following'
         AND user_id IN (SELECT value FROM json_each(?))`,
        targetId,
        JSON.stringify(userIds),
      )
      .toArray()
      .map((r) => r.user_id)
  }

  private exists(userId: string): boolean {
    return this.sql.exec('SELECT 1 FROM profile WHERE id = ?', userId).toArray().length > 0
  }

  private hasRelation(userId: string, kind: RelationKind, target: string): boolean {
    return (
      this.sql
        .exec(
          'SELECT 1 FROM relations WHERE user_id = ? AND kind = ? AND target_id = ?',
          userId,
          kind,
          target,
        )
        .toArray().length > 0
    )
  }

  private countRelations(userId: string, kind: RelationKind): number {
    return this.sql
      .exec<{ n: number }>('SELECT COUNT(*) AS n FROM relations WHERE user_id = ? AND kind = ?', userId, kind)
      .one().n
  }

  private deleteRelation(userId: string, kind: RelationKind, target: string): boolean {
    return (
      this.sql.exec(
        'DELETE FROM relations WHERE user_id = ? AND kind = ? AND target_id = ?',
        userId,
        kind,
        target,
      ).rowsWritten > 0
    )
  }
}

/** The per-user methods: each takes the user's id first, which `userState()` binds. */
const PER_USER_METHODS = [
  'getProfile',
  'createProfile',
  'updateProfile',
  'adjustFollowers',
  'addRelations',
  'followRefusal',
  'receiveBlock',
  'requestFollow',
  'hasFollowRequest',
  'removeFollowRequest',
  'followRequestPage',
  'relationFacts',
  'removeRelation',
  'listRelations',
  'relationPage',
  'mutedKeywordPage',
  'setMutedKeywords',
  'getMutedKeywords',
  'recordEngagements',
  'endEngagementState',
  'engagementHistory',
  'engagementPage',
  'recordImpressions',
  'inNetworkContext',
  'impressionIds',
  'setInbound',
  'inboundIds',
  'follows',
] as const satisfies readonly (keyof UserState)[]

type PerUserMethod = (typeof PER_USER_METHODS)[number]
type WithoutUser<F> = F extends (userId: string, ...rest: infer A) => infer R ? (...rest: A) => R : never

/** One user's view of its shard: the per-user methods with the id bound. */
export type UserStateHandle = { [K in PerUserMethod]: WithoutUser<DurableObjectStub<UserState>[K]> }

/** The state of one user, in the shard its id hashes to. */
export function userState(env: Env, userId: string): UserStateHandle {
  const stub = userShards(env).stubFor(userId) as unknown as Record<
    PerUserMethod,
    (userId: string, ...rest: unknown[]) => unknown
  >
  const handle: Record<string, (...rest: unknown[]) => unknown> = {}
  for (const method of PER_USER_METHODS) handle[method] = (...rest) => stub[method](userId, ...rest)
  return handle as UserStateHandle
}

/** Profiles of many users, one call per shard (unknown users are absent); a failed shard throws. */
export async function lookupProfiles(env: Env, userIds: readonly string[]): Promise<Map<string, UserView>> {
  const found = await fromEveryShard(
    userShards(env).fanOut([...new Set(userIds)], String, (stub, group) => stub.getProfiles(group)),
  )
  return new Map(found.flatMap((p) => (p === null ? [] : [[p.id, p] as const])))
}

/** Which of `userIds` follow `targetId`, one call per shard; a failed shard throws. */
export async function followersAmong(
  env: Env,
  targetId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  const found = await fromEveryShard(
    userShards(env).fanOut([...new Set(userIds)], String, (stub, group) =>
      stub.followersAmong(targetId, group),
    ),
  )
  return new Set(found)
}
