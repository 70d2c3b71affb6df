// The embedded backend (the committed spam model loaded in workerd, the lexicon baselines, franc-min),
// the backend choice, and the LLM backend's parsing against a FAKE chat endpoint.
import { describe, expect, it } from 'vitest'
import type { GroxPost } from '../core/types'
import type { ClassifiablePost } from './classifier-backend'
import { groxClassifiers, llmSettings } from './classifiers'
import { embeddedClassifiers } from './embedded/embedded-backend'
import { lexiconHits } from './embedded/safety-lexicon'
import { ChatClient } from './llm/chat-client'
import { fakeChatEndpoint } from './llm/fake-chat-endpoint'
import { extractJson, llmClassifiers } from './llm/llm-backend'

function classifiable(text: string, extra: Partial<GroxPost> = {}): ClassifiablePost {
  return {
    post: {
      id: '1',
      authorId: '2',
      text,
      createdAt: 0,
      conversationId: '1',
      media: [],
      subscriberOnly: false,
      language: 'en',
      counts: { favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 },
      ...extra,
    },
  }
}

describe('embedded backend', () => {
  const embedded = embeddedClassifiers()

  it('scores spam with the committed SpamAssassin model', async () => {
    const spam = await embedded.spam(
      classifiable('FREE GIVEAWAY!!! Claim your prize now, limited time offer: https://bit.ly/win'),
    )
    const ham = await embedded.spam(
      classifiable('The patch fixes the kernel build on older gcc, thanks for the review'),
    )
    expect(spam).toMatchObject({ category: 'spam_comment', positive: true })
    expect(ham).toMatchObject({ category: 'spam_comment', positive: false })
    expect(spam.score).toBeGreaterThan(ham.score)
  })

  it('finds lexicon hits by category (baselines: obscenity words and phrase rules)', () => {
    expect(lexiconHits('watch free porn here').map((h) => h.category)).toEqual(['AdultContent'])
    expect(lexiconHits('I will kill you').map((h) => h.category)).toEqual(['ViolentSpeech'])
    expect(lexiconHits('you are a fucking idiot').map((h) => h.category)).toEqual(['HateOrAbuse'])
    expect(lexiconHits('what a fucking game')).toEqual([])
    expect(lexiconHits('lovely weather for a walk')).toEqual([])
  })

  it('runs the PTOS passes: categories, then a policy per category', async () => {
    const post = classifiable('watch free porn and hentai here')
    const { violatedPolicies } = await embedded.ptosCategories(post, false)
    // (the spam model also calls this porn promotion spam, so Spam may be listed too)
    const adult = violatedPolicies.find((v) => v.category === 'AdultContent')
    expect(adult).toBeDefined()
    expect((await embedded.ptosPolicy(post, adult!, false)).policyType).toBe('SexualHard')
    const calm = await embedded.ptosCategories(
      classifiable('lovely weather for a walk in the park today'),
      false,
    )
    expect(calm.violatedPolicies).toEqual([])
    const clean = classifiable('lovely weather for a walk')
    expect((await embedded.ptosPolicy(clean, { category: 'AdultContent' }, true)).policyType).toBe(
      'NoViolation',
    )
  })

  it('sets the bool metadata of the post-safety screen', async () => {
    const screen = await embedded.postSafetyScreen(classifiable('graphic footage of the beheading'))
    expect(screen.boolMetadata).toMatchObject({ isGore: true, isNsfw: false })
  })

  it('detects languages with franc-min', () => {
    expect(embedded.detectLanguage('The quick brown fox jumps over the lazy dog near the river bank')).toBe(
      'eng',
    )
    expect(embedded.detectLanguage('El rápido zorro marrón salta sobre el perro perezoso junto al río')).toBe(
      'spa',
    )
    expect(embedded.detectLanguage('hi')).toBe('und')
  })
})

describe('backend choice', () => {
  it('uses the embedded backend without configuration and the LLM one with GROX_LLM_URL', () => {
    expect(groxClassifiers({}).backend).toBe('embedded')
    expect(groxClassifiers({ GROX_LLM_URL: 'http://llm.test', GROX_LLM_MODEL: 'm' }).backend).toBe('llm')
  })

  it('reads the settings, defaulting the model and the timeout', () => {
    expect(llmSettings({})).toBeUndefined()
    expect(llmSettings({ GROX_LLM_URL: 'http://llm.test' })).toEqual({
      url: 'http://llm.test',
      model: 'default',
      timeoutMs: 60_000,
    })
    expect(llmSettings({ GROX_LLM_URL: 'u', GROX_LLM_KEY: 'k', GROX_LLM_TIMEOUT_MS: '500' })).toMatchObject({
      key: 'k',
      timeoutMs: 500,
    })
  })
})

describe('LLM backend against the fake endpoint', () => {
  it('parses JSON inside <json></json>', () => {
    expect(extractJson('thinking… <json>{"a": 1}</json> done')).toEqual({ a: 1 })
    expect(extractJson('{"b": 2}')).toEqual({ b: 2 })
  })

  it('classifies spam and summarises through chat completions', async () => {
    const fake = fakeChatEndpoint((req) =>
      req.system.includes('spam')
        ? '<json>{"score": 0.8, "positive": true, "reason": "promo"}</json>'
        : 'A short summary.',
    )
    const llm = llmClassifiers(
      new ChatClient({ url: 'http://fake', model: 'fake-model', timeoutMs: 1000 }, fake.fetch),
    )
    expect(await llm.spam(classifiable('buy now'))).toEqual({
      source: 'llm',
      category: 'spam_comment',
      score: 0.8,
      positive: true,
      reason: 'promo',
    })
    expect(await llm.summarize(classifiable('a long post'))).toBe('A short summary.')
    expect(fake.requests[0]!.model).toBe('fake-model')
  })

  it('refuses a malformed answer instead of calling the post clean', async () => {
    const fake = fakeChatEndpoint(() => '<json>{"violatedPolicies": [{"category": "NotACategory"}]}</json>')
    const llm = llmClassifiers(
      new ChatClient({ url: 'http://fake', model: 'm', timeoutMs: 1000 }, fake.fetch),
    )
    await expect(llm.ptosCategories(classifiable('x'), false)).rejects.toThrow()
  })
})
