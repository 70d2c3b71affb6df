// Lexicon and rule BASELINES for the PTOS safety categories — not trained models. Profanity, slurs and
// sexual terms come from `obscenity`'s English dataset (with its leetspeak/confusable transformers); the
// other categories are short phrase lists written here. They catch the obvious and miss the rest
// (context, sarcasm, other languages): the LLM backend is the real classifier when configured.
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity'
import type { SafetyCategory } from '../../core/types'

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers })

/** obscenity's words, by the category a hit counts towards. */
const SLURS = new Set([
  'abeed',
  'africoon',
  'arabush',
  'boonga',
  'chingchong',
  'chink',
  'kike',
  'negro',
  'nigger',
  'fag',
  'dyke',
  'tranny',
  'retard',
  'spastic',
])
const SEXUAL = new Set([
  'anal',
  'blowjob',
  'buttplug',
  'cum',
  'deepthroat',
  'dildo',
  'doggystyle',
  'double penetration',
  'ejaculate',
  'felch',
  'fellatio',
  'finger bang',
  'fisting',
  'gangbang',
  'handjob',
  'hentai',
  'jerk off',
  'jizz',
  'lubejob',
  'masturbate',
  'orgasm',
  'orgy',
  'porn',
  'semen',
  'incest',
  'bestiality',
  'hooker',
])

/** Phrase rules for categories obscenity does not cover (lower-cased substring match on word boundaries). */
const PHRASES: Partial<Record<SafetyCategory, readonly string[]>> = {
  ViolentSpeech: [
    'i will kill you',
    "i'll kill you",
    'going to kill you',
    'shoot you',
    'stab you',
    'should be shot',
    'burn your house',
  ],
  SuicideOrSelfHarm: [
    'kill myself',
    'want to die',
    'end my life',
    'kill yourself',
    'kys',
    'self harm',
    'cut myself',
  ],
  IllegalAndRegulatedBehaviors: [
    'buy cocaine',
    'buy meth',
    'selling pills',
    'escort service',
    'fake passport',
    'buy weed online',
  ],
  ViolentMedia: ['gore video', 'graphic footage', 'beheading', 'dead bodies', 'bloodbath video'],
  TerrorismOrViolentExtremism: ['join the jihad', 'martyrdom operation', 'race war now'],
  CivicIntegrity: ['vote on wednesday', 'polls are closed', 'election is cancelled', 'vote by text'],
}

export interface LexiconHit {
  category: SafetyCategory
  term: string
}

function phraseHits(text: string): LexiconHit[] {
  const lower = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}' ]+/gu, ' ')} `
  const hits: LexiconHit[] = []
  for (const [category, phrases] of Object.entries(PHRASES) as [SafetyCategory, readonly string[]][]) {
    for (const phrase of phrases) if (lower.includes(` ${phrase} `)) hits.push({ category, term: phrase })
  }
  return hits
}

/** Every lexicon hit in the text; a profanity aimed at someone (@handle or "you") counts as abuse. */
export function lexiconHits(text: string): LexiconHit[] {
  const hits = phraseHits(text)
  const targeted = /@\w+|\byou\b|\byour\b|\bu\b/i.test(text)
  for (const match of matcher.getAllMatches(text)) {
    const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord
    if (word === undefined) continue
    if (SLURS.has(word)) hits.push({ category: 'HateOrAbuse', term: word })
    else if (SEXUAL.has(word)) hits.push({ category: 'AdultContent', term: word })
    else if (targeted) hits.push({ category: 'HateOrAbuse', term: word })
  }
  return hits
}

/** Whether the text has profanity at all (any obscenity match), targeted or not. */
export function hasProfanity(text: string): boolean {
  return matcher.hasMatch(text)
}

/** The policy type a baseline hit stands for (x-algorithm-facts §6's policy names). */
export function baselinePolicy(category: SafetyCategory, terms: readonly string[], text: string): string {
  switch (category) {
    case 'HateOrAbuse':
      return terms.some((t) => SLURS.has(t)) ? 'SlursWithTarget' : 'InsultsWithTarget'
    case 'AdultContent':
      return terms.length >= 2 ? 'SexualHard' : 'SexualSoft'
    case 'ViolentSpeech':
      return /@\w+|\byou\b/i.test(text) ? 'MajorSpecificWithHumanTarget' : 'MinorWithoutHumanTarget'
    case 'SuicideOrSelfHarm':
      return terms.some((t) => t === 'kill yourself' || t === 'kys') ? 'Encouraging' : 'ExpressingDesire'
    case 'IllegalAndRegulatedBehaviors':
      return terms.some((t) => t.includes('escort')) ? 'SexualServices' : 'IllegalDrugs'
    case 'ViolentMedia':
      return 'GraphicMedia'
    case 'Spam':
      return 'BotProduced'
    default:
      return 'Violation'
  }
}
