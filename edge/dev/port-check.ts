// Before `npm start` spawns anything: are the ports it needs free? A busy port otherwise surfaces as a
// workerd stack dump and a two-minute wait, so it is checked up front and named with the variable to change.
import { createServer } from 'node:net'

export interface PortNeed {
  /** The environment variable that chooses this port (EDGE_PORT, WEB_PORT). */
  variable: string
  port: number
  /** Addresses the process will listen on; the port is busy if any of them is taken. */
  hosts: readonly string[]
}

/** Whether something already listens on `host:port` (an address this machine lacks counts as free). */
export function portTaken(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'),
    )
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)))
  })
}

/** The needs whose port is taken on any of their hosts. */
export async function busyPorts(needs: readonly PortNeed[]): Promise<PortNeed[]> {
  const taken = await Promise.all(
    needs.map(async (n) => (await Promise.all(n.hosts.map((h) => portTaken(n.port, h)))).some(Boolean)),
  )
  return needs.filter((_, i) => taken[i])
}

/** One line per busy port: which one, and how to pick another. */
export function busyPortMessage(busy: readonly PortNeed[]): string {
  return busy
    .map(
      (n) =>
        `port ${n.port} is already in use (${n.variable}); stop what listens there ` +
        `(\`ss -ltnp 'sport = :${n.port}'\` shows it) or choose another: ${n.variable}=<port> npm start`,
    )
    .join('\n')
}
