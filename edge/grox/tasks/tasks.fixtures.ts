// Test helpers for the task tests: posts and users built in memory, in-memory loaders over them, a task
// context, and FakeClassifiers — a fake classifier backend that answers what a test scripts and records
// what it was asked (the real backends have their own tests in classifiers/).
import { env } from 'cloudflare:workers'
import type { Env } from '../../env'
import type { GroxClassifiers, PostSafetyScreen } from '../classifiers/classifier-backend'
import type {
  ContentCategoryResult,
  GroxPost,
  GroxUser,
  SafetyPolicy,
  SafetyPostAnnotations,
  SafetyViolatedPolicy,
  StreamType,
  TaskPayload,
} from '../core/types'
import { type GroxEnvironment, TaskContext } from '../core/types'
import { testServices } from '../testing/grox.fixtures'

let next = 1
export const nextId = () => String(1_700_000_000_000 + next++)

export function user(followersCount: number, extra: Partial<GroxUser> = {}): GroxUser {
  const id = nextId()
  return {
    id,
    handle: `u${id}`,
    displayName: `User ${id}`,
    protected: false,
    subscriptionTier: 'none',
    createdAt: 0,
    nsfw: false,
    followersCount,
    followingCount: 0,
    ...extra,
  }
}

export function post(author: GroxUser, extra: Partial<GroxPost> = {}): GroxPost {
  const id = extra.id ?? nextId()
  return {
    id,
    authorId: author.id,
    text: 'a post about the game tonight',
    createdAt: Date.now(),
    conversationId: id,
    media: [],
    subscriberOnly: false,
    language: 'en',
    counts: { favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 },
    ...extra,
  }
}

export function reply(author: GroxUser, parent: GroxPost, extra: Partial<GroxPost> = {}): GroxPost {
  return post(author, {
    replyToId: parent.id,
    replyToUserId: parent.authorId,
    conversationId: parent.conversationId,
    ...extra,
  })
}

export interface ContextOptions {
  users?: GroxUser[]
  posts?: GroxPost[]
  taskType?: StreamType
  environment?: GroxEnvironment
  extra?: Partial<TaskPayload>
}

/** A context whose loaders read `users` and `posts`; sinks and dedupe are in memory (testServices). */
export function context(subject: GroxPost | undefined, opts: ContextOptions = {}) {
  const users = new Map((opts.users ?? []).map((u) => [u.id, u]))
  const posts = new Map((opts.posts ?? []).map((p) => [p.id, p]))
  const services = testServices()
  services.environment = opts.environment ?? 'dev'
  services.loaders = {
    ...services.loaders,
    loadPost: async (id) => posts.get(id) ?? null,
    loadPosts: async (ids) =>
      new Map(ids.flatMap((id) => (posts.has(id) ? [[id, posts.get(id)!] as const] : []))),
    loadUser: async (id) => users.get(id) ?? null,
    loadUsers: async (ids) =>
      new Map(ids.flatMap((id) => (users.has(id) ? [[id, users.get(id)!] as const] : []))),
  }
  const payload: TaskPayload = {
    payloadId: crypto.randomUUID(),
    attempt: 0,
    eligibilities: [],
    ...(subject ? { post: subject } : {}),
    ...(opts.taskType ? { taskType: opts.taskType } : {}),
    ...opts.extra,
  }
  return { ctx: new TaskContext(payload, services), services }
}

export const testEnv = env as unknown as Env

/** A fake classifier backend: scripted answers, recorded calls. */
export class FakeClassifiers implements GroxClassifiers {
  readonly backend = 'embedded' as const
  readonly calls: string[] = []
  spamResult: ContentCategoryResult = {
    source: 'fake',
    category: 'spam_comment',
    score: 0.95,
    positive: true,
  }
  categories: SafetyPostAnnotations = { violatedPolicies: [] }
  policies: Partial<Record<string, SafetyPolicy>> = {}
  screen: PostSafetyScreen = {
    categories: [{ source: 'fake', category: 'spam', score: 0.1, positive: false }],
    boolMetadata: { isNsfw: true, isGore: false, isViolentSpeech: false, isHateful: false, isSpam: false },
  }

  async spam() {
    this.calls.push('spam')
    return this.spamResult
  }
  async bangerScreen(_p: unknown, topics: readonly string[]) {
    this.calls.push(`banger:${topics.length}`)
    return [{ source: 'fake', category: 'banger_initial_screen', score: 0.7, positive: true }]
  }
  async postSafetyScreen() {
    this.calls.push('postSafetyScreen')
    return this.screen
  }
  async ptosCategories(_p: unknown, deluxe: boolean) {
    this.calls.push(`ptosCategories:${deluxe}`)
    return structuredClone(this.categories)
  }
  async ptosPolicy(_p: unknown, v: SafetyViolatedPolicy, deluxe: boolean) {
    this.calls.push(`ptosPolicy:${v.category}:${deluxe}`)
    return this.policies[v.category] ?? { policyType: 'NoViolation' }
  }
  async scoreReply() {
    this.calls.push('scoreReply')
    return { score: 0.42, reason: 'fake' }
  }
  async summarize() {
    this.calls.push('summarize')
    return 'a fake summary'
  }
  detectLanguage() {
    return 'eng'
  }
}
