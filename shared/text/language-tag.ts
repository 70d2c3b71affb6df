// Post languages are BCP-47 tags, checked and canonicalised by the platform's Intl (ICU in V8, both in Node
// and in workerd), not by a pattern.

/** Longest tag accepted (RFC 5646 §4.4.1's recommended buffer for a language tag). */
export const LANGUAGE_TAG_MAX_CHARS = 35

/** "und": the language is not known (BCP-47's undetermined subtag). */
export const UNDETERMINED_LANGUAGE = 'und'

let languageNames: Intl.DisplayNames | undefined

/**
 * Whether ICU names the primary language subtag. CLDR names several hundred languages (every ISO 639-1
 * code and the ISO 639-2/3 codes in use online); `zz`, `qqq` (private use) and unassigned codes have no
 * name and are refused.
 */
function isKnownLanguage(primary: string): boolean {
  languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' })
  try {
    return languageNames.of(primary) !== undefined
  } catch {
    return false
  }
}

/**
 * The canonical form of a BCP-47 tag ("EN-us" → "en-US", "iw" → "he", "zh-hant" → "zh-Hant"), "und" for
 * "und", or null when the tag is malformed or its primary language is not a known ISO 639 language.
 */
export function canonicalLanguageTag(tag: string): string | null {
  if (tag.length === 0 || tag.length > LANGUAGE_TAG_MAX_CHARS) return null
  let canonical: string | undefined
  try {
    canonical = Intl.getCanonicalLocales(tag)[0]
  } catch {
    return null
  }
  if (canonical === undefined) return null
  if (canonical === UNDETERMINED_LANGUAGE) return canonical
  const primary = canonical.split('-')[0] ?? ''
  return isKnownLanguage(primary) ? canonical : null
}
