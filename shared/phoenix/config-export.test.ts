import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { phoenixConfigDocument } from './config-export.ts'

describe('phoenix-config.json (what the Python trainer reads)', () => {
  it('matches the TypeScript constants; regenerate with npm run models:config', () => {
    const file = new URL('../../models/artifacts/phoenix-config.json', import.meta.url)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(phoenixConfigDocument())),
    )
  })
})
