// Language detection with franc-min (trigram profiles of the ~80 most spoken languages, offline).
import { franc } from 'franc-min'

/** ISO 639-3 code ("eng", "spa") or "und" when the text is too short or unclear (franc needs ~10 chars). */
export function detectLanguage(text: string): string {
  return franc(text, { minLength: 10 })
}
