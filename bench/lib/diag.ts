// Diagnosis, not measurement: where a worker's RocksDB batches come from and which wire messages
// it receives. Installed only when LINKUP_BENCH_DIAG=1 (the stacks it captures cost CPU), it
// wraps rocksdb-native's batch flush (a batch is attributed to the first frames above the
// storage layers) and protomux's receive (counted by protocol and message type). The figures
// that support it store the counts per message in the JSON detail.
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

export const diagEnabled = process.env.LINKUP_BENCH_DIAG === '1'
/** Frames of a call site kept (LINKUP_BENCH_DIAG_DEPTH, default 3). */
const DEPTH = Number(process.env.LINKUP_BENCH_DIAG_DEPTH ?? 3)

interface Counts { batches: Record<string, number>, received: Record<string, number>, sent: Record<string, number>, calls: Record<string, number> }

let counts: Counts = { batches: {}, received: {}, sent: {}, calls: {} }
let installed = false
/** Names a replication channel by its core's discovery key (hex), when the worker knows it. */
let coreName: (discoveryKey: string) => string | undefined = () => undefined

export function nameCores (name: (discoveryKey: string) => string | undefined): void {
  coreName = name
}

// Hypercore's replication channel: message types in the order hypercore/lib/replicator.js adds them.
const HYPERCORE_MESSAGES = ['sync', 'request', 'cancel', 'data', 'noData', 'want', 'unwant', 'bitfield', 'range', 'extension']
const WAKEUP_MESSAGES = ['lookup', 'announce', 'info']
const LINKUP_MESSAGES = ['rooms', 'clock', 'ping', 'pong']
const STORAGE_FRAMES = /rocksdb-native|hypercore-storage|node:internal|bench\/lib\/diag|<anonymous>|new Promise|Peer\.sendSync/

function frameName (line: string): string | null {
  const m = /at (?:async )?(.*?) \(?(?:file:\/\/)?([^()]*?):(\d+):\d+\)?$/.exec(line.trim())
  if (m === null) return null
  const file = m[2].replace(/.*node_modules\//, '').replace(/.*\/dist\//, '')
  if (STORAGE_FRAMES.test(file) || STORAGE_FRAMES.test(m[1])) return null
  return `${m[1].replace(/^Object\.|^exports\./, '')} (${file}:${m[3]})`
}

function site (): string {
  const stack = new Error().stack ?? ''
  const frames: string[] = []
  for (const line of stack.split('\n').slice(1)) {
    const name = frameName(line)
    if (name !== null) frames.push(name)
    if (frames.length === DEPTH) break
  }
  return frames.join(' < ') || 'unknown'
}

function bump (table: Record<string, number>, key: string): void {
  table[key] = (table[key] ?? 0) + 1
}

function wrapFlush (proto: { _flush: () => Promise<void> }, kind: string): void {
  const flush = proto._flush
  proto._flush = function (this: unknown): Promise<void> {
    bump(counts.batches, `${kind} ${site()}`)
    return flush.call(this)
  }
}

function messageName (protocol: string, type: number): string {
  const names = protocol === 'hypercore/alpha' ? HYPERCORE_MESSAGES : protocol === 'wakeup' ? WAKEUP_MESSAGES : protocol.startsWith('linkup/') ? LINKUP_MESSAGES : []
  return `${protocol} ${names[type] ?? type}`
}

/** Counts calls of `proto[method]`, by the caller's first frames when `sites` is set. */
function countCalls (proto: Record<string, unknown>, label: string, method: string, sites = false): void {
  const fn = proto[method] as (...args: unknown[]) => unknown
  proto[method] = function (this: unknown, ...args: unknown[]) {
    bump(counts.calls, `${label}.${method}` + (sites ? ' < ' + site() : ''))
    return fn.apply(this, args)
  }
}

export function installDiag (): void {
  if (!diagEnabled || installed) return
  installed = true
  Error.stackTraceLimit = 40
  const batch = require(path.join(path.dirname(require.resolve('rocksdb-native')), 'lib', 'batch.js')) as { ReadBatch: { prototype: { _flush: () => Promise<void> } }, WriteBatch: { prototype: { _flush: () => Promise<void> } } }
  wrapFlush(batch.ReadBatch.prototype, 'read')
  wrapFlush(batch.WriteBatch.prototype, 'write')
  const Hyperbee = require('hyperbee') as { prototype: Record<string, unknown> }
  countCalls(Hyperbee.prototype, 'Hyperbee', 'get', true)
  countCalls(Hyperbee.prototype, 'Hyperbee', 'createRangeIterator', true)
  const Autobase = require('autobase') as { prototype: Record<string, unknown> }
  countCalls(Autobase.prototype, 'Autobase', '_bump')
  countCalls(Autobase.prototype, 'Autobase', '_drain')
  countCalls(Autobase.prototype, 'Autobase', '_onwakeup')
  const signNow = Autobase.prototype._signNow as (...args: unknown[]) => boolean
  Autobase.prototype._signNow = function (this: unknown, ...args: unknown[]) {
    const yes = signNow.apply(this, args)
    bump(counts.calls, `Autobase._signNow ${String(yes)}`)
    return yes
  }
  const append = Autobase.prototype.append as (value: unknown, ...args: unknown[]) => unknown
  Autobase.prototype.append = function (this: unknown, value: unknown, ...args: unknown[]) {
    bump(counts.calls, `Autobase.append ${value === null ? 'null (ack)' : 'value'}`)
    return append.call(this, value, ...args)
  }
  const emit = Autobase.prototype.emit as (name: string, ...args: unknown[]) => boolean
  Autobase.prototype.emit = function (this: unknown, name: string, ...args: unknown[]) {
    bump(counts.calls, `Autobase emit ${name}`)
    return emit.call(this, name, ...args)
  }
  const Protomux = require('protomux') as { prototype: { createChannel: (opts: { protocol: string, id?: Buffer | null }) => unknown } }
  const createChannel = Protomux.prototype.createChannel
  Protomux.prototype.createChannel = function (this: unknown, opts: { protocol: string, id?: Buffer | null }) {
    const channel = createChannel.call(this, opts) as { _recv: (type: number, state: unknown) => unknown, messages: Array<{ send: (...args: unknown[]) => unknown }> } | null
    if (channel !== null) {
      const recv = channel._recv
      const id = opts.id?.toString('hex') ?? ''
      const core = (): string => id === '' ? '' : ` [${coreName(id) ?? 'other core'}]`
      channel._recv = function (this: unknown, type: number, state: unknown) {
        bump(counts.received, messageName(opts.protocol, type) + core())
        return recv.call(this, type, state)
      }
      // Messages sent, and for hypercore's syncs, what sent them.
      channel.messages.forEach((m, type) => {
        const send = m.send
        m.send = function (this: unknown, ...args: unknown[]) {
          const name = messageName(opts.protocol, type)
          bump(counts.sent, name + core() + (name === 'hypercore/alpha sync' ? ' < ' + site() : ''))
          return send.apply(this, args)
        }
      })
    }
    return channel
  }
}

export function resetDiag (): void {
  counts = { batches: {}, received: {}, sent: {}, calls: {} }
}

/** The counts since the last reset, divided by `per` (e.g. messages), largest first. */
export function readDiag (per: number): Counts {
  const scale = (table: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(table).sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, Math.round(v / per * 100) / 100]))
  return { batches: scale(counts.batches), received: scale(counts.received), sent: scale(counts.sent), calls: scale(counts.calls) }
}

let session: import('node:inspector').Session | null = null

/** Starts V8's CPU profiler in this worker (LINKUP_BENCH_PROFILE=DIR: the figures call it). */
export async function startProfile (): Promise<void> {
  const inspector = await import('node:inspector')
  session = new inspector.Session()
  session.connect()
  const post = (method: string, params: object = {}): Promise<unknown> => new Promise((resolve, reject) => {
    session?.post(method, params, (err, result) => err === null ? resolve(result) : reject(err))
  })
  await post('Profiler.enable')
  await post('Profiler.setSamplingInterval', { interval: 200 })
  await post('Profiler.start')
}

/** Stops the profiler and writes the profile as `file` (a .cpuprofile, for bench/profile.ts). */
export async function stopProfile (file: string): Promise<void> {
  if (session === null) return
  const s = session
  const { profile } = await new Promise<{ profile: unknown }>((resolve, reject) => {
    s.post('Profiler.stop', (err, result) => err === null ? resolve(result as { profile: unknown }) : reject(err))
  })
  s.disconnect()
  session = null
  const fs = await import('node:fs')
  fs.writeFileSync(file, JSON.stringify(profile))
}
