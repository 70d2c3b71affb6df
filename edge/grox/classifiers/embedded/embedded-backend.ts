// The offline default backend. Spam: the SpamAssassin-trained logistic model (spam/). Safety: lexicon
// baselines (safety-lexicon.ts). Banger, reply score and summary: transparent heuristics, named as such in
// every result's `reason`, standing in for the LLM screens upstream runs.
import type {
  ContentCategoryResult,
  SafetyCategory,
  SafetyPolicy,
  SafetyViolatedPolicy,
} from '../../core/types'
import type { ClassifiablePost, GroxClassifiers, PostSafetyScreen, ReplySignals } from '../classifier-backend'
import { NO_VIOLATION } from '../classifier-backend'
import { SPAM_LABEL_MIN_SCORE, SpamModel, type SpamModelFile } from '../spam/spam-model'
import spamModelFile from '../spam/spam-model.json'
import { detectLanguage } from './language'
import { baselinePolicy, lexiconHits } from './safety-lexicon'

const SOURCE = 'embedded'
let spamModel: SpamModel | undefined

/** The committed model, decoded once per isolate. */
export function embeddedSpamModel(): SpamModel {
  spamModel ??= new SpamModel(spamModelFile as SpamModelFile)
  return spamModel
}

/** Everything a classifier may read of a post: its text, transcripts and summary. */
export function classifiableText(p: ClassifiablePost): string {
  return [p.post.text, ...(p.transcripts ?? [])].join('\n')
}

function category(category: string, score: number, positive: boolean, reason: string): ContentCategoryResult {
  return { source: SOURCE, category, score: Math.round(score * 1000) / 1000, positive, reason }
}

function hitsByCategory(text: string): Map<SafetyCategory, string[]> {
  const by = new Map<SafetyCategory, string[]>()
  for (const hit of lexiconHits(text)) by.set(hit.category, [...(by.get(hit.category) ?? []), hit.term])
  return by
}

export function embeddedClassifiers(): GroxClassifiers {
  return {
    backend: 'embedded',

    async spam(p) {
      const { probability, positive } = embeddedSpamModel().score(classifiableText(p))
      return category('spam_comment', probability, positive, 'SpamAssassin logistic model')
    },

    async bangerScreen(p, topics) {
      const text = p.post.text.toLowerCase()
      const topic = topics.find((t) => text.includes(t.toLowerCase()))
      const spam = embeddedSpamModel().score(p.post.text).probability
      const words = p.post.text.split(/\s+/).filter(Boolean).length
      // Heuristic: media and a recognisable topic help, spamminess and very short text hurt.
      const score = Math.max(
        0,
        Math.min(
          1,
          0.35 +
            (p.post.media.length > 0 ? 0.2 : 0) +
            (topic ? 0.2 : 0) +
            Math.min(words, 30) / 100 -
            0.5 * spam,
        ),
      )
      const out = [
        category('banger_initial_screen', score, score >= 0.6, 'heuristic: media, topic, length, spam'),
      ]
      if (topic) out.push(category(`topic:${topic}`, 1, true, 'topic name in text'))
      return out
    },

    async postSafetyScreen(p): Promise<PostSafetyScreen> {
      const text = classifiableText(p)
      const hits = hitsByCategory(text)
      const spam = embeddedSpamModel().score(text)
      const boolMetadata = {
        isNsfw: hits.has('AdultContent'),
        isGore: hits.has('ViolentMedia'),
        isViolentSpeech: hits.has('ViolentSpeech'),
        isHateful: hits.has('HateOrAbuse'),
        // Labels follow from these booleans, so spam needs the label threshold, not the decision one.
        isSpam: spam.probability >= SPAM_LABEL_MIN_SCORE,
      }
      const categories = [...hits].map(([c, terms]) =>
        category(c, 1, true, `lexicon baseline: ${terms.join(', ')}`),
      )
      categories.push(category('spam', spam.probability, spam.positive, 'SpamAssassin logistic model'))
      return { categories, boolMetadata }
    },

    async ptosCategories(p) {
      const text = classifiableText(p)
      const violatedPolicies: SafetyViolatedPolicy[] = [...hitsByCategory(text)].map(([c, terms]) => ({
        category: c,
        score: Math.min(100, 60 + 10 * terms.length),
        reason: `lexicon baseline: ${terms.join(', ')}`,
      }))
      const spam = embeddedSpamModel().score(text)
      if (spam.probability >= SPAM_LABEL_MIN_SCORE) {
        violatedPolicies.push({
          category: 'Spam',
          score: Math.round(spam.probability * 100),
          reason: 'spam model',
        })
      }
      return { violatedPolicies }
    },

    async ptosPolicy(p, violation): Promise<SafetyPolicy> {
      const text = classifiableText(p)
      if (violation.category === 'Spam') {
        const spam = embeddedSpamModel().score(text)
        return spam.probability >= SPAM_LABEL_MIN_SCORE
          ? {
              policyType: baselinePolicy('Spam', [], text),
              confidenceScore: Math.round(spam.probability * 100),
            }
          : { policyType: NO_VIOLATION, confidenceScore: Math.round((1 - spam.probability) * 100) }
      }
      const terms = hitsByCategory(text).get(violation.category) ?? []
      if (terms.length === 0)
        return { policyType: NO_VIOLATION, confidenceScore: 60, reason: 'no lexicon hit' }
      return {
        policyType: baselinePolicy(violation.category, terms, text),
        confidenceScore: Math.min(100, 60 + 10 * terms.length),
        reason: `lexicon baseline: ${terms.join(', ')}`,
      }
    },

    async scoreReply(p, signals: ReplySignals) {
      const words = p.post.text.split(/\s+/).filter(Boolean).length
      const abusive = lexiconHits(p.post.text).length > 0
      const score = Math.max(
        0,
        Math.min(1, 0.5 + Math.min(words, 40) / 100 - 0.6 * signals.spamProbability - (abusive ? 0.3 : 0)),
      )
      return { score, reason: 'heuristic: length, spam probability, lexicon hits' }
    },

    async summarize(p) {
      // Extractive: the first 280 characters of the text and transcripts, on a word boundary.
      const text = classifiableText(p).replace(/\s+/g, ' ').trim()
      return text.length <= 280 ? text : `${text.slice(0, 280).replace(/\s+\S*$/, '')}…`
    },

    detectLanguage,
  }
}
