// Names no user may take as a handle or a display name: the operator's own accounts and words that would
// pass for them. Compared case-insensitively and by look-alike keys (confusable-skeleton.ts), so "ADMIN",
// "r00t", "X_Support" and "Аdmin" with a Cyrillic А are all refused. The operator creates its own accounts
// with these names through the admin ingest, which skips this check (edge/README.md, "Handles").
import { lookAlikeKeys } from './confusable-skeleton.ts'

/** Each entry with why it is reserved; add a name here, not in a route. */
export const RESERVED_NAMES: readonly { names: readonly string[]; reason: string }[] = [
  {
    reason: "the operator's own brand accounts",
    names: ['X', 'Twitter', 'XCorp', 'XEng', 'TwitterEng', 'XDevelopers', 'TwitterDev', 'XAPI', 'ForYouEdge'],
  },
  {
    reason: 'accounts users trust for help, safety and account security (phishing targets)',
    names: [
      'XSupport',
      'TwitterSupport',
      'Support',
      'Help',
      'HelpDesk',
      'XSafety',
      'TwitterSafety',
      'Safety',
      'Security',
      'Verified',
      'XVerified',
      'Official',
      'Staff',
      'Moderator',
      'Mod',
    ],
  },
  {
    reason: 'operator and system roles',
    names: ['admin', 'administrator', 'root', 'system', 'sysadmin', 'superuser', 'operator', 'postmaster'],
  },
  {
    reason: 'would collide with product paths and placeholders (/home, /settings, "null")',
    names: [
      'home',
      'explore',
      'settings',
      'search',
      'notifications',
      'messages',
      'login',
      'logout',
      'signup',
      'null',
      'undefined',
    ],
  },
]

const reservedKeys = new Set(RESERVED_NAMES.flatMap((g) => g.names.flatMap((n) => [...lookAlikeKeys(n)])))

/** The reserved name `name` is or looks like (case-insensitive, confusables, separators ignored). */
export function isReservedLookAlike(name: string): boolean {
  for (const k of lookAlikeKeys(name)) if (reservedKeys.has(k)) return true
  return false
}
