// The in-memory half of a Thunder shard: posts by id, three time-ordered posting lists per author and the
// tombstones. SQLite (thunder-store.ts) is the source of truth; this index is rebuilt from it on start.

import { compareIds } from '../../shared/util/snowflake.ts'
import type { StoredPost } from './stored-post'
import type { ThunderCaps } from './thunder-caps'

/** A posting-list entry (upstream's TinyPost). */
export interface TinyPost {
  id: string
  at: number
}

export interface AuthorLists {
  original: TinyPost[]
  secondary: TinyPost[]
  video: TinyPost[]
}

export type ListName = keyof AuthorLists

export interface AddOutcome {
  added: boolean
  /** Posts pushed off any full list (original, secondary or video): removed entirely, as upstream does. */
  evicted: StoredPost[]
}

function compareTiny(a: TinyPost, b: TinyPost): number {
  return a.at - b.at || compareIds(a.id, b.id)
}

/** Inserts keeping ascending (time, id) order; new posts usually go at the end. */
function insertSorted(list: TinyPost[], entry: TinyPost): void {
  let lo = 0
  let hi = list.length
  const last = list[hi - 1]
  if (last === undefined || compareTiny(last, entry) < 0) {
    list.push(entry)
    return
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const probe = list[mid]
    if (probe !== undefined && compareTiny(probe, entry) < 0) lo = mid + 1
    else hi = mid
  }
  list.splice(lo, 0, entry)
}

function removeEntry(list: TinyPost[], id: string): void {
  const i = list.findIndex((t) => t.id === id)
  if (i >= 0) list.splice(i, 1)
}

export class ThunderIndex {
  readonly posts = new Map<string, StoredPost>()
  readonly authors = new Map<string, AuthorLists>()
  /** post id → deletedAt (epoch ms). */
  readonly tombstones = new Map<string, number>()

  constructor(readonly caps: ThunderCaps) {}

  /** Adds a post that passed the insert checks; a full list evicts its oldest post from the whole index. */
  add(post: StoredPost): AddOutcome {
    const outcome: AddOutcome = { added: false, evicted: [] }
    if (this.posts.has(post.postId) || this.tombstones.has(post.postId)) return outcome
    this.posts.set(post.postId, post)
    outcome.added = true
    const lists = this.listsOf(post.authorId)
    const entry = { id: post.postId, at: post.createdAt }
    const main = post.kind === 'original' ? lists.original : lists.secondary
    insertSorted(main, entry)
    if (post.videoEligible) insertSorted(lists.video, { ...entry })
    this.evictOverflow(main, lists, outcome.evicted)
    if (post.videoEligible) this.evictOverflow(lists.video, lists, outcome.evicted)
    return outcome
  }

  /** Upstream's rule for every list: past the cap, the oldest entry goes, and its post with it. */
  private evictOverflow(list: TinyPost[], lists: AuthorLists, evicted: StoredPost[]): void {
    while (list.length > this.caps.maxPostingListSize) {
      const oldest = list.shift()
      const post = oldest && this.posts.get(oldest.id)
      if (!post) continue
      this.posts.delete(post.postId)
      removeEntry(post.kind === 'original' ? lists.original : lists.secondary, post.postId)
      removeEntry(lists.video, post.postId)
      evicted.push(post)
    }
  }

  /** Removes a post and marks it deleted; returns whether the post was held here. */
  tombstone(postId: string, deletedAt: number): boolean {
    if (!this.tombstones.has(postId)) this.tombstones.set(postId, deletedAt)
    const post = this.posts.get(postId)
    if (!post) return false
    this.posts.delete(postId)
    const lists = this.authors.get(post.authorId)
    if (lists) {
      removeEntry(post.kind === 'original' ? lists.original : lists.secondary, postId)
      removeEntry(lists.video, postId)
      this.dropIfEmpty(post.authorId, lists)
    }
    return true
  }

  /** Drops posts older than retention and tombstones past their lifetime; returns what went. */
  trim(now: number): { expiredPosts: number; expiredTombstones: string[] } {
    const cutoff = now - this.caps.retentionMs
    let expiredPosts = 0
    for (const [authorId, lists] of this.authors) {
      for (const name of ['original', 'secondary', 'video'] as const) {
        const list = lists[name]
        let n = 0
        while (n < list.length && (list[n]?.at ?? 0) < cutoff) n++
        if (n === 0) continue
        for (const t of list.splice(0, n)) {
          if (name !== 'video' && this.posts.delete(t.id)) expiredPosts++
        }
      }
      this.dropIfEmpty(authorId, lists)
    }
    const expiredTombstones: string[] = []
    const tombstoneCutoff = now - this.caps.tombstoneRetentionMs
    for (const [id, at] of this.tombstones) {
      if (at < tombstoneCutoff) {
        this.tombstones.delete(id)
        expiredTombstones.push(id)
      }
    }
    return { expiredPosts, expiredTombstones }
  }

  clear(): void {
    this.posts.clear()
    this.authors.clear()
    this.tombstones.clear()
  }

  private listsOf(authorId: string): AuthorLists {
    let lists = this.authors.get(authorId)
    if (!lists) {
      lists = { original: [], secondary: [], video: [] }
      this.authors.set(authorId, lists)
    }
    return lists
  }

  private dropIfEmpty(authorId: string, lists: AuthorLists): void {
    if (lists.original.length + lists.secondary.length + lists.video.length === 0)
      this.authors.delete(authorId)
  }
}
