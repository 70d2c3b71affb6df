// Words shared by every topic (filler), per-language filler for non-English posts, and spam phrases.
// Filler carries no topic; spam phrases carry the author's spamminess into the text.

export const FILLER_EN = (
  'the a and to of in is it that this for on with just so really today new my your our we you i ' +
  'what how why when love think know good great best big little more most very still again now ' +
  'here there about after before ever never always maybe honestly literally finally actually thread ' +
  'thoughts week weekend morning night tonight yesterday look check out share people everyone friends'
).split(' ')

export const LANGUAGES = ['en', 'es', 'pt', 'ja', 'fr', 'de'] as const
export type Language = (typeof LANGUAGES)[number]
/** Share of authors and users per language (mostly English). */
export const LANGUAGE_WEIGHTS: readonly number[] = [0.84, 0.06, 0.03, 0.03, 0.02, 0.02]

export const FILLER_BY_LANGUAGE: Readonly<Record<Language, readonly string[]>> = {
  en: FILLER_EN,
  es: 'el la los las y de que en un una es por para con muy hoy nuevo mejor gracias todos amigos semana noche pero'.split(
    ' ',
  ),
  pt: 'o a os as e de que em um uma muito hoje novo melhor obrigado todos amigos semana noite mas para com'.split(
    ' ',
  ),
  ja: 'これ それ 今日 本当に すごい 新しい みんな ありがとう 最高 週末 夜 朝 ちょっと やっぱり 好き'.split(
    ' ',
  ),
  fr: 'le la les et de que en un une est pour avec très aujourd hui nouveau merci tous amis semaine soir mais'.split(
    ' ',
  ),
  de: 'der die das und zu von mit ist für sehr heute neu danke alle freunde woche abend aber noch schon'.split(
    ' ',
  ),
}

/** Phrases only spammy authors use (with a link almost always). */
export const SPAM_PHRASES: readonly string[] = [
  'click here now',
  'limited time offer',
  'free giveaway',
  'dm me for promo',
  'earn 5000 a day',
  'follow for follow',
  'guaranteed returns',
  'claim your prize',
  'link in bio',
  'act fast',
  'double your money',
  'exclusive deal inside',
  '100% free',
  'winner announced soon',
  'cheap followers',
  'airdrop live now',
]

/** Author voices: they set text length, media and link habits, and viewers have tastes for them. */
export const STYLES = ['casual', 'news', 'thread', 'visual', 'meme'] as const
export type Style = (typeof STYLES)[number]

export interface StyleHabits {
  /** Inclusive range of topic + filler words. */
  words: readonly [number, number]
  /** Share of content words drawn from the topic vocabulary. */
  topicShare: number
  image: number
  video: number
  gif: number
  link: number
  hashtags: number
}

export const STYLE_HABITS: Readonly<Record<Style, StyleHabits>> = {
  casual: {
    words: [6, 16],
    topicShare: 0.45,
    image: 0.15,
    video: 0.05,
    gif: 0.04,
    link: 0.03,
    hashtags: 0.3,
  },
  news: { words: [14, 28], topicShare: 0.5, image: 0.2, video: 0.08, gif: 0, link: 0.55, hashtags: 0.5 },
  thread: { words: [28, 50], topicShare: 0.45, image: 0.08, video: 0.03, gif: 0, link: 0.08, hashtags: 0.2 },
  visual: {
    words: [5, 12],
    topicShare: 0.55,
    image: 0.55,
    video: 0.25,
    gif: 0.04,
    link: 0.02,
    hashtags: 0.6,
  },
  meme: { words: [4, 10], topicShare: 0.5, image: 0.35, video: 0.08, gif: 0.3, link: 0.01, hashtags: 0.4 },
}
