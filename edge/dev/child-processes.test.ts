import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** Runs a script that starts `child` through childSet and returns how the script itself ended. */
function runWithChild(childCode: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fye-children-'))
  const script = join(dir, 'run.mts')
  writeFileSync(
    script,
    `import { childSet } from ${JSON.stringify(resolve(ROOT, 'edge/dev/child-processes.ts'))}\n` +
      `childSet(${JSON.stringify(ROOT)}).run('child', ['node', '-e', ${JSON.stringify(childCode)}], {})\n`,
  )
  return spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), [script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('childSet', () => {
  it('exits non-zero when a child stops on its own, even one that exits 0', () => {
    const run = runWithChild('process.exit(0)')
    expect(run.stderr).toContain('[child] exited (0); stopping everything')
    expect(run.status).toBe(1)
  }, 70_000)

  it('passes the child output through with its label', () => {
    const run = runWithChild("console.log('hello from the child'); process.exit(3)")
    expect(run.stdout).toContain('[child] hello from the child')
    expect(run.stderr).toContain('[child] exited (3)')
    expect(run.status).toBe(1)
  }, 70_000)
})
