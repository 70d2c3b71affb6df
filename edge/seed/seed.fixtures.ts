// A small hand-made world in the generator's export format, for the seeder tests.
import type { SeedAccount, SeedPost, WorldSeed } from '../../shared/types/world-seed.ts'

const HOUR = 3_600_000
const zero = { favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 }

/**
 * Ids are offset per call so each test gets its own world. Handles carry the whole base (base 36 keeps
 * them within 15 characters): a shorter suffix let two worlds in one file claim the same handle.
 */
export function smallWorld(base: number): WorldSeed {
  const id = (n: number) => String(base + n)
  const account = (n: number, handle: string, extra: Partial<SeedAccount> = {}): SeedAccount => ({
    id: id(n),
    handle: `${handle}${base.toString(36)}`,
    displayName: handle.toUpperCase(),
    protected: false,
    subscriptionTier: 'none',
    createdAgoMs: 400 * 24 * HOUR,
    ...extra,
  })
  const post = (n: number, author: number, ageH: number, extra: Partial<SeedPost> = {}): SeedPost => ({
    id: id(n),
    authorId: id(author),
    text: `post ${n}`,
    createdAgoMs: ageH * HOUR,
    media: [],
    subscriberOnly: false,
    language: 'en',
    counts: { ...zero, view: n },
    ...extra,
  })
  return {
    format: 'for-you-edge/world-seed@1',
    worldSeed: base,
    accounts: [
      account(1, 'ada', { subscriptionTier: 'premium' }),
      account(2, 'bob'),
      account(3, 'cy', { nsfw: true }),
      account(4, 'dee', { protected: true }),
      // Fails the API's handle rule: counted as invalid, not sent.
      account(5, 'this-handle-is-too-long'),
    ],
    follows: [
      [id(1), id(2)],
      [id(1), id(3)],
      [id(2), id(1)],
      [id(4), id(1)],
      [id(1), id(1)],
    ],
    posts: [
      // Listed out of order on purpose: the seeder sends the oldest first.
      post(103, 2, 1, { replyToId: id(101) }),
      post(101, 2, 30),
      post(102, 3, 2, { media: [{ type: 'video', durationMs: 9000 }] }),
      post(104, 3, 0.5, { text: '', repostOfId: id(101) }),
      // Older than 48 h in the seed: clamped inside the window.
      post(105, 2, 60),
      post(106, 1, 3, { counts: { favorite: 5, reply: 1, repost: 0, quote: 0, view: 40 } }),
    ],
    engagements: [
      { userId: id(1), postId: id(101), action: 'favorite', agoMs: HOUR },
      { userId: id(1), postId: id(102), action: 'dwell', agoMs: 0.5 * HOUR, dwellMs: 5200 },
      { userId: id(2), postId: id(106), action: 'reply', agoMs: 2 * HOUR },
    ],
  }
}
