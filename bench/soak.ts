// Soak: R rooms shared by P peers (Clients in this process) on a local testnet, chatting at a
// steady rate for minutes. Every window it records, after a full GC when node runs with
// --expose-gc: RSS and heap, messages sent and delivered, delivery latency (send() called →
// 'message' at each other member) and, as the raw floor measured in the same run, the peer
// channel's ping round trip. A leak shows as RSS or heap climbing window after window; a
// slowdown as latency (and its ratio to the floor) climbing.
//   npm run soak                   (20 rooms, 5 peers, 300 s)
//   SOAK_SECONDS=600 SOAK_ROOMS=20 SOAK_PEERS=5 SOAK_RATE=20 npm run soak
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startTestnet } from '../src/network/testnet.js'
import { Client, type Room } from '../src/index.js'
import { roomInternals } from '../src/room-internals.js'
import { rocksMemory, smapsRollup } from './lib/native-memory.js'

export interface SoakOptions { rooms: number, peers: number, seconds: number, rate: number, windowSeconds: number, log?: (line: string) => void }
export interface SoakWindow {
  t: number, sent: number, delivered: number, p50: number, p95: number, max: number, pingP50: number, rssMiB: number, heapMiB: number, unsignedMax: number
  /** Where the RSS is: anonymous memory (kernel), Node's external memory, and all peers' RocksDB memtables and block caches. */
  anonMiB: number, heapTotalMiB: number, externalMiB: number, memtablesMiB: number, blockCacheMiB: number
}
export interface SoakResult {
  windows: SoakWindow[]
  sent: number
  /** 'message' events at other members, and how many there should be. */
  delivered: number
  expected: number
  /** Sent messages missing from another member's view when the run ended (a sync failure). */
  missingInViews: number
  setupMs: number
  rooms: Room[][]
}

const gc = (globalThis as { gc?: () => void }).gc

function pct (xs: number[], p: number): number {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] as number
}

async function until (fn: () => boolean, what: string, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`soak: timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/** Opens the peers and rooms: room r is created by peer r % P and joined by all others. */
async function setup (opts: SoakOptions, bootstrap: string[], dir: string): Promise<{ clients: Client[], rooms: Room[][] }> {
  const clients: Client[] = []
  for (let i = 0; i < opts.peers; i++) {
    const c = new Client({ storage: path.join(dir, `peer${i}`), bootstrap, dhtHost: '127.0.0.1', joinTimeout: 120_000 })
    await c.ready()
    await c.setProfile({ name: `peer${i}` })
    clients.push(c)
  }
  const rooms: Room[][] = []
  for (let r = 0; r < opts.rooms; r++) {
    const owner = clients[r % opts.peers] as Client
    const room = await owner.createRoom(`soak ${r}`)
    const members = await Promise.all(clients.map(async (c) => c === owner ? room : c.joinRoom(await room.createInvite())))
    rooms.push(members)
  }
  return { clients, rooms }
}

export async function soak (opts: SoakOptions, bootstrap: string[], dir: string): Promise<SoakResult & { close: () => Promise<void> }> {
  const log = opts.log ?? (() => {})
  const t0 = Date.now()
  const { clients, rooms } = await setup(opts, bootstrap, dir)
  const setupMs = Date.now() - t0
  log(`soak: ${opts.rooms} rooms x ${opts.peers} peers ready in ${setupMs} ms`)
  const sentAt = new Map<string, number>()
  const sentIds: string[][] = rooms.map(() => [])
  let latencies: number[] = []
  let delivered = 0
  for (const members of rooms) {
    for (const room of members) {
      room.on('message', (m: { text?: string, author: { key: string } }) => {
        if (m.author.key === room.identityKey || m.text === undefined) return
        const at = sentAt.get(m.text)
        if (at === undefined) return
        latencies.push(Date.now() - at)
        delivered++
      })
    }
  }
  const windows: SoakWindow[] = []
  let sent = 0
  let inWindow = 0
  let n = 0
  const started = Date.now()
  let windowStart = started
  const interval = 1000 / opts.rate
  const sends: Array<Promise<unknown>> = []
  while (Date.now() - started < opts.seconds * 1000) {
    const members = rooms[n % opts.rooms] as Room[]
    const from = members[Math.floor(n / opts.rooms) % opts.peers] as Room
    const text = `soak ${n++}`
    sentAt.set(text, Date.now())
    const r = (n - 1) % opts.rooms
    sends.push(from.send(text).then((m) => { sent++; inWindow++; sentIds[r]?.push(m.id) }, (err: Error) => log(`soak: send failed: ${err.message}`)))
    if (sends.length > 200) await Promise.all(sends.splice(0))
    await new Promise(resolve => setTimeout(resolve, interval))
    if (Date.now() - windowStart >= opts.windowSeconds * 1000) {
      const pings = (await Promise.all(rooms.slice(0, 3).map(m => (m[0] as Room).ping()))).flat().map(p => p.rtt)
      gc?.()
      const mem = process.memoryUsage()
      const native = await nativeMemory(rooms)
      const w: SoakWindow = {
        t: Math.round((Date.now() - started) / 1000), sent: inWindow, delivered: latencies.length,
        p50: pct(latencies, 0.5), p95: pct(latencies, 0.95), max: pct(latencies, 1), pingP50: pct(pings, 0.5),
        rssMiB: Math.round(mem.rss / 2 ** 20), heapMiB: Math.round(mem.heapUsed / 2 ** 20),
        // the longest tail of history not yet signed by a room's owner, over all peers' rooms
        unsignedMax: Math.max(...rooms.flat().map(room => roomInternals(room).base.length - roomInternals(room).base.signedLength)),
        ...native, heapTotalMiB: mib(mem.heapTotal), externalMiB: mib(mem.external)
      }
      windows.push(w)
      log(`soak: ${JSON.stringify(w)}`)
      latencies = []
      inWindow = 0
      windowStart = Date.now()
    }
  }
  await Promise.all(sends)
  const expected = sent * (opts.peers - 1)
  await until(() => delivered >= expected, `${expected} deliveries`, 120_000).catch((err: Error) => log(`${err.message}: have ${delivered}`))
  let missingInViews = 0
  for (const [r, members] of rooms.entries()) {
    for (const room of members) {
      for (const id of sentIds[r] ?? []) if (await room.message(id) === null) missingInViews++
    }
  }
  const close = async (): Promise<void> => { for (const c of clients) await c.close() }
  return { windows, sent, delivered, expected, missingInViews, setupMs, rooms, close }
}

const mib = (bytes: number): number => Math.round(bytes / 2 ** 20)

/** Native memory: the process's anonymous memory, and every peer's RocksDB (one room per peer leads to its store). */
async function nativeMemory (rooms: Room[][]): Promise<Pick<SoakWindow, 'anonMiB' | 'memtablesMiB' | 'blockCacheMiB'>> {
  const smaps = await smapsRollup()
  let memtables = 0
  let blockCache = 0
  for (const room of rooms[0] ?? []) {
    const rocks = await rocksMemory(roomInternals(room).base.store.storage.db)
    memtables += rocks.memtables
    blockCache += rocks.blockCache
  }
  return { anonMiB: mib(smaps.Anonymous ?? 0), memtablesMiB: mib(memtables), blockCacheMiB: mib(blockCache) }
}

/** Mean of a field over the second quarter of the windows (after warm-up) and over the last quarter. */
export function drift (windows: SoakWindow[], field: keyof SoakWindow): { early: number, late: number } {
  const q = Math.max(1, Math.floor(windows.length / 4))
  const mean = (ws: SoakWindow[]): number => ws.reduce((a, w) => a + (w[field] as number), 0) / Math.max(1, ws.length)
  return { early: mean(windows.slice(q, 2 * q)), late: mean(windows.slice(-q)) }
}

async function main (): Promise<void> {
  const env = (k: string, d: number): number => Number(process.env[k] ?? d)
  const opts: SoakOptions = { rooms: env('SOAK_ROOMS', 20), peers: env('SOAK_PEERS', 5), seconds: env('SOAK_SECONDS', 300), rate: env('SOAK_RATE', 20), windowSeconds: env('SOAK_WINDOW', 15), log: console.log }
  if (gc === undefined) console.log('soak: run node with --expose-gc for steady memory readings')
  const testnet = await startTestnet({ host: '127.0.0.1' })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-soak-'))
  try {
    const result = await soak(opts, testnet.bootstrap, dir)
    const rss = drift(result.windows, 'rssMiB')
    const heap = drift(result.windows, 'heapMiB')
    const p95 = drift(result.windows, 'p95')
    const ping = drift(result.windows, 'pingP50')
    console.log(JSON.stringify({
      summary: { ...opts, log: undefined, setupMs: result.setupMs, sent: result.sent, delivered: result.delivered, expected: result.expected, missingInViews: result.missingInViews },
      rssMiB: rss, heapMiB: heap, latencyP95Ms: p95, pingP50Ms: ping,
      latencyToPingRatio: { early: p95.early / Math.max(1, ping.early), late: p95.late / Math.max(1, ping.late) }
    }, null, 2))
    await result.close()
  } finally {
    await testnet.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main().catch((err) => { console.error(err); process.exit(1) })
