// The Grox monitor's state: the admin token (typed in by the operator, kept for this tab only — nothing is
// built into the bundle), the last GET /v1/admin/grox/stats answer, and polling while the monitor is shown.
import { signal } from '@preact/signals'
import type { z } from 'zod'
import { groxStatsResponse } from '../../../shared/types/api/grox.ts'
import { EdgeApiError, edgeClient, ok } from '../api/edge-client'

export type GroxStats = z.infer<typeof groxStatsResponse>
export type GroxState =
  | { kind: 'no-token' }
  | { kind: 'loading' }
  | { kind: 'ok'; stats: GroxStats; at: number }
  | { kind: 'unavailable'; why: string }
  | { kind: 'error'; message: string }

const TOKEN_KEY = 'fye.adminToken'
export const adminToken = signal<string>(sessionStorage.getItem(TOKEN_KEY) ?? '')
export const groxState = signal<GroxState>({ kind: 'no-token' })

const admin = edgeClient('', { token: () => adminToken.value || undefined })

export function setAdminToken(token: string): void {
  adminToken.value = token.trim()
  if (adminToken.value) sessionStorage.setItem(TOKEN_KEY, adminToken.value)
  else sessionStorage.removeItem(TOKEN_KEY)
}

export async function refreshGrox(): Promise<void> {
  if (!adminToken.value) {
    if (groxState.value.kind !== 'no-token') groxState.value = { kind: 'no-token' }
    return
  }
  if (groxState.value.kind !== 'ok') groxState.value = { kind: 'loading' }
  try {
    const body = await ok(admin.v1.admin.grox.stats.$get())
    groxState.value = { kind: 'ok', stats: groxStatsResponse.parse(body), at: Date.now() }
  } catch (e) {
    if (e instanceof EdgeApiError && e.status === 404)
      groxState.value = { kind: 'unavailable', why: 'this edge has no Grox stats route (404)' }
    else if (e instanceof EdgeApiError && (e.status === 401 || e.status === 403))
      groxState.value = { kind: 'error', message: `the admin token was refused (${e.status} ${e.code})` }
    else groxState.value = { kind: 'error', message: e instanceof Error ? e.message : String(e) }
  }
}
