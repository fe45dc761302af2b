// File transfer speed: a file posted by one LinkUp peer and read (streamed) by another, next to
// the raw floor measured in the same run: a plain Hypercore of the same bytes in 64 KiB blocks
// (Hyperblobs' block size) replicated between two Corestores over their own Hyperswarms on the
// same local testnet. Both pairs live in this one process; timing starts once peers are
// connected and the file's message has arrived, so only the transfer is measured.
//   node dist/bench/files.js [MB] [ROUNDS]     (default 50 MB, 3 rounds)
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import createTestnet from 'hyperdht/testnet.js'
import Corestore from 'corestore'
import HyperDHT from 'hyperdht'
import Hyperswarm from 'hyperswarm'
import { Client } from '../src/index.js'

const BLOCK = 64 * 1024

export interface Rate { bytes: number, ms: number, mbPerSecond: number }
export interface FileBench { product: Rate, floor: Rate, ratio: number }

const rate = (bytes: number, ms: number): Rate => ({ bytes, ms, mbPerSecond: bytes / (1024 * 1024) / (ms / 1000) })

async function until (fn: () => boolean | Promise<boolean>, what: string, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

/** LinkUp: alice sends the bytes, bob streams them back out of alice's drive. */
export async function productTransfer (data: Buffer, bootstrap: string[], dir: string): Promise<Rate> {
  const mk = async (name: string): Promise<Client> => {
    const c = new Client({ storage: path.join(dir, name), bootstrap, dhtHost: '127.0.0.1', maxFileBytes: data.byteLength })
    await c.ready()
    await c.setProfile({ name })
    return c
  }
  const alice = await mk('alice')
  const bob = await mk('bob')
  try {
    const room = await alice.createRoom('bench')
    const bobRoom = await bob.joinRoom(await room.createInvite())
    const sent = await room.sendFile('bench.bin', data)
    await until(async () => (await bobRoom.message(sent.id)) !== null, 'the file message')
    const message = await bobRoom.message(sent.id)
    if (message === null) throw new Error('bench: message vanished')
    const started = performance.now()
    const hash = crypto.createHash('sha256')
    let bytes = 0
    for await (const chunk of await bobRoom.createFileStream(message, { timeout: 30_000 })) {
      bytes += (chunk as Buffer).byteLength
      hash.update(chunk as Buffer)
    }
    const ms = performance.now() - started
    if (bytes !== data.byteLength || !hash.digest().equals(crypto.createHash('sha256').update(data).digest())) {
      throw new Error('bench: the file arrived different')
    }
    return rate(bytes, ms)
  } finally {
    await bob.close()
    await alice.close()
  }
}

/** The floor: the same bytes in one Hypercore, replicated to a second store and downloaded. */
export async function rawTransfer (data: Buffer, bootstrap: string[], dir: string): Promise<Rate> {
  const peers = ['w', 'r'].map((name) => {
    const store = new Corestore(path.join(dir, 'raw-' + name))
    const dht = new HyperDHT({ bootstrap, host: '127.0.0.1' })
    const swarm = new Hyperswarm({ dht })
    swarm.on('connection', (conn: unknown) => store.replicate(conn))
    return { store, swarm }
  })
  const [w, r] = peers as [typeof peers[0], typeof peers[0]]
  try {
    const writer = w.store.get({ name: 'floor' })
    await writer.ready()
    const blocks: Buffer[] = []
    for (let i = 0; i < data.byteLength; i += BLOCK) blocks.push(data.subarray(i, i + BLOCK))
    for (let i = 0; i < blocks.length; i += 256) await writer.append(blocks.slice(i, i + 256))
    const reader = r.store.get({ key: writer.key })
    await reader.ready()
    await w.swarm.join(writer.discoveryKey, { server: true, client: true }).flushed()
    r.swarm.join(writer.discoveryKey, { server: true, client: true })
    await until(() => reader.peers.length > 0, 'the raw peers to connect')
    await reader.update({ wait: true })
    const started = performance.now()
    const hash = crypto.createHash('sha256')
    // Fetch every block in parallel (as Hyperblobs' read stream prefetches), then read them out.
    await reader.download({ start: 0, end: reader.length }).done()
    for await (const block of reader.createReadStream({ start: 0, end: reader.length })) hash.update(block as Buffer)
    const ms = performance.now() - started
    if (!hash.digest().equals(crypto.createHash('sha256').update(data).digest())) throw new Error('bench: raw bytes differ')
    return rate(data.byteLength, ms)
  } finally {
    for (const p of peers) await p.swarm.destroy()
    for (const p of peers) await p.store.close()
  }
}

/**
 * Both measurements on a fresh local testnet with `mb` megabytes of random bytes, `rounds`
 * times, alternating which goes first; each figure is the best round (the machine is shared,
 * so the best round is the one least disturbed), and every round is kept in `samples`.
 */
export async function measureFiles (mb = 50, rounds = 3): Promise<FileBench & { samples: Array<{ product: Rate, floor: Rate }> }> {
  const testnet = await createTestnet(3, { host: '127.0.0.1' })
  const bootstrap = testnet.bootstrap.map(b => `${b.host}:${b.port}`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-bench-files-'))
  try {
    const data = crypto.randomBytes(mb * 1024 * 1024)
    const samples: Array<{ product: Rate, floor: Rate }> = []
    for (let i = 0; i < rounds; i++) {
      const round = path.join(dir, String(i))
      if (i % 2 === 0) {
        const floor = await rawTransfer(data, bootstrap, round)
        samples.push({ floor, product: await productTransfer(data, bootstrap, round) })
      } else {
        const product = await productTransfer(data, bootstrap, round)
        samples.push({ product, floor: await rawTransfer(data, bootstrap, round) })
      }
    }
    const best = (pick: (s: { product: Rate, floor: Rate }) => Rate): Rate =>
      samples.map(pick).reduce((a, b) => (b.mbPerSecond > a.mbPerSecond ? b : a))
    const product = best(s => s.product)
    const floor = best(s => s.floor)
    return { product, floor, ratio: product.mbPerSecond / floor.mbPerSecond, samples }
  } finally {
    await testnet.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const mb = Number(process.argv[2] ?? 50)
  const rounds = Number(process.argv[3] ?? 3)
  const result = await measureFiles(mb, rounds)
  const f = (r: Rate): string => `${r.mbPerSecond.toFixed(1)} MB/s (${(r.ms / 1000).toFixed(2)} s)`
  for (const [i, s] of result.samples.entries()) console.log(`  round ${i + 1}: LinkUp ${f(s.product)}, raw ${f(s.floor)}`)
  console.log(`file transfer, ${mb} MB, two peers on loopback, best of ${rounds}: LinkUp ${f(result.product)}; raw Hypercore ${f(result.floor)}; ratio ${result.ratio.toFixed(2)}`)
}
