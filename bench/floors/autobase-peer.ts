// Worker side of the stack's own floor for latency: a bare Autobase, opened as LinkUp opens a
// room (binary blocks, ackInterval, one shared ProtomuxWakeup, the store replicated on every
// connection) but with the smallest real projection: one Hyperbee view, one put per block, no
// validation, no reader. A writes; B is a reader of A's base and reports each block once its
// view holds it (one get after the base's 'update', as an app reads its view). `signInterval`
// picks the signing path: 0 is Autobase's own (the owner signs and commits a checkpoint in every
// block), > 0 our patch's bounded rate (patches/README.md), as LinkUp opens a room.
import Autobase from 'autobase'
import Corestore from 'corestore'
import Hyperbee from 'hyperbee'
import ProtomuxWakeup from 'protomux-wakeup'
import type Hyperswarm from 'hyperswarm'
import { createSwarm, dropIfSilent, type NetOptions } from '../lib/swarm.js'
import { emit } from '../lib/ipc.js'
import { now } from '../lib/stats.js'
import { until } from '../lib/wait.js'

interface Peer { store: Corestore, swarm: Hyperswarm, wakeup: ProtomuxWakeup, base: Autobase<Hyperbee> }

let peer: Peer | null = null
let expected = 0

const key = (i: number): string => 'm/' + i.toString().padStart(12, '0')

function openBase (store: Corestore, wakeup: ProtomuxWakeup, bootstrap: Buffer | null, signInterval: number): Autobase<Hyperbee> {
  return new Autobase<Hyperbee>(store.namespace('bare'), bootstrap, {
    open: (s) => new Hyperbee(s.get({ name: 'view' }), { keyEncoding: 'utf-8', valueEncoding: 'binary', extension: false }),
    // The block's first 12 bytes are its index: one put per block, nothing else.
    apply: async (nodes, view) => {
      const batch = view.batch()
      for (const node of nodes) if (node.value !== null) await batch.put(key(Number(node.value.subarray(0, 12).toString())), node.value)
      await batch.flush()
    },
    ackInterval: 1000,
    signInterval,
    valueEncoding: 'binary',
    wakeup
  })
}

function need (): Peer {
  if (peer === null) throw new Error('bare base not opened')
  return peer
}

export const autobaseHandlers = {
  /** Opens the store, the swarm and the base (a new one, or A's by key) and joins its topic. */
  async 'base.open' (args: { storage: string, net: NetOptions, key: string | null, signInterval: number }): Promise<{ key: string }> {
    const store = new Corestore(args.storage)
    const wakeup = new ProtomuxWakeup()
    const base = openBase(store, wakeup, args.key === null ? null : Buffer.from(args.key, 'hex'), args.signInterval)
    await base.ready()
    const swarm = createSwarm(args.net)
    swarm.on('connection', (conn: Hyperswarm.Connection) => {
      conn.on('error', () => {})
      store.replicate(conn)
      wakeup.addStream(conn)
      dropIfSilent(conn)
    })
    peer = { store, swarm, wakeup, base }
    // Announce first on A, then look up on B: two swarms joining at once sometimes never meet.
    if (args.key === null) await swarm.join(base.discoveryKey, { server: true, client: false }).flushed()
    else swarm.join(base.discoveryKey, { server: false, client: true })
    return { key: base.key.toString('hex') }
  },

  /** B: resolves once its view holds A's block `i` (so the peers answer each other). */
  async 'base.synced' (args: { i: number, ms: number }): Promise<null> {
    const { base } = need()
    await until(base, ['update'], async () => (await base.view.get(key(args.i))) !== null, args.ms, 'the bare base to sync')
    return null
  },

  /** B: from now on, report each block as its view gets it, in order. */
  async 'base.listen' (args: { from: number }): Promise<null> {
    const { base } = need()
    expected = args.from
    let reading = false
    const read = async (): Promise<void> => {
      if (reading) return
      reading = true
      try {
        while ((await base.view.get(key(expected))) !== null) emit('base-recv', { i: expected++, at: now() })
      } finally {
        reading = false
      }
    }
    base.on('update', () => { read().catch((err) => console.error('bare base read:', err)) })
    return null
  },

  async 'base.close' (): Promise<null> {
    await closeAutobase()
    return null
  },

  /** A: appends block `i`; `at` is stamped before the append. */
  async 'base.send' (args: { i: number, size: number }): Promise<{ at: string }> {
    const at = now()
    const head = args.i.toString().padStart(12, '0')
    await need().base.append(Buffer.from(head + 'x'.repeat(Math.max(0, args.size - head.length))))
    return { at }
  }
}

export async function closeAutobase (): Promise<void> {
  if (peer === null) return
  const { swarm, base, wakeup, store } = peer
  peer = null
  await swarm.destroy()
  await base.close()
  wakeup.destroy()
  await store.close()
}
