// Worker side: the phases of a room's catch-up, for the catch-up figure's detail (where B's time
// goes between its first peer and its last 'message'). Armed before the client reopens; the
// room is traced from the moment the client hands it over (product/peer.ts watch). Cheap: a few
// timestamps per apply call, reader pass and 'update', never a stack.
import type { Room } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'
import { cpuMs } from '../lib/memory.js'

interface ViewCore { length: number, signedLength: number, contiguousLength: number, on: (name: 'download', fn: () => void) => unknown }

interface Trace {
  t0: bigint
  cpu0: NodeJS.CpuUsage
  applies: number
  applyNodes: number
  applyMs: number
  firstApply: number | null
  lastApply: number | null
  updates: number
  lastUpdate: number | null
  passes: number
  passMs: number
  messages: number
  firstMessage: number | null
  lastMessage: number | null
  events: Record<string, number>
  /** Blocks of the view core downloaded, the first and the last when, and the view then. */
  viewBlocks: number
  firstViewBlock: number | null
  lastViewBlock: number | null
  view: { atFastForward: unknown, atLastMessage: unknown }
}

const armed = new Set<string>()
const traces = new Map<string, Trace>()
const ms = (t: Trace): number => Number(process.hrtime.bigint() - t.t0) / 1e6

/** Trace this room the next time the client opens it. */
export function armTrace (roomId: string): void {
  armed.add(roomId)
  traces.delete(roomId)
}

/** Called for each room the client hands over (product/peer.ts watch). */
export function traceRoom (r: Room): void {
  if (!armed.delete(r.id)) return
  const t: Trace = { t0: process.hrtime.bigint(), cpu0: process.cpuUsage(), applies: 0, applyNodes: 0, applyMs: 0, firstApply: null, lastApply: null, updates: 0, lastUpdate: null, passes: 0, passMs: 0, messages: 0, firstMessage: null, lastMessage: null, events: {}, viewBlocks: 0, firstViewBlock: null, lastViewBlock: null, view: { atFastForward: null, atLastMessage: null } }
  traces.set(r.id, t)
  const engine = roomInternals(r) as unknown as { reader: { update: () => Promise<void> } }
  const base = roomInternals(r).base as unknown as {
    _handlers: { apply: (nodes: unknown[], ...rest: unknown[]) => Promise<void> }
    emit: (name: string, ...args: unknown[]) => boolean
    view: { core: ViewCore }
  }
  const viewState = (): unknown => {
    const c = base.view.core
    return { length: c.length, signedLength: c.signedLength, contiguousLength: c.contiguousLength }
  }
  const follow = (core: ViewCore): void => {
    core.on('download', () => {
      t.viewBlocks++
      t.firstViewBlock ??= ms(t)
      t.lastViewBlock = ms(t)
    })
  }
  follow(base.view.core)
  const apply = base._handlers.apply
  base._handlers.apply = async (nodes, ...rest) => {
    const start = process.hrtime.bigint()
    t.firstApply ??= ms(t)
    try { await apply(nodes, ...rest) } finally {
      t.applies++
      t.applyNodes += nodes.length
      t.applyMs += Number(process.hrtime.bigint() - start) / 1e6
      t.lastApply = ms(t)
    }
  }
  const emit = base.emit.bind(base)
  base.emit = (name, ...args) => {
    if (name === 'update') { t.updates++; t.lastUpdate = ms(t) } else t.events[name] ??= ms(t)
    if (name === 'fast-forward') t.view.atFastForward = viewState()
    return emit(name, ...args)
  }
  const reader = engine.reader
  const update = reader.update.bind(reader)
  const passes = new WeakSet<Promise<void>>()
  reader.update = () => {
    const p = update()
    if (!passes.has(p)) {
      passes.add(p)
      const start = process.hrtime.bigint()
      p.finally(() => { t.passes++; t.passMs += Number(process.hrtime.bigint() - start) / 1e6 }).catch(() => {})
    }
    return p
  }
  r.on('message', () => {
    t.messages++
    t.firstMessage ??= ms(t)
    t.lastMessage = ms(t)
    if (t.messages % 1000 === 0) t.view.atLastMessage = viewState()
  })
}

/** The trace of a room, times in ms from when it was handed over; the CPU used since then. */
export function readTrace (roomId: string): (Omit<Trace, 't0' | 'cpu0'> & { t0: string, cpuMs: number }) | null {
  const t = traces.get(roomId)
  if (t === undefined) return null
  const { t0, cpu0, ...rest } = t
  return { ...rest, t0: t0.toString(), cpuMs: cpuMs(cpu0) }
}
