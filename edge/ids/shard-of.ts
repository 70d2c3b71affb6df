// Stable placement of ids on shards: FNV-1a over the decimal string, so every isolate agrees.

/** 32-bit FNV-1a hash of an ASCII string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export function shardOf(id: string, shards: number): number {
  return fnv1a(id) % shards
}

/** Groups items by the shard of their key; only shards with items appear. */
export function groupByShard<T>(
  items: readonly T[],
  key: (item: T) => string,
  shards: number,
): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const item of items) {
    const shard = shardOf(key(item), shards)
    const group = groups.get(shard)
    if (group) group.push(item)
    else groups.set(shard, [item])
  }
  return groups
}
