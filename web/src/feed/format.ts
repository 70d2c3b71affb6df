// Numbers and times for people; the data-* attributes keep full precision for the specs.

/** A score or probability: 4 significant digits. */
export const fmt = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : Number.isFinite(n) ? Number(n.toPrecision(4)).toString() : String(n)

/** "now", "42s", "5m", "3h", "2d" before `nowMs`. */
export function relativeTime(atMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - atMs) / 1000))
  if (s < 5) return 'now'
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m`
  if (s < 86_400) return `${Math.floor(s / 3600)}h`
  return `${Math.floor(s / 86_400)}d`
}

/** 1234 → "1.2K", 2500000 → "2.5M". */
export function compactCount(n: number): string {
  if (n < 1000) return String(n)
  if (n < 1_000_000) return `${Number((n / 1000).toFixed(1))}K`
  return `${Number((n / 1_000_000).toFixed(1))}M`
}
