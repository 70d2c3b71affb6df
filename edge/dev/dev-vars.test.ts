import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureDevVars, readDevVars } from './dev-vars.ts'

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'fye-dev-vars-')), '.dev.vars')

describe('ensureDevVars', () => {
  it('creates both secrets, random and at least 32 characters, readable by wrangler-style parsing', () => {
    const path = tempFile()
    const first = ensureDevVars(path)
    expect(first.written).toEqual(['ADMIN_TOKEN', 'TOKEN_SECRET'])
    expect(first.values.ADMIN_TOKEN).toMatch(/^[0-9a-f]{64}$/)
    expect(first.values.TOKEN_SECRET).toMatch(/^[0-9a-f]{64}$/)
    expect(first.values.ADMIN_TOKEN).not.toBe(first.values.TOKEN_SECRET)
    expect(readDevVars(path)).toEqual(first.values)
    expect(statSync(path).mode & 0o077).toBe(0)
    expect(ensureDevVars(tempFile()).values.ADMIN_TOKEN).not.toBe(first.values.ADMIN_TOKEN)
  })

  it('keeps existing values, so a second start leaves issued tokens valid', () => {
    const path = tempFile()
    const first = ensureDevVars(path)
    const before = readFileSync(path, 'utf8')
    const second = ensureDevVars(path)
    expect(second.written).toEqual([])
    expect(second.values).toEqual(first.values)
    expect(readFileSync(path, 'utf8')).toBe(before)
  })

  it('replaces a too-short secret and keeps unrelated lines', () => {
    const path = tempFile()
    const admin = 'a'.repeat(40)
    writeFileSync(path, `OTHER_VAR="keep me"\nADMIN_TOKEN="${admin}"\nTOKEN_SECRET="short"\n`)
    const out = ensureDevVars(path)
    expect(out.written).toEqual(['TOKEN_SECRET'])
    expect(out.values.ADMIN_TOKEN).toBe(admin)
    expect(out.values.TOKEN_SECRET).toHaveLength(64)
    const vars = readDevVars(path)
    expect(vars.OTHER_VAR).toBe('keep me')
    expect(vars.TOKEN_SECRET).toBe(out.values.TOKEN_SECRET)
    expect(readFileSync(path, 'utf8').match(/TOKEN_SECRET=/g)).toHaveLength(1)
  })
})
