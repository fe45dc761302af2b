// Worker side of the raw replication floors: a Corestore replicated over its own Hyperswarm, with
// no Autobase or Hyperbee on top. One connection carries every core the parent asks for, so the
// slow first connection on these machines is paid once.
import Corestore from 'corestore'
import type Hypercore from 'hypercore'
import type Hyperswarm from 'hyperswarm'
import { createSwarm, dropIfSilent, type NetOptions } from '../lib/swarm.js'
import { poll } from '../lib/wait.js'

let store: Corestore | null = null
let swarm: Hyperswarm | null = null
const cores = new Map<string, Hypercore>()

function need (): Corestore {
  if (!store) throw new Error('core peer not opened')
  return store
}

export const coreHandlers = {
  async 'core.open' (args: { storage: string, net: NetOptions }): Promise<null> {
    store = new Corestore(args.storage)
    await store.ready()
    swarm = createSwarm(args.net)
    swarm.on('connection', (conn: Hyperswarm.Connection) => {
      conn.on('error', () => {})
      need().replicate(conn)
      dropIfSilent(conn)
    })
    return null
  },

  /** Announce first, then look up: two swarms joining at the same instant sometimes never meet. */
  async 'core.announce' (args: { topic: string }): Promise<null> {
    await swarm!.join(Buffer.from(args.topic, 'hex'), { server: true, client: false }).flushed()
    return null
  },

  async 'core.lookup' (args: { topic: string }): Promise<null> {
    swarm!.join(Buffer.from(args.topic, 'hex'), { server: false, client: true })
    return null
  },

  /** Writes `blocks` blocks of `size` bytes to a new core; `size` large blocks are written in chunks. */
  async 'core.fill' (args: { name: string, blocks: number, size: number }): Promise<{ key: string, byteLength: number }> {
    const core = need().get({ name: args.name })
    await core.ready()
    const block = Buffer.alloc(args.size, 0x61)
    const chunk = Math.max(1, Math.floor((1 << 20) / args.size))
    for (let i = 0; i < args.blocks; i += chunk) {
      const n = Math.min(chunk, args.blocks - i)
      await core.append(Array.from({ length: n }, () => block))
    }
    cores.set(core.key.toString('hex'), core)
    return { key: core.key.toString('hex'), byteLength: core.byteLength }
  },

  /**
   * Opens a remote core by key, waits until a peer for it has answered (the connection carries
   * data), then downloads every block. Times only the download, as the product figures time only
   * what happens after their peers answer.
   */
  async 'core.download' (args: { key: string, blocks: number, ms: number }): Promise<{ waitPeerMs: number, ms: number, byteLength: number, cpuMs: number }> {
    const t0 = Date.now()
    const core = need().get({ key: Buffer.from(args.key, 'hex') })
    await core.ready()
    cores.set(args.key, core)
    await poll(() => core.peers.length > 0, args.ms, 'a replication peer')
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    await core.update({ wait: true })
    const range = core.download({ start: 0, end: args.blocks })
    await Promise.race([
      range.done(),
      new Promise((_resolve, reject) => setTimeout(() => reject(new Error('download timed out')), args.ms).unref())
    ])
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    const used = process.cpuUsage(cpu)
    if (core.contiguousLength < args.blocks) throw new Error(`downloaded ${core.contiguousLength} of ${args.blocks} blocks`)
    return { waitPeerMs: Date.now() - t0 - ms, ms, byteLength: core.byteLength, cpuMs: (used.user + used.system) / 1000 }
  }
}

export async function closeCores (): Promise<void> {
  if (swarm) await swarm.destroy()
  for (const core of cores.values()) await core.close()
  cores.clear()
  if (store) await store.close()
  swarm = null
  store = null
}
