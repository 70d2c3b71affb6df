// SQL schema and row mapping for the post store.
import { z } from 'zod'
import { thunderPostInputSchema } from '../../shared/types/api/thunder.ts'
import { mediaSchema } from '../../shared/types/post.ts'
import { definedFields } from '../../shared/util/defined.ts'
import type { SqlSchema } from '../storage/migrate'
import type { NewPostRecord, PostRecord } from './post-record'

export const POST_SCHEMA: SqlSchema = [
  `CREATE TABLE IF NOT EXISTS posts (
    id TEXT PRIMARY KEY,
    author_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    reply_to_id TEXT,
    reply_to_user_id TEXT,
    quote_of_id TEXT,
    quote_of_user_id TEXT,
    repost_of_id TEXT,
    repost_of_user_id TEXT,
    conversation_id TEXT NOT NULL,
    media TEXT NOT NULL,
    subscriber_only INTEGER NOT NULL,
    language TEXT NOT NULL,
    favorite_count INTEGER NOT NULL DEFAULT 0,
    reply_count INTEGER NOT NULL DEFAULT 0,
    repost_count INTEGER NOT NULL DEFAULT 0,
    quote_count INTEGER NOT NULL DEFAULT 0,
    view_count INTEGER NOT NULL DEFAULT 0,
    labels TEXT,
    thunder TEXT NOT NULL,
    -- Unused since the outbox (post-outbox.ts) took over delivery; tables are never altered, so it stays.
    published INTEGER NOT NULL DEFAULT 0,
    deleted_at INTEGER
  )`,
  'CREATE INDEX IF NOT EXISTS posts_author ON posts (author_id, created_at)',
  // The feed's popular fallback reads the recent window only.
  'CREATE INDEX IF NOT EXISTS posts_created ON posts (created_at)',
]

export type PostRow = {
  id: string
  author_id: string
  text: string
  created_at: number
  reply_to_id: string | null
  reply_to_user_id: string | null
  quote_of_id: string | null
  quote_of_user_id: string | null
  repost_of_id: string | null
  repost_of_user_id: string | null
  conversation_id: string
  media: string
  subscriber_only: number
  language: string
  favorite_count: number
  reply_count: number
  repost_count: number
  quote_count: number
  view_count: number
  labels: string | null
  thunder: string
  published: number
  deleted_at: number | null
}

// Stored JSON still goes through a schema on the way out.
const mediaList = z.array(mediaSchema)

export function fromRow(r: PostRow): PostRecord {
  return definedFields({
    id: r.id,
    authorId: r.author_id,
    text: r.text,
    createdAt: r.created_at,
    replyToId: r.reply_to_id ?? undefined,
    replyToUserId: r.reply_to_user_id ?? undefined,
    quoteOfId: r.quote_of_id ?? undefined,
    quoteOfUserId: r.quote_of_user_id ?? undefined,
    repostOfId: r.repost_of_id ?? undefined,
    repostOfUserId: r.repost_of_user_id ?? undefined,
    conversationId: r.conversation_id,
    media: mediaList.parse(JSON.parse(r.media)),
    subscriberOnly: r.subscriber_only === 1,
    language: r.language,
    counts: {
      favorite: r.favorite_count,
      reply: r.reply_count,
      repost: r.repost_count,
      quote: r.quote_count,
      view: r.view_count,
    },
    deletedAt: r.deleted_at ?? undefined,
    thunder: thunderPostInputSchema.parse(JSON.parse(r.thunder)),
  })
}

export function insertRow(sql: SqlStorage, p: NewPostRecord): boolean {
  return (
    sql
      .exec(
        `INSERT INTO posts (id, author_id, text, created_at, reply_to_id, reply_to_user_id, quote_of_id,
        quote_of_user_id, repost_of_id, repost_of_user_id, conversation_id, media, subscriber_only, language,
        favorite_count, reply_count, repost_count, quote_count, view_count, thunder)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
        p.id,
        p.authorId,
        p.text,
        p.createdAt,
        p.replyToId ?? null,
        p.replyToUserId ?? null,
        p.quoteOfId ?? null,
        p.quoteOfUserId ?? null,
        p.repostOfId ?? null,
        p.repostOfUserId ?? null,
        p.conversationId,
        JSON.stringify(p.media),
        p.subscriberOnly ? 1 : 0,
        p.language,
        p.counts.favorite,
        p.counts.reply,
        p.counts.repost,
        p.counts.quote,
        p.counts.view,
        JSON.stringify(p.thunder),
      )
      .toArray().length > 0
  )
}
