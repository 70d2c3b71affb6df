// A hand-built world rich enough for the feed invariants: a viewer with friends (one mutual), a muted
// friend, a friend who blocks the viewer, a protected friend, strangers (one blocked by the viewer, one
// protected, one posting a muted keyword, one flagged NSFW), reposts, replies, a subscriber-only post and one about to age out.
import type { SeedAccount, SeedPost, WorldSeed } from '../../shared/types/world-seed.ts'

const HOUR = 3_600_000
const zero = { favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 }

export const WHO = {
  viewer: 1,
  mutualFriend: 2,
  mutedFriend: 3,
  blockerFriend: 4,
  protectedFriend: 5,
  reposterFriend: 6,
  stranger: 7,
  blockedStranger: 8,
  protectedStranger: 9,
  keywordStranger: 10,
  nsfwStranger: 11,
} as const

export const MUTED_KEYWORD = 'durian'

export function feedWorld(base: number): WorldSeed {
  const id = (n: number) => String(base + n)
  const account = (n: number, extra: Partial<SeedAccount> = {}): SeedAccount => ({
    id: id(n),
    handle: `f${n}x${base % 1_000_000}`,
    displayName: `Account ${n}`,
    protected: false,
    subscriptionTier: 'none',
    createdAgoMs: 300 * 24 * HOUR,
    ...extra,
  })
  const popular = { favorite: 50, reply: 5, repost: 5, quote: 1, view: 900 }
  const post = (n: number, author: number, ageH: number, extra: Partial<SeedPost> = {}): SeedPost => ({
    id: id(n),
    authorId: id(author),
    text: `post ${n} about things`,
    createdAgoMs: ageH * HOUR,
    media: [],
    subscriberOnly: false,
    language: 'en',
    counts: zero,
    ...extra,
  })
  const w = WHO
  return {
    format: 'for-you-edge/world-seed@1',
    worldSeed: base,
    accounts: [
      account(w.viewer),
      account(w.mutualFriend),
      account(w.mutedFriend),
      account(w.blockerFriend),
      account(w.protectedFriend, { protected: true }),
      account(w.reposterFriend),
      account(w.stranger),
      account(w.blockedStranger),
      account(w.protectedStranger, { protected: true }),
      account(w.keywordStranger),
      account(w.nsfwStranger, { nsfw: true }),
    ],
    follows: [
      ...[w.mutualFriend, w.mutedFriend, w.blockerFriend, w.protectedFriend, w.reposterFriend].map(
        (f): [string, string] => [id(w.viewer), id(f)],
      ),
      [id(w.mutualFriend), id(w.viewer)],
      [id(w.stranger), id(w.mutualFriend)],
    ],
    posts: [
      post(100, w.viewer, 2, { counts: popular }),
      post(101, w.viewer, 3),
      post(110, w.mutualFriend, 1),
      post(111, w.mutualFriend, 4, { text: `I ate a DURIAN today` }),
      post(112, w.mutualFriend, 47.5),
      post(113, w.mutualFriend, 5, { subscriberOnly: true }),
      post(114, w.mutualFriend, 6, { media: [{ type: 'video', durationMs: 20_000 }] }),
      post(120, w.mutedFriend, 1),
      post(130, w.blockerFriend, 1),
      post(140, w.protectedFriend, 2),
      post(170, w.stranger, 10, { counts: popular, text: 'a popular stranger post' }),
      post(171, w.stranger, 12, { counts: popular }),
      post(160, w.reposterFriend, 2, { text: '', repostOfId: id(170) }),
      post(161, w.reposterFriend, 0.5, { replyToId: id(110), text: 'replying to my friend' }),
      post(162, w.reposterFriend, 1, { text: '', repostOfId: id(180) }),
      post(180, w.blockedStranger, 8, { counts: popular }),
      post(190, w.protectedStranger, 8, { counts: popular }),
      post(200, w.keywordStranger, 9, { counts: popular, text: 'Durian season is here' }),
      post(201, w.keywordStranger, 9, { counts: popular }),
      post(210, w.nsfwStranger, 7, { counts: popular, text: 'an nsfw stranger post' }),
    ],
    engagements: [
      { userId: id(w.viewer), postId: id(110), action: 'favorite', agoMs: 0.5 * HOUR },
      { userId: id(w.viewer), postId: id(170), action: 'dwell', agoMs: 2 * HOUR, dwellMs: 8000 },
      { userId: id(w.viewer), postId: id(170), action: 'favorite', agoMs: 2 * HOUR },
    ],
  }
}
