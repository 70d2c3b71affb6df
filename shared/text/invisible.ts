// Characters that render as nothing (or as blank space). Built from Unicode properties the regex engine
// maintains, plus the few blank-looking symbols those properties leave out.

/**
 * White_Space (spaces, line and paragraph separators), Default_Ignorable_Code_Point (zero-width space and
 * joiners U+200B–200D, word joiner U+2060, BOM U+FEFF, the Hangul fillers U+115F, U+1160, U+3164 and
 * U+FFA0, variation selectors, tag characters, the soft hyphen) and Cf (format characters such as the bidi
 * marks). U+2800, the blank Braille pattern, is a symbol that draws nothing and is a common "empty name".
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/gu

/** The text with every invisible or blank character removed. */
export function withoutInvisible(s: string): string {
  return s.replace(INVISIBLE, '')
}

/** True when nothing visible is left once whitespace and invisible characters are removed. */
export function isBlank(s: string): boolean {
  return withoutInvisible(s).length === 0
}

/**
 * Explicit bidi formatting characters: embeddings and overrides U+202A–202E, isolates U+2066–2069, the
 * marks U+200E/U+200F and the Arabic letter mark U+061C. In a name they can reverse what follows
 * ("U+202E" makes "gnp.exe" read "exe.png") and no name needs them to display.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u

export function hasBidiControl(s: string): boolean {
  return BIDI_CONTROL.test(s)
}
