// The LLM backend: each classifier is one chat completion whose answer is JSON inside <json>…</json>
// (upstream's PTOS output convention). A malformed answer is an error (the task's retry / the plan's
// failure handle it), never a silent "clean".
import { z } from 'zod'
import { SAFETY_CATEGORIES, type SafetyPolicy } from '../../core/types'
import type { ClassifiablePost, GroxClassifiers } from '../classifier-backend'
import { classifiableText } from '../embedded/embedded-backend'
import { detectLanguage } from '../embedded/language'
import type { ChatClient } from './chat-client'

const SOURCE = 'llm'

export function extractJson(answer: string): unknown {
  const inner = answer.match(/<json>([\s\S]*?)<\/json>/)?.[1] ?? answer
  return JSON.parse(inner.trim())
}

const verdict = z.object({
  score: z.number().min(0).max(1),
  positive: z.boolean(),
  reason: z.string().optional(),
})
const bangerVerdict = verdict.extend({ topics: z.array(z.string()).optional() })
const bools = z.object({
  isNsfw: z.boolean(),
  isGore: z.boolean(),
  isViolentSpeech: z.boolean(),
  isHateful: z.boolean(),
  isSpam: z.boolean(),
})
const categoriesAnswer = z.object({
  violatedPolicies: z.array(
    z.object({
      category: z.enum(SAFETY_CATEGORIES),
      score: z.number().optional(),
      reason: z.string().optional(),
    }),
  ),
})
const policyAnswer = z.object({
  policyType: z.string(),
  confidenceScore: z.number().optional(),
  reason: z.string().optional(),
})

function render(p: ClassifiablePost): string {
  const thread = (p.ancestors ?? []).map((a, i) => `ancestor ${i}: ${a.post.text}`).join('\n')
  const media = p.post.media.map((m) => m.type).join(', ') || 'none'
  return `${thread}${thread ? '\n' : ''}post: ${classifiableText(p)}\nmedia: ${media}`
}

export function llmClassifiers(client: ChatClient): GroxClassifiers {
  async function ask<T>(schema: z.ZodType<T>, instruction: string, p: ClassifiablePost): Promise<T> {
    const answer = await client.complete([
      { role: 'system', content: `${instruction} Answer only with JSON inside <json></json>.` },
      { role: 'user', content: render(p) },
    ])
    return schema.parse(extractJson(answer))
  }

  return {
    backend: 'llm',
    async spam(p) {
      const v = await ask(verdict, 'Is this reply spam? JSON {score 0..1, positive, reason}.', p)
      return { source: SOURCE, category: 'spam_comment', ...v }
    },
    async bangerScreen(p, topics) {
      const v = await ask(
        bangerVerdict,
        `Could this post become very popular? Topics: ${topics.join(', ')}. JSON {score, positive, reason, topics}.`,
        p,
      )
      return [
        {
          source: SOURCE,
          category: 'banger_initial_screen',
          score: v.score,
          positive: v.positive,
          ...(v.reason ? { reason: v.reason } : {}),
        },
        ...(v.topics ?? []).map((t) => ({
          source: SOURCE,
          category: `topic:${t}`,
          score: 1,
          positive: true,
        })),
      ]
    },
    async postSafetyScreen(p) {
      const b = await ask(
        bools,
        'Screen this post. JSON {isNsfw, isGore, isViolentSpeech, isHateful, isSpam}.',
        p,
      )
      const categories = Object.entries(b).map(([k, v]) => ({
        source: SOURCE,
        category: k,
        score: v ? 1 : 0,
        positive: v,
      }))
      return { categories, boolMetadata: b }
    },
    async ptosCategories(p, deluxe) {
      return ask(
        categoriesAnswer,
        `List the safety categories this post violates (${SAFETY_CATEGORIES.join(', ')})${deluxe ? ', carefully' : ''}. JSON {violatedPolicies: [{category, score 0..100, reason}]}.`,
        p,
      )
    },
    async ptosPolicy(p, violation, deluxe): Promise<SafetyPolicy> {
      return ask(
        policyAnswer,
        `Which ${violation.category} policy does this post violate${deluxe ? ' (deluxe review)' : ''}? JSON {policyType ("NoViolation" when none), confidenceScore 0..100, reason}.`,
        p,
      )
    },
    async scoreReply(p, signals) {
      const v = await ask(
        verdict,
        `Score this reply's quality 0..1 (spam probability ${signals.spamProbability.toFixed(2)}). JSON {score, positive, reason}.`,
        p,
      )
      return { score: v.score, reason: v.reason ?? '' }
    },
    async summarize(p) {
      return client.complete([
        { role: 'system', content: 'Summarise this post in one or two sentences for a retrieval embedding.' },
        { role: 'user', content: render(p) },
      ])
    },
    detectLanguage,
  }
}
