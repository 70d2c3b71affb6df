// What a display name may not be, beyond its length and control characters (shared/types/api/common.ts).
import { hasBidiControl, isBlank } from './invisible.ts'

/**
 * Check-mark characters that read as X's verification badge next to a name: ✓ ✔ ✅ ☑ 🗸 🗹 and the Aegean
 * check mark. With a variation selector (✔️, ☑️) they are still these code points.
 */
const VERIFICATION_MARKS = /[\u2713\u2714\u2705\u2611\u{1F5F8}\u{1F5F9}\u{10102}]/u

export function hasVerificationMark(s: string): boolean {
  return VERIFICATION_MARKS.test(s)
}

/** Why `name` (already NFC) is not a display name, or null when it is fine. */
export function displayNameProblem(name: string): string | null {
  if (hasBidiControl(name))
    return 'must not contain bidi control characters (U+202A-202E, U+2066-2069, U+200E/F)'
  if (isBlank(name))
    return 'must contain a visible character (not only spaces, zero-width or filler characters)'
  if (hasVerificationMark(name)) return 'must not contain check marks that look like the verification badge'
  return null
}
