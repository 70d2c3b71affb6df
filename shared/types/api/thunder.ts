// Thunder (in-network recent-post store) wire types: what an ingest event or an admin bulk insert hands
// a shard, and what a viewer's in-network fetch returns.
import { z } from 'zod'
import { compactPostSchema, postSchema } from '../post.ts'
import { queryInt } from './common.ts'
import { LIMITS } from './limits.ts'

/** Upstream's ThunderMaxResults: home-mixer keeps at most this many in-network candidates. */
export const THUNDER_MAX_RESULTS = 1200

const { createdAt, replyToId } = postSchema.shape

/**
 * A post as Thunder stores it (upstream's CompactPost) plus the facts about its parent and source that the
 * reply rule and video eligibility need, captured from the post store when the post was created.
 */
export const thunderPostInputSchema = compactPostSchema
  .extend({
    hasVideo: z.boolean(),
    /** The reposted post: whether it has video and is a reply (video eligibility of reposts). */
    source: z.strictObject({ hasVideo: z.boolean(), isReply: z.boolean() }).optional(),
    /** The replied-to post: when it was created, whether it is an original, what it replies to. */
    parent: z.strictObject({ createdAt, isOriginal: z.boolean(), replyToPostId: replyToId }).optional(),
  })
  .strict()
export type ThunderPostInput = z.infer<typeof thunderPostInputSchema>

export const thunderInsertBody = z.strictObject({
  posts: z.array(thunderPostInputSchema).min(1).max(LIMITS.adminThunderBatch),
})

export const IN_NETWORK_KINDS = ['original', 'reply', 'repost'] as const
export type InNetworkKind = (typeof IN_NETWORK_KINDS)[number]

export const inNetworkPostSchema = compactPostSchema.extend({
  kind: z.enum(IN_NETWORK_KINDS),
  /** On the author's video list (own video, or a repost of a non-reply video). */
  videoEligible: z.boolean(),
})
export type InNetworkPost = z.infer<typeof inNetworkPostSchema>

export const inNetworkQuery = z.strictObject({
  limit: queryInt(1, THUNDER_MAX_RESULTS).default(THUNDER_MAX_RESULTS),
  videosOnly: z.enum(['true', 'false']).default('false'),
})

export const inNetworkResponse = z.object({
  posts: z.array(inNetworkPostSchema),
  following: z.number().int(),
  excluded: z.number().int(),
  shardsQueried: z.number().int(),
  failedShards: z.array(z.number().int()),
  /** Server-side fan-out time, ms. */
  fanOutMs: z.number(),
})

export const thunderStatsSchema = z.object({
  shards: z.array(
    z.object({
      shard: z.number().int(),
      posts: z.number().int(),
      authors: z.number().int(),
      tombstones: z.number().int(),
    }),
  ),
  totalPosts: z.number().int(),
})
