import { SELF } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

const BASE = 'https://edge.test'

type ProbeStatus = { probeId: string; delivered: boolean; deliveries: number; receivedAt?: number }

async function status(probeId: string): Promise<ProbeStatus> {
  const res = await SELF.fetch(`${BASE}/v1/health/probes/${probeId}`)
  expect(res.status).toBe(200)
  return res.json()
}

describe('health probe round trip', () => {
  it('POST probe -> real queue delivery -> ledger reports delivered', async () => {
    const res = await SELF.fetch(`${BASE}/v1/health/probes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'round trip test' }),
    })
    expect(res.status).toBe(202)
    const { probeId }: { probeId: string } = await res.json()
    expect(probeId).toMatch(/^[0-9a-f-]{36}$/)

    // The pool wires wrangler.toml's consumer, so the message is delivered for real (batch timeout 1 s).
    const deadline = Date.now() + 8000
    let current = await status(probeId)
    while (!current.delivered && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      current = await status(probeId)
    }
    expect(current).toMatchObject({ probeId, delivered: true, deliveries: 1 })
    expect(current.receivedAt).toEqual(expect.any(Number))
  }, 15_000)

  it('reports an unseen probe as not delivered', async () => {
    const probeId = crypto.randomUUID()
    expect(await status(probeId)).toEqual({ probeId, delivered: false, deliveries: 0 })
  })
})
