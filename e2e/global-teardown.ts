// Removes the e2e edge's storage (a fresh temp dir per run, made in e2e-env.ts).
import { rmSync } from 'node:fs'
import { E2E_EDGE } from './e2e-env'

export default function globalTeardown(): void {
  if (E2E_EDGE.persistTo?.includes('fye-e2e-edge-'))
    rmSync(E2E_EDGE.persistTo, { recursive: true, force: true })
}
