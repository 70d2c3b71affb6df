// The per-viewer cache of encoded history prefixes: keyed by viewer id + a fingerprint of the featurized
// history, so a new engagement (a different history) misses while re-ranking new candidates hits.
import type { HistoryTensors } from '../../../shared/phoenix/features.ts'
import type { PrefixTensors } from '../../../shared/phoenix/onnx-feeds.ts'

/** SHA-256 (hex) over every history tensor's bytes, in a fixed field order. */
export async function historyFingerprint(h: HistoryTensors): Promise<string> {
  const parts = [
    h.userHash,
    h.histPost,
    h.histAuthor,
    h.histActions,
    h.histDwell,
    h.histSurface,
    h.histAge,
    h.histText,
  ]
  const bytes = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at)
    at += p.byteLength
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A small LRU of in-flight or finished prefix encodes; concurrent callers share one encode. */
export class PrefixCache {
  private readonly entries = new Map<string, Promise<PrefixTensors>>()

  constructor(private readonly capacity = 16) {}

  get size(): number {
    return this.entries.size
  }

  get(key: string, encode: () => Promise<PrefixTensors>): Promise<PrefixTensors> {
    const hit = this.entries.get(key)
    if (hit) {
      // Re-insert: Map order is the recency order.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit
    }
    const made = encode()
    // A failed encode is not cached, so the next request retries.
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key)
    })
    this.entries.set(key, made)
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
    return made
  }

  clear(): void {
    this.entries.clear()
  }
}
