// Shared helpers for the Autobase experiments in this folder (research code: run them with
// `node bench/experiments/<name>.mjs`; what they found is in docs/autobase.md).
//
// Peers are real Autobases on real Corestores (RocksDB in a temporary folder), connected in
// one process by real replication streams (`base.replicate()`: Corestore replication plus
// Autobase's wakeup protocol), so a link can be cut and restored at will. No DHT: the
// questions here are about Autobase, not the network.
import Autobase from 'autobase'
import Corestore from 'corestore'
import Hyperbee from 'hyperbee'
import b4a from 'b4a'
import fs from 'fs'
import os from 'os'
import path from 'path'

export { Autobase, Corestore, Hyperbee, b4a }

const dirs = []

export function tmpdir (name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-abx-' + name + '-'))
  dirs.push(dir)
  return dir
}

export function cleanup () {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

export const hex = (key) => b4a.toString(key, 'hex')
export const short = (key) => hex(key).slice(0, 6)

export function enc (op) { return b4a.from(JSON.stringify(op)) }

function decode (value) {
  try { return JSON.parse(b4a.toString(value)) } catch { return null }
}

/**
 * A small deterministic apply: `msg` puts a message under a counter kept in the view;
 * `add` / `remove` change the writer set (from anyone: the experiments are about Autobase,
 * not about permissions). A remove that Autobase refuses is recorded, never thrown. `join`,
 * appended optimistically by a key that is not a writer yet, adds it as a non-indexer. `fork`
 * calls `host.fork(indexers, system)` and records whether Autobase accepted it.
 */
export async function apply (nodes, view, host) {
  const b = view.batch()
  const countNode = await b.get('meta/count')
  let count = countNode ? countNode.value : 0
  for (const node of nodes) {
    if (node.value === null) continue
    const op = decode(node.value)
    if (op === null) continue
    if (op.type === 'join') {
      // As LinkUp's member-joined: an optimistic block from a key that is not yet a writer.
      await host.ackWriter(node.from.key)
      await host.addWriter(node.from.key, { indexer: false })
      continue
    }
    if (node.optimistic) continue
    if (op.type === 'msg') {
      await b.put('msg/' + String(count++).padStart(12, '0'), { from: hex(node.from.key), text: op.text })
    } else if (op.type === 'add') {
      await host.addWriter(b4a.from(op.key, 'hex'), { indexer: op.indexer === true })
    } else if (op.type === 'fork') {
      // Autobase's escape hatch: move to a new indexer set from a state this peer has indexed.
      const ok = await host.fork(op.indexers.map(k => b4a.from(k, 'hex')), { key: b4a.from(op.system.key, 'hex'), length: op.system.length })
      await b.put('fork/' + hex(node.from.key) + '/' + node.length, { ok })
    } else if (op.type === 'remove') {
      const key = b4a.from(op.key, 'hex')
      if (host.removeable(key)) await host.removeWriter(key)
      else await b.put('refused/' + op.key, { why: 'not removeable (last indexer)' })
    }
  }
  await b.put('meta/count', count)
  await b.flush()
}

export function open (store) {
  return new Hyperbee(store.get('view'), { keyEncoding: 'utf-8', valueEncoding: 'json', extension: false })
}

/** A peer: a store in its own folder and a base on it (LinkUp's options unless overridden). */
export async function createPeer (name, bootstrap, opts = {}) {
  const dir = opts.dir || tmpdir(name)
  const store = new Corestore(dir)
  const peer = { name, dir, store, base: null, links: new Set(), ff: [], applied: 0 }
  const base = new Autobase(store, bootstrap, {
    open,
    // Counts the blocks this peer applied itself: a fast-forward skips applying history.
    apply: (nodes, view, host) => { peer.applied += nodes.length; return apply(nodes, view, host) },
    valueEncoding: 'binary',
    ackInterval: 1000,
    // SIGN_INTERVAL=ms runs any experiment with the signInterval patch on (patches/README.md).
    signInterval: Number(process.env.SIGN_INTERVAL || 0),
    ...opts.base
  })
  peer.base = base
  base.on('fast-forward', (to, from) => peer.ff.push({ to, from }))
  base.on('error', (err) => console.error(name, 'error', err))
  await base.ready()
  return peer
}

/** Reopens a peer from its folder (the same keys: a device coming back). */
export async function reopen (peer, opts = {}) {
  return createPeer(peer.name, null, { ...opts, dir: peer.dir })
}

/**
 * Connects two peers with a pair of replication streams; `link.cut()` cuts them. With
 * `latency` (ms, or env LATENCY) every chunk is delivered that much later, in order, as
 * between two processes on a loaded machine.
 */
export function link (a, b, latency = Number(process.env.LATENCY || 0)) {
  const s1 = a.base.replicate(true)
  const s2 = b.base.replicate(false)
  s1.on('error', () => {})
  s2.on('error', () => {})
  if (latency > 0) {
    delayed(s1, s2, latency)
    delayed(s2, s1, latency)
  } else {
    s1.pipe(s2).pipe(s1)
  }
  const l = { a, b, cut () { s1.destroy(); s2.destroy(); a.links.delete(l); b.links.delete(l) } }
  a.links.add(l)
  b.links.add(l)
  return l
}

function delayed (from, to, ms) {
  from.on('data', (chunk) => setTimeout(() => { if (!to.destroyed) to.write(chunk) }, ms))
  from.on('close', () => setTimeout(() => to.destroy(), ms))
}

/** Every pair connected (a full mesh, as peers in one room on a swarm are). */
export function mesh (peers) {
  for (let i = 0; i < peers.length; i++) {
    for (let j = i + 1; j < peers.length; j++) link(peers[i], peers[j])
  }
}

/** An owner's new base and a peer on it for each of `others` (by name), all linked: a room of them. */
export async function createRoomOf (...others) {
  const owner = await createPeer('owner', null)
  const peers = [owner]
  for (const name of others) peers.push(await createPeer(name, owner.base.key))
  mesh(peers)
  return peers
}

/** Cuts every link of a peer (it is offline; its storage stays). */
export function offline (peer) {
  for (const l of [...peer.links]) l.cut()
}

/** A peer goes away: offline and closed. */
export async function shutdown (peer) {
  offline(peer)
  await peer.base.close()
  await peer.store.close()
}

export async function send (peer, text) {
  await peer.base.append(enc({ type: 'msg', text }))
}

export async function count (peer) {
  const node = await peer.base.view.get('meta/count')
  return node ? node.value : 0
}

export function sleep (ms) { return new Promise(resolve => setTimeout(resolve, ms)) }

/** Polls `fn` until it is truthy; returns the ms it took or null after `timeout` ms. */
export async function waitFor (fn, timeout = 20_000, every = 25) {
  const start = Date.now()
  while (true) {
    if (await fn()) return Date.now() - start
    if (Date.now() - start > timeout) return null
    await sleep(every)
  }
}

/** Appends an op (add / remove / fork ...) from this peer. */
export async function op (peer, value) {
  await peer.base.append(enc(value))
}

/** Has this peer's signed view caught up with everything it has? */
export function signedUp (peer) {
  return peer.base.signedLength === peer.base.length
}

/** One line of a peer's signing state. */
export function state (peer) {
  const b = peer.base
  return `${peer.name}: length=${b.length} signed=${b.signedLength} indexers=${b.linearizer ? b.linearizer.indexers.length : '?'} isIndexer=${b.isIndexer} writable=${b.writable}`
}

/** The keys (short) of the base's current indexers, in the base's own order. */
export function indexers (peer) {
  return peer.base.linearizer.indexers.map(w => short(w.core.key)).join(',')
}

export function fully (peers) {
  return () => peers.every(p => p.base.signedLength === p.base.length && p.base.length === peers[0].base.length)
}

export function report (title, rows) {
  console.log('\n## ' + title)
  for (const row of rows) console.log('  ' + row)
}
