// Probes the edge API. The edge may not be running (e.g. web-only e2e), so every failure is a
// value, never a thrown error.
export interface EdgeHealth {
  ok: true
  service: string
  environment: string
  /** Epoch ms. */
  time: number
  version: string
}

export type EdgeProbe = { reachable: true; health: EdgeHealth } | { reachable: false; reason: string }

function isEdgeHealth(v: unknown): v is EdgeHealth {
  return typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === true
}

export async function probeEdge(url = '/v1/health', timeoutMs = 4000): Promise<EdgeProbe> {
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    })
    if (!res.ok) return { reachable: false, reason: `HTTP ${res.status}` }
    const body: unknown = await res.json()
    return isEdgeHealth(body)
      ? { reachable: true, health: body }
      : { reachable: false, reason: 'bad health body' }
  } catch (e) {
    return { reachable: false, reason: e instanceof Error ? e.message : String(e) }
  }
}
