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
    expect(first.written).toEqual(['ADMIN_TOKEN', 'TOKEN_SECRET', 'ENVIRONMENT'])
    expect(first.values.ADMIN_TOKEN).toMatch(/^[0-9a-f]{64}$/)
    expect(first.values.TOKEN_SECRET).toMatch(/^[0-9a-f]{64}$/)
    expect(first.values.ADMIN_TOKEN).not.toBe(first.values.TOKEN_SECRET)
    expect(readDevVars(path)).toEqual(first.values)
    expect(readDevVars(path).ENVIRONMENT).toBe('dev')
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
    expect(out.written).toEqual(['TOKEN_SECRET', 'ENVIRONMENT'])
    expect(out.values.ADMIN_TOKEN).toBe(admin)
    expect(out.values.TOKEN_SECRET).toHaveLength(64)
    const vars = readDevVars(path)
    expect(vars.OTHER_VAR).toBe('keep me')
    expect(vars.TOKEN_SECRET).toBe(out.values.TOKEN_SECRET)
    expect(readFileSync(path, 'utf8').match(/TOKEN_SECRET=/g)).toHaveLength(1)
  })

  it('turns the dev routes on in a .dev.vars written before ENVIRONMENT was part of it', () => {
    const path = tempFile()
    const secrets = `ADMIN_TOKEN="${'a'.repeat(64)}"\nTOKEN_SECRET="${'b'.repeat(64)}"\n`
    writeFileSync(path, secrets)
    const out = ensureDevVars(path)
    expect(out.written).toEqual(['ENVIRONMENT'])
    expect(readDevVars(path)).toEqual({
      ADMIN_TOKEN: 'a'.repeat(64),
      TOKEN_SECRET: 'b'.repeat(64),
      ENVIRONMENT: 'dev',
    })
  })

  it('keeps an ENVIRONMENT someone chose (a local run with dev routes off)', () => {
    const path = tempFile()
    writeFileSync(path, 'ENVIRONMENT="production"\n')
    const out = ensureDevVars(path)
    expect(out.written).toEqual(['ADMIN_TOKEN', 'TOKEN_SECRET'])
    expect(readDevVars(path).ENVIRONMENT).toBe('production')
  })
})
