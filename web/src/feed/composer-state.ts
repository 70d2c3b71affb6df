// What the composer is writing: a new post, or a reply to / quote of a post (set by the engagement bar).
import { signal } from '@preact/signals'
import type { FeedCandidate } from '../../../shared/types/feed.ts'

export type ComposeTarget = { kind: 'post' } | { kind: 'reply' | 'quote'; post: FeedCandidate }

export const composeTarget = signal<ComposeTarget>({ kind: 'post' })
