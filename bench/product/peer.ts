// Worker side of the product figures: one LinkUp Client (the real SDK) per worker process.
// Live messages are reported to the parent only when asked (latency); bulk figures wait inside
// the worker for the ids they expect, so IPC never sits on the measured path.
import crypto from 'node:crypto'
import { Client, type Room, type Message } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'
import type { NetOptions } from '../lib/swarm.js'
import { emit } from '../lib/ipc.js'
import { now } from '../lib/stats.js'
import { cpuMs, rssMiB } from '../lib/memory.js'
import { until, poll } from '../lib/wait.js'
import { body } from '../lib/latency.js'
import { nameCores } from '../lib/diag.js'
import hypercoreCrypto from 'hypercore-crypto'
import { readUser } from '../../views/profiles-reads.js'
import { traceRoom } from './peer-trace.js'

let client: Client | null = null
/** Rooms whose messages are reported live to the parent (latency), by room id → tag. */
const live = new Map<string, string>()

/**
 * Messages a figure waits for, counted as the SDK emits them (each one read from the view and
 * decoded, as a user would see it). Kept across client restarts, so register before reopening.
 */
interface Expectation { room: string, tag: string, count: number, ids: Set<string>, at: string | null, done: () => void }
const expectations = new Set<Expectation>()
const pendingExpect = new Map<string, { e: Expectation, arrived: Promise<void> }>()

function count (roomId: string, m: Message): void {
  if (m.text === undefined) return
  for (const e of expectations) {
    if (e.room !== roomId || e.at !== null || !m.text.startsWith(e.tag)) continue
    e.ids.add(m.id)
    if (e.ids.size >= e.count) { e.at = now(); e.done() }
  }
}

/** Makes `c` this worker's client (a figure that opens its own, e.g. to time a join). */
export function useClient (c: Client): void {
  client = c
  for (const r of c.rooms) watch(r)
  c.on('room', watch)
}

export function need (): Client {
  if (client === null) throw new Error('client not open')
  return client
}

export function room (id: string): Room {
  const r = need().room(id)
  if (r === undefined) throw new Error(`no room ${id.slice(0, 8)}`)
  return r
}

/** When each room's base last emitted 'update' (its view changed), for the latency breakdown. */
const lastUpdate = new Map<string, string>()

function watch (r: Room): void {
  traceRoom(r)
  roomInternals(r).base.on('update', () => lastUpdate.set(r.id, now()))
  r.on('message', (m: Message) => {
    count(r.id, m)
    const tag = live.get(r.id)
    if (tag === undefined || m.text === undefined || !m.text.startsWith(tag + ' ')) return
    emit('sdk-msg', { room: r.id, i: Number(m.text.split(' ')[1]), id: m.id, at: now(), updateAt: lastUpdate.get(r.id) ?? null })
  })
}

async function hasAll (r: Room, ids: string[]): Promise<boolean> {
  for (const id of ids) if (await r.message(id) === null) return false
  return true
}

// Diagnosis (LINKUP_BENCH_DIAG=1): wire messages are counted per core, named from the rooms
// (refreshed by 'sdk.nameCores', since members' keys are read from the view).
const coreNames = new Map<string, string>()
nameCores((discoveryKey) => coreNames.get(discoveryKey))

async function refreshCoreNames (): Promise<void> {
  const dk = (key: Buffer | string): string => hypercoreCrypto.discoveryKey(typeof key === 'string' ? Buffer.from(key, 'hex') : key).toString('hex')
  for (const r of client?.rooms ?? []) {
    const base = roomInternals(r).base as unknown as { key: Buffer, core: { discoveryKey: Buffer }, view: { core: { discoveryKey: Buffer } } }
    for (const m of await r.members()) {
      const who = m.key === r.id || m.role === 'owner' ? 'owner' : 'member'
      const mine = m.key === r.identityKey
      // A person's cores are their devices' writers (docs/architecture.md §16.2); a member with no binding is its writer.
      for (const w of m.devices.length > 0 ? m.devices.map(d => d.writer) : [m.key]) coreNames.set(dk(w), mine ? `own writer (${who})` : `${who}'s writer`)
      const drive = (await readUser(roomInternals(r).base.view, m.key))?.drive
      if (drive !== undefined) coreNames.set(dk(drive), mine ? 'own drive' : `${who}'s drive`)
    }
    coreNames.set(base.core.discoveryKey.toString('hex'), 'system')
    coreNames.set(base.view.core.discoveryKey.toString('hex'), 'view')
  }
}

export const productHandlers = {
  async 'sdk.nameCores' (): Promise<null> {
    await refreshCoreNames()
    return null
  },

  async 'sdk.open' (args: { storage: string, net: NetOptions, name: string, joinTimeout: number, encryptRooms?: boolean, seeders?: string[] }): Promise<{ ms: number, rooms: string[] }> {
    const start = process.hrtime.bigint()
    client = new Client({
      storage: args.storage,
      bootstrap: args.net.bootstrap,
      dhtHost: args.net.host,
      joinTimeout: args.joinTimeout,
      ...(args.encryptRooms === undefined ? {} : { encryptRooms: args.encryptRooms }),
      ...(args.seeders === undefined ? {} : { seeders: args.seeders })
    })
    await client.ready()
    await client.roomsOpened() // the figures measure rooms that are open (the rooms figure times their opening)
    for (const r of client.rooms) watch(r)
    client.on('room', watch)
    if (client.profile === null) await client.setProfile({ name: args.name })
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, rooms: client.rooms.map((r) => r.id) }
  },

  async 'sdk.close' (): Promise<null> {
    await client?.close()
    client = null
    return null
  },

  async 'sdk.create' (args: { alias: string }): Promise<{ id: string, invite: string, writer: string }> {
    const r = await need().createRoom(args.alias)
    return { id: r.id, invite: await r.createInvite(), writer: r.writerKey }
  },

  async 'sdk.invite' (args: { room: string }): Promise<string> {
    return room(args.room).createInvite()
  },

  /**
   * Joins with an invite. Retries a refusal for INVITE_UNKNOWN: a joiner that syncs from a member
   * who has the room's first events but not yet the invite is refused too early (reported to the
   * lead); the retries are counted and returned, never hidden.
   */
  async 'sdk.join' (args: { invite: string, retries?: number }): Promise<{ id: string, writer: string, retried: number }> {
    for (let retried = 0; ; retried++) {
      try {
        const r = await need().joinRoom(args.invite)
        return { id: r.id, writer: r.writerKey, retried }
      } catch (err) {
        if ((err as { code?: string }).code !== 'INVITE_UNKNOWN' || retried >= (args.retries ?? 3)) throw err
      }
    }
  },

  /** Resolves when at least `n` peers in the room have answered; `at` is when. */
  async 'sdk.peers' (args: { room: string, n: number, ms: number }): Promise<{ at: string, peers: number }> {
    const r = room(args.room)
    await until(r, ['status'], () => r.peers >= args.n, args.ms, `${args.n} peers`)
    return { at: now(), peers: r.peers }
  },

  /** Resolves when this view lists at least `n` members and this device can write. */
  async 'sdk.members' (args: { room: string, n: number, ms: number }): Promise<{ members: number }> {
    const r = room(args.room)
    let members = 0
    await until(roomInternals(r).base, ['update'], async () => {
      members = (await r.members()).length
      return members >= args.n && r.writable
    }, args.ms, `${args.n} members`)
    return { members }
  },

  /** Resolves when a seeder holds every block this device wrote in the room (status.kept). */
  async 'sdk.kept' (args: { room: string, ms: number }): Promise<{ at: string }> {
    const r = room(args.room)
    await poll(() => r.status.kept, args.ms, 'a seeder holding all of our blocks', 20)
    return { at: now() }
  },

  /** Resolves when everything in this device's view is signed by the owner (indexer). */
  async 'sdk.signed' (args: { room: string, ms: number }): Promise<null> {
    const r = room(args.room)
    await poll(() => r.status.signed, args.ms, 'a signed view', 20)
    return null
  },

  async 'sdk.live' (args: { room: string, tag: string | null }): Promise<null> {
    if (args.tag === null) live.delete(args.room)
    else live.set(args.room, args.tag)
    return null
  },

  async 'sdk.send' (args: { room: string, text: string }): Promise<{ at: string, doneAt: string, id: string }> {
    const r = room(args.room)
    const at = now()
    const m = await r.send(args.text)
    return { at, doneAt: now(), id: m.id }
  },

  /**
   * Sends `count` messages with up to `window` in flight; returns timings, and what they took in
   * the writer's core: bytes per message and blocks (group commit packs texts sent together).
   */
  async 'sdk.sendMany' (args: { room: string, tag: string, count: number, window: number }): Promise<{ start: string, end: string, cpuMs: number, bytesPerMessage: number, blocks: number }> {
    const r = room(args.room)
    const local = roomInternals(r).base.local
    const [bytes0, length0] = [local.byteLength, local.length]
    const cpu = process.cpuUsage()
    const start = now()
    let next = 0
    const lane = async (): Promise<void> => {
      while (next < args.count) await r.send(body(args.tag, next++))
    }
    await Promise.all(Array.from({ length: Math.max(1, args.window) }, lane))
    return { start, end: now(), cpuMs: cpuMs(cpu), bytesPerMessage: (local.byteLength - bytes0) / args.count, blocks: local.length - length0 }
  },

  /** Starts counting messages whose text starts with `tag` (call before they can arrive). */
  async 'sdk.expect' (args: { room: string, tag: string, count: number }): Promise<null> {
    let done = (): void => {}
    const e: Expectation = { ...args, ids: new Set(), at: null, done: () => done() }
    const arrived = new Promise<void>((resolve) => { done = resolve })
    expectations.add(e)
    pendingExpect.set(`${args.room}/${args.tag}`, { e, arrived })
    return null
  },

  /** Resolves when the expected messages have all been emitted; `at` is when the last one was. */
  async 'sdk.expected' (args: { room: string, tag: string, ms: number }): Promise<{ at: string, count: number }> {
    const p = pendingExpect.get(`${args.room}/${args.tag}`)
    if (p === undefined) throw new Error(`nothing expected for ${args.tag}`)
    try {
      await Promise.race([p.arrived, new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`${p.e.ids.size} of ${p.e.count} '${args.tag}' messages after ${args.ms} ms (room status ${JSON.stringify(client?.room(args.room)?.status ?? null)})`)), args.ms).unref())])
    } finally {
      expectations.delete(p.e)
      pendingExpect.delete(`${args.room}/${args.tag}`)
    }
    return { at: p.e.at as string, count: p.e.ids.size }
  },

  /** Resolves when every id is in this room's view (checked after each view update). */
  async 'sdk.waitIds' (args: { room: string, ids: string[], ms: number }): Promise<{ at: string, cpuMs: number }> {
    const r = room(args.room)
    const cpu = process.cpuUsage()
    await until(roomInternals(r).base, ['update'], () => hasAll(r, args.ids), args.ms, `${args.ids.length} ids in the view`)
    return { at: now(), cpuMs: cpuMs(cpu) }
  },

  /**
   * A digest of the newest `tail` messages in view order (the part a burst or merge can change);
   * `at` is taken after the read, so it bounds the moment of agreement from above.
   */
  async 'sdk.digest' (args: { room: string, tail: number }): Promise<{ at: string, digest: string, count: number }> {
    const view = roomInternals(room(args.room)).base.view.snapshot()
    const hash = crypto.createHash('sha256')
    let count = 0
    let at = ''
    try {
      for await (const { key, value } of view.createReadStream({ gt: 'msg/', lt: 'msg0', reverse: true, limit: args.tail })) {
        hash.update(key + '=' + (value as { id: string }).id + '\n')
        count++
      }
      at = now()
    } finally {
      await view.close()
    }
    return { at, digest: hash.digest('hex'), count }
  },

  /** Time to the first page of the first room, from a fresh Client (a restart), and RSS after. */
  async 'sdk.firstPage' (args: { storage: string, net: NetOptions, limit: number }): Promise<{ ms: number, readyMs: number, count: number, rssMiB: number }> {
    const start = process.hrtime.bigint()
    client = new Client({ storage: args.storage, bootstrap: args.net.bootstrap, dhtHost: args.net.host })
    await client.ready()
    const readyMs = Number(process.hrtime.bigint() - start) / 1e6
    const page = await need().rooms[0].messages({ limit: args.limit })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    return { ms, readyMs, count: page.length, rssMiB: rssMiB() }
  },

  /** Opens every room and reads its first page; RSS after. */
  async 'sdk.openAll' (args: { storage: string, net: NetOptions }): Promise<{ rooms: number, ms: number, rssMiB: number, heapMiB: number }> {
    const start = process.hrtime.bigint()
    client = new Client({ storage: args.storage, bootstrap: args.net.bootstrap, dhtHost: args.net.host })
    await client.ready()
    for (const r of client.rooms) await r.messages({ limit: 50 })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    return { rooms: client.rooms.length, ms, rssMiB: rssMiB(), heapMiB: process.memoryUsage().heapUsed / 2 ** 20 }
  }
}

export async function closeProduct (): Promise<void> {
  await client?.close()
  client = null
}
