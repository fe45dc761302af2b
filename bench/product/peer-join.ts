// Worker side of the join and rooms figures: a room filled fast with one message per block, a
// join timed to its first page, the background download of the view after it, and a node of
// many rooms opened to its first page.
import { Client, type Room } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'
import { encodeEvent } from '../../views/schema.js'
import { room, useClient } from './peer.js'
import type { NetOptions } from '../lib/swarm.js'
import { cpuMs, rssMiB } from '../lib/memory.js'
import { until } from '../lib/wait.js'
import { createRequire } from 'node:module'

// Every fast-forward a base in this process makes, by base key: a join that replayed history
// instead is a failure of the figure (Autobase emits the event on the base's prototype path).
const fastForwards = new Map<string, number>()
/** When each base first emitted each event (ns), for the join's phases. */
const firsts = new Map<string, Record<string, string>>()
{
  const Autobase = createRequire(import.meta.url)('autobase') as { prototype: { emit: (name: string, ...args: unknown[]) => boolean, key: Buffer } }
  const proto = Autobase.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const mark = (self: { key: Buffer | null }, name: string): void => {
    if (self.key === null) return
    const key = self.key.toString('hex')
    const seen = firsts.get(key) ?? {}
    seen[name] ??= process.hrtime.bigint().toString()
    firsts.set(key, seen)
  }
  for (const method of ['_runFastForward', '_applyFastForward']) {
    const fn = proto[method]
    proto[method] = async function (this: { key: Buffer | null }, ...args: unknown[]) {
      mark(this, method + ' start')
      try { return await fn.apply(this, args) } finally { mark(this, method + ' end') }
    }
  }
  const emit = Autobase.prototype.emit
  Autobase.prototype.emit = function (this: { key: Buffer | null }, name: string, ...args: unknown[]) {
    if (this.key !== null) {
      const key = this.key.toString('hex')
      if (name === 'fast-forward') fastForwards.set(key, (fastForwards.get(key) ?? 0) + 1)
      const seen = firsts.get(key) ?? {}
      seen[name] ??= process.hrtime.bigint().toString()
      firsts.set(key, seen)
    }
    return emit.call(this, name, ...args)
  }
}

export const joinHandlers = {
  /**
   * Appends `count` messages, each a block of its own as people send them one at a time (a v1
   * message-posted, never packed), `batch` blocks per append so that 100,000 take a minute.
   */
  async 'sdk.fill' (args: { room: string, count: number, batch: number, tag: string }): Promise<{ ms: number, blocks: number }> {
    const base = roomInternals(room(args.room)).base
    const start = process.hrtime.bigint()
    const before = base.local.length
    for (let i = 0; i < args.count; i += args.batch) {
      const blocks: Buffer[] = []
      for (let j = i; j < Math.min(args.count, i + args.batch); j++) blocks.push(encodeEvent({ type: 'message-posted', v: 1, text: `${args.tag} ${j} ${'x'.repeat(60)}`, ts: Date.now() }))
      await base.append(blocks)
    }
    await base.update()
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, blocks: base.local.length - before }
  },

  /**
   * A fresh client joins with the invite and reads its first page: the time from joinRoom() to
   * the page, whether the base fast-forwarded, and how much of the view it holds by then.
   */
  async 'sdk.joinPage' (args: { storage: string, net: NetOptions, invite: string, limit: number }): Promise<{ phases: Record<string, number | null>, joinMs: number, pageMs: number, count: number, newest: string | null, fastForwards: number, viewLocal: number, viewLength: number, cpuMs: number }> {
    const client = new Client({ storage: args.storage, bootstrap: args.net.bootstrap, dhtHost: args.net.host })
    useClient(client)
    await client.ready()
    await client.setProfile({ name: 'joiner' })
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    let connectedAt: bigint | null = null
    ;(client as unknown as { network: { swarm: { once: (e: string, f: () => void) => void } } }).network.swarm.once('connection', () => { connectedAt = process.hrtime.bigint() })
    const r = await client.joinRoom(args.invite)
    const joinMs = Number(process.hrtime.bigint() - start) / 1e6
    const page = await r.messages({ limit: args.limit })
    const pageMs = Number(process.hrtime.bigint() - start) / 1e6
    const view = roomInternals(r).base.view.core
    const at = (ns: string | bigint | null | undefined): number | null => ns === null || ns === undefined ? null : Number(BigInt(ns) - start) / 1e6
    const phases = { connected: at(connectedAt), ...Object.fromEntries(Object.entries(firsts.get(r.id) ?? {}).map(([k, v]) => [k, at(v)])) }
    return { phases, joinMs, pageMs, count: page.length, newest: page.at(-1)?.text ?? null, fastForwards: fastForwards.get(r.id) ?? 0, viewLocal: view.contiguousLength, viewLength: view.length, cpuMs: cpuMs(cpu) }
  },

  /** Resolves once the room's view is stored here up to its signed length; CPU and RSS then. */
  async 'sdk.viewComplete' (args: { room: string, ms: number }): Promise<{ at: string, cpuMs: number, rssMiB: number }> {
    const r: Room = room(args.room)
    const cpu = process.cpuUsage()
    const complete = (): boolean => { const core = roomInternals(r).base.view.core; return core.contiguousLength >= core.signedLength }
    await until(roomInternals(r).base.view.core, ['download', 'append'], complete, args.ms, 'the whole view')
    return { at: process.hrtime.bigint().toString(), cpuMs: cpuMs(cpu), rssMiB: rssMiB() }
  },

  /**
   * A fresh process opens a node of many rooms: the time to Client.ready(), to the first page of
   * the first room (what the UI shows first; `pick: 'last'`: of the last room, the one whose turn
   * to open comes last), and to a page of every room; RSS after each.
   */
  async 'sdk.openRooms' (args: { storage: string, net: NetOptions, pick?: 'first' | 'last' }): Promise<{ rooms: number, readyMs: number, firstPageMs: number, allPagesMs: number, rssFirstMiB: number, rssAllMiB: number, cpuMs: number }> {
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    const ms = (): number => Number(process.hrtime.bigint() - start) / 1e6
    const client = new Client({ storage: args.storage, bootstrap: args.net.bootstrap, dhtHost: args.net.host })
    useClient(client)
    await client.ready()
    const readyMs = ms()
    await client.rooms[args.pick === 'last' ? client.rooms.length - 1 : 0].messages({ limit: 50 })
    const firstPageMs = ms()
    const rssFirstMiB = rssMiB()
    for (const r of client.rooms) await r.messages({ limit: 50 })
    return { rooms: client.rooms.length, readyMs, firstPageMs, allPagesMs: ms(), rssFirstMiB, rssAllMiB: rssMiB(), cpuMs: cpuMs(cpu) }
  }
}
