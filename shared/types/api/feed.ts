// Wire schemas of the feed routes: POST /v1/feed/candidates, POST /v1/feed/served, GET /v1/feed.
import { z } from 'zod'
import { PHOENIX_CONFIG } from '../../phoenix/config.ts'
import { FEED_SOURCES } from '../feed.ts'
import { epochMsSchema, idSchema, queryInt } from './common.ts'
import { LIMITS } from './limits.ts'

/** Who the feed is for: a user token's own id by default; the admin token must name one. */
const viewerField = idSchema.optional()

/** Highest per-source caps a request may ask for: upstream's ThunderMaxResults and PhoenixMaxResults, and ours for popular. */
export const SOURCE_LIMIT_MAX = { thunder: 1200, retrieval: 1000, popular: 1000 } as const

const sourceCap = (max: number) => z.number().int().min(1).max(max).optional()

export const feedCandidatesBody = z.strictObject({
  viewerId: viewerField,
  /** The viewer's user-tower embedding (unit length); without it the popular-posts fallback sources OON. */
  userEmbedding: z.array(z.number().finite()).length(PHOENIX_CONFIG.retrievalDim).optional(),
  excludeVideos: z.boolean().default(false),
  /** Test hook (admin, or a dev environment): evaluate the feed at this time. */
  nowMs: epochMsSchema.optional(),
  /** Benchmark hook (admin, or a dev environment): per-source caps instead of the defaults. */
  sourceLimits: z
    .strictObject({
      thunder: sourceCap(SOURCE_LIMIT_MAX.thunder),
      retrieval: sourceCap(SOURCE_LIMIT_MAX.retrieval),
      popular: sourceCap(SOURCE_LIMIT_MAX.popular),
    })
    .optional(),
})

export const feedServedBody = z.strictObject({
  viewerId: viewerField,
  /** Posts shown in the feed: excluded from later feeds for 48 h. */
  servedIds: z.array(idSchema).min(1).max(LIMITS.impressionBatch),
  /** Posts the viewer actually looked at (impressions). */
  seenIds: z.array(idSchema).max(LIMITS.impressionBatch).default([]),
  at: epochMsSchema.optional(),
})

export const feedQuery = z.strictObject({
  viewerId: viewerField,
  excludeVideos: z.enum(['true', 'false']).default('false'),
  nowMs: queryInt(0, epochMsSchema.maxValue ?? 8.64e15)
    .pipe(epochMsSchema)
    .optional(),
})

const countsSchema = z.object({
  favorite: z.number(),
  reply: z.number(),
  repost: z.number(),
  quote: z.number(),
  view: z.number(),
})

export const feedCandidateSchema = z.object({
  postId: idSchema,
  authorId: idSchema,
  createdAtMs: z.number(),
  text: z.string(),
  media: z.enum(['none', 'image', 'video', 'gif']),
  videoDurationMs: z.number().optional(),
  counts: countsSchema,
  inNetwork: z.boolean(),
  isReply: z.boolean(),
  isRepost: z.boolean(),
  isQuote: z.boolean(),
  source: z.enum(FEED_SOURCES),
  replyToPostId: idSchema.optional(),
  repostOfPostId: idSchema.optional(),
  quoteOfPostId: idSchema.optional(),
  conversationId: idSchema,
  language: z.string(),
  subscriberOnly: z.boolean(),
  authorHandle: z.string(),
  authorDisplayName: z.string(),
  authorFollowerCount: z.number(),
  authorIsMutualFollow: z.boolean(),
  labels: z.array(z.string()),
  embedding: z.array(z.number()).optional(),
  retrievalScore: z.number().optional(),
})

export const historyEventSchema = z.object({
  postId: idSchema,
  authorId: idSchema,
  postCreatedAtMs: z.number().optional(),
  actionMask: z.number().int(),
  dwellSeconds: z.number(),
  surface: z.number().int(),
  engagedAtMs: z.number(),
  postText: z.string().optional(),
})

export const feedViewerSchema = z.object({
  userId: idSchema,
  history: z.array(historyEventSchema),
  mutualFollowIds: z.array(idSchema),
})

/** The pipeline trace (shared/pipeline/trace.ts): stages, components, outcomes, removals. */
const traceSchema = z.unknown()

export const feedCandidatesResponse = z.object({
  viewer: feedViewerSchema,
  nowMs: z.number(),
  candidates: z.array(feedCandidateSchema),
  trace: traceSchema,
})

export const feedServedResponse = z.object({ recorded: z.object({ served: z.number(), seen: z.number() }) })
