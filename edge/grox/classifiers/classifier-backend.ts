// The one interface every Grox classifier backend implements (seed 000's classifier wrappers call it).
// Two backends: `embedded/` (offline, default: a SpamAssassin-trained spam model, lexicon baselines for
// the safety categories, franc-min for language, heuristics for banger and replies) and `llm/` (an
// OpenAI-compatible chat-completions endpoint, configured by GROX_LLM_URL / GROX_LLM_MODEL / GROX_LLM_KEY).
import type {
  ContentCategoryResult,
  GroxPost,
  GroxUser,
  SafetyPolicy,
  SafetyPostAnnotations,
  SafetyViolatedPolicy,
} from '../core/types'

/** A post with what the tasks loaded around it (author, thread, media, transcripts, summary). */
export interface ClassifiablePost {
  post: GroxPost
  author?: GroxUser
  /** Upstream's `ancestors` order: [root, …, direct parent]; empty for an original post. */
  ancestors?: { post: GroxPost; author?: GroxUser }[]
  /** ASR transcripts of the post's videos, when any were made. */
  transcripts?: string[]
  summary?: string
}

/** Seed 000's tweet_bool_metadata: the booleans the moderation (UPA) action decides labels from. */
export interface PostBoolMetadata {
  isNsfw: boolean
  isGore: boolean
  isViolentSpeech: boolean
  isHateful: boolean
  isSpam: boolean
}

export interface PostSafetyScreen {
  categories: ContentCategoryResult[]
  boolMetadata: PostBoolMetadata
}

/** Signals the reply ranker logs and uses beside the text (seed 000's TaskRankReplies). */
export interface ReplySignals {
  spamProbability: number
  authorFollowers: number
  parentAuthorFollowers: number
}

export interface GroxClassifiers {
  /** Which backend answered (shown in stats and category `source`s). */
  readonly backend: 'embedded' | 'llm'
  /** Reply spam (spam-comment plan): one SPAM_COMMENT-style result. */
  spam(post: ClassifiablePost): Promise<ContentCategoryResult>
  /** Initial banger screen over the topic taxonomy. */
  bangerScreen(post: ClassifiablePost, topics: readonly string[]): Promise<ContentCategoryResult[]>
  /** Post-safety deluxe screen: categories plus the bool metadata the UPA action reads. */
  postSafetyScreen(post: ClassifiablePost): Promise<PostSafetyScreen>
  /** PTOS category pass (cheap, broad). */
  ptosCategories(post: ClassifiablePost, deluxe: boolean): Promise<SafetyPostAnnotations>
  /** PTOS policy pass for one flagged category. */
  ptosPolicy(post: ClassifiablePost, violation: SafetyViolatedPolicy, deluxe: boolean): Promise<SafetyPolicy>
  /** Reply quality score in [0, 1] (higher ranks first). */
  scoreReply(post: ClassifiablePost, signals: ReplySignals): Promise<{ score: number; reason: string }>
  /** A short text summary for the summary embedding. */
  summarize(post: ClassifiablePost): Promise<string>
  /** ISO 639-3 code or "und". */
  detectLanguage(text: string): string
}

/** "No violation" as the policy pass reports it. */
export const NO_VIOLATION = 'NoViolation'
