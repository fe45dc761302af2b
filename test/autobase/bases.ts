// Bare Autobases for the tests of our Autobase patch (patches/autobase+7.28.1.patch): real
// bases on real Corestores in temporary folders, linked in one process by replication streams.
// The apply is the smallest that exercises what the patch touches: one Hyperbee put per
// message, `{ add, indexer }` to change the writer set, `{ join: true }` appended
// optimistically, as LinkUp's joiner does, and `{ fetch: key }`: the base whose writer is `key`
// reads a view block no peer has (as a sparse view does after a fast-forward, offline). Each base is closed after the test.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { onTestFinished } from 'vitest'
import { pipeline } from 'stream'
import Autobase from 'autobase'
import Corestore from 'corestore'
import Hyperbee from 'hyperbee'

export interface Peer {
  storage: string
  store: Corestore
  base: Autobase<Hyperbee>
  /** 'fast-forward' events seen, and blocks this peer applied itself. */
  fastForwards: number
  applied: number
  /** Reads of the view under way in its apply that wait on the network (`{ fetch }`). */
  fetching: number
  close: () => Promise<void>
}

type Op = { text: string } | { add: string, indexer: boolean } | { join: true } | { fetch: string }

export function encode (op: Op): Buffer {
  return Buffer.from(JSON.stringify(op))
}

async function apply (nodes: Autobase.Node[], view: Hyperbee, host: Autobase.Host, peer: Peer): Promise<void> {
  const batch = view.batch()
  for (const node of nodes) {
    if (node.value === null) continue
    const op = JSON.parse(node.value.toString()) as Partial<{ text: string, add: string, indexer: boolean, join: boolean, fetch: string }>
    if (typeof op.fetch === 'string') {
      if (op.fetch !== peer.base.local.key.toString('hex')) continue
      peer.fetching++
      try { await view.core.get(view.core.length + 1000) } finally { peer.fetching-- } // far past the end: a block only a peer could send
    } else if (op.join === true) {
      // As LinkUp's member-joined: an optimistic block from a key that is not a writer yet.
      await host.ackWriter(node.from.key)
      await host.addWriter(node.from.key, { indexer: false })
    } else if (node.optimistic) {
      continue
    } else if (typeof op.add === 'string') await host.addWriter(Buffer.from(op.add, 'hex'), { indexer: op.indexer === true })
    else await batch.put('msg/' + node.from.key.toString('hex') + '/' + String(node.length).padStart(8, '0'), op.text)
  }
  await batch.flush()
}

export function tmpStorage (name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linkup-ab-${name}-`))
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

export async function createBase (bootstrap: Buffer | null, opts: { signInterval?: number, pushWrites?: boolean, storage?: string, name?: string } = {}): Promise<Peer> {
  const storage = opts.storage ?? tmpStorage(opts.name ?? 'base')
  const store = new Corestore(storage)
  const peer: Peer = { storage, store, base: null as unknown as Autobase<Hyperbee>, fastForwards: 0, applied: 0, fetching: 0, close: async () => {} }
  const base = new Autobase<Hyperbee>(store, bootstrap, {
    open: (s) => new Hyperbee(s.get({ name: 'view' }), { keyEncoding: 'utf-8', valueEncoding: 'utf-8', extension: false }),
    apply: (nodes, view, host) => { peer.applied += nodes.length; return apply(nodes, view, host, peer) },
    valueEncoding: 'binary',
    ackInterval: 1000,
    optimistic: true,
    ...(opts.signInterval === undefined ? {} : { signInterval: opts.signInterval }),
    ...(opts.pushWrites === undefined ? {} : { pushWrites: opts.pushWrites })
  })
  base.on('fast-forward', () => { peer.fastForwards++ })
  peer.base = base
  let closed = false
  peer.close = async () => {
    if (closed) return
    closed = true
    await base.close()
    await store.close()
  }
  onTestFinished(() => peer.close())
  await base.ready()
  return peer
}

/** Links two peers with a pair of replication streams; returns a function that cuts them. */
export function replicate (a: Peer, b: Peer): () => void {
  const s1 = a.base.replicate(true) as unknown as NodeJS.ReadWriteStream & { destroy: () => void, on: (e: string, f: () => void) => void }
  const s2 = b.base.replicate(false) as unknown as NodeJS.ReadWriteStream & { destroy: () => void, on: (e: string, f: () => void) => void }
  s1.on('error', () => {})
  s2.on('error', () => {})
  s1.pipe(s2).pipe(s1)
  const cut = (): void => { s1.destroy(); s2.destroy() }
  onTestFinished(cut)
  return cut
}

/** How many of a writer core's blocks from `from` on carry a fresh system signature. */
export async function signedBlocks (core: Autobase<Hyperbee>['local'], from = 0): Promise<number> {
  let n = 0
  for (let i = from; i < core.length; i++) {
    const block = await core.get(i) as unknown as { checkpoint: { system: { checkpoint: unknown } | null } | null }
    if (block.checkpoint?.system?.checkpoint) n++
  }
  return n
}

export async function messages (peer: Peer): Promise<number> {
  let n = 0
  for await (const _ of peer.base.view.createReadStream({ gt: 'msg/', lt: 'msg0' })) n++
  return n
}

/** Two Corestores replicating with each other in this process (a initiates), until the test ends. */
export function replicateStores (a: Corestore, b: Corestore): void {
  const s1 = a.replicate(true) as unknown as NodeJS.ReadWriteStream
  const s2 = b.replicate(false) as unknown as NodeJS.ReadWriteStream
  pipeline(s1, s2, s1, () => {})
}

/** RocksDB read batches a Corestore has made so far (rocksdb-native's own count). */
export const readBatches = (store: Corestore): number => (store as unknown as { storage: { rocks: { _state: { stats: { readBatches: number } } } } }).storage.rocks._state.stats.readBatches
