import { spawnSync } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { busyPortMessage, busyPorts, portTaken } from './port-check.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')
const servers: Server[] = []

/** Occupies a free port on 127.0.0.1 for the rest of the test. */
async function occupy(): Promise<number> {
  const server = createServer()
  servers.push(server)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** A port that nothing listens on (taken, then released). */
async function freePort(): Promise<number> {
  const port = await occupy()
  await new Promise<void>((done) => servers.pop()?.close(() => done()))
  return port
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))))
})

describe('busyPorts', () => {
  it('names the taken port and its variable, and passes a free one', async () => {
    const taken = await occupy()
    const free = await freePort()
    expect(await portTaken(taken, '127.0.0.1')).toBe(true)
    expect(await portTaken(free, '127.0.0.1')).toBe(false)
    const busy = await busyPorts([
      { variable: 'EDGE_PORT', port: taken, hosts: ['127.0.0.1'] },
      { variable: 'WEB_PORT', port: free, hosts: ['127.0.0.1', '::1'] },
    ])
    expect(busy.map((n) => n.variable)).toEqual(['EDGE_PORT'])
    const message = busyPortMessage(busy)
    expect(message).toContain(`port ${taken} is already in use`)
    expect(message).toContain('EDGE_PORT=<port> npm start')
  })

  it('npm start refuses a busy EDGE_PORT at once, says which, and exits non-zero', async () => {
    const taken = await occupy()
    const web = await freePort()
    // As package.json's "start" runs it.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'edge/dev/start.ts', '--no-seed'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, EDGE_PORT: String(taken), WEB_PORT: String(web) },
      timeout: 60_000,
    })
    expect(run.status).not.toBe(0)
    expect(run.status).not.toBeNull()
    expect(run.stderr).toContain(`port ${taken} is already in use (EDGE_PORT)`)
    // Nothing was started: wrangler and Vite would have printed their own lines.
    expect(run.stdout).not.toContain('[edge]')
    expect(run.stdout).not.toContain('[web]')
  }, 70_000)
})
