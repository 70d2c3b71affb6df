// A tiny element builder for the feed section: text only (never innerHTML), data-* attributes for the specs.
type Child = Node | string | null | undefined | false

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, String(v))
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c)
  return node
}

/** A score or probability for people: 4 significant digits (the data-* attributes keep full precision). */
export const fmt = (n: number | null): string =>
  n === null ? '—' : Number.isFinite(n) ? Number(n.toPrecision(4)).toString() : String(n)
