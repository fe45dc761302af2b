// Fan-out: rooms of 2, 4 and 8 members, each member a separate process, all online. The owner
// sends; a message counts as arrived at a member when its SDK emitted it. Per size: each
// receiver's CPU per message (the figure: it should not grow with the members online), the
// sender's, RocksDB batches, each receiver's p50 and the all-have-it p50 / p99 (the slowest
// receiver per message). The floor of a receiver's CPU is its value at 2 members in the same run.
// - Every size's room is set up first, then blocks of messages go to each room in turn, so the
//   machine's load (shared and drifting) falls on every size alike.
// - One message at a time, at most 4 a second in every size: in a closed loop, 8 processes on
//   2 cores make each message several times slower, and what a room costs per second (signing,
//   keep-alives) would then weigh more on each message at 8 members than at 2.
// - LINKUP_BENCH_DIAG=1 adds per process the wire messages received and sent (by core) and the
//   RocksDB batches by call site; LINKUP_BENCH_PROFILE=DIR writes CPU profiles of the sender
//   and one receiver; LINKUP_BENCH_FANOUT=2,8 picks the sizes.
import path from 'node:path'
import type { Context, Figure } from '../lib/context.js'
import { row, type Row } from '../lib/table.js'
import { Worker } from '../lib/worker.js'
import { tmpDir } from '../lib/tmp.js'
import { body, summarise } from '../lib/latency.js'
import { once } from '../lib/wait.js'
import { since, percentile, mean } from '../lib/stats.js'
import { openClient, peersAt } from '../product/pair.js'
import { diagEnabled } from '../lib/diag.js'
import type { DbStats } from '../product/peer-extra.js'

export interface FanOutResult {
  members: number
  messages: number
  receiverP50: number[]
  allHave: { p50: number, p99: number }
  cpuMsPerMessage: { sender: number, receivers: number[] }
  rocksdbPerMessage: { sender: DbPerMessage, receivers: DbPerMessage[] }
  setupMs: number
  spacingMs: number
  diag?: unknown
}

interface DbPerMessage { reads: number, writes: number }

/** The size the target is set at: a receiver's CPU per message ≤ 1.2× its value at 2 members. */
const TARGET_MEMBERS = 8
/** Messages sent to one room before the next room's turn. */
const BLOCK = 25
/** LINKUP_BENCH_PROFILE=DIR: the sender and one receiver write CPU profiles of the measured part. */
const profileDir = process.env.LINKUP_BENCH_PROFILE

export const fanOut: Figure = async (ctx) => {
  // LINKUP_BENCH_FANOUT=2,8 measures only those sizes (diagnosis).
  const sizes = process.env.LINKUP_BENCH_FANOUT?.split(',').map(Number) ?? ctx.params.fanOutMembers
  const results = await measureAll(ctx, sizes, ctx.params.fanOutMessages)
  for (const r of results) ctx.log(`fan-out ${r.members}: receivers ${r.cpuMsPerMessage.receivers.map((c) => c.toFixed(1)).join(' ')} ms CPU per message, sender ${r.cpuMsPerMessage.sender.toFixed(1)} ms; all have it p50 ${r.allHave.p50.toFixed(1)} ms`)
  ctx.detail.fanOut = results
  return fanOutRows(results)
}

function fanOutRows (results: FanOutResult[]): Row[] {
  const two = results.find((r) => r.members === 2)
  const floor = two === undefined ? null : { name: 'a receiver at 2 members', value: mean(two.cpuMsPerMessage.receivers), unit: 'ms' }
  const rows: Row[] = []
  for (const r of results) {
    const receiver = mean(r.cpuMsPerMessage.receivers)
    const largest = r.members === TARGET_MEMBERS
    const db = r.rocksdbPerMessage
    rows.push(row({
      figure: `fan-out, ${r.members} members: a receiver's CPU per message`,
      value: receiver,
      unit: 'ms',
      floor: r.members === 2 ? null : floor,
      target: largest && r.members > 2 ? '≤ 1.2× at 2 members' : '',
      met: largest && r.members > 2 && floor !== null ? receiver <= 1.2 * floor.value : null,
      note: `${r.messages} messages from the owner, one at a time${r.spacingMs > 0 ? `, at most ${(1000 / r.spacingMs).toFixed(0)} a second` : " (closed loop)"}; receivers ${r.cpuMsPerMessage.receivers.map((c) => c.toFixed(1)).join(', ')} ms, sender ${r.cpuMsPerMessage.sender.toFixed(1)} ms; RocksDB per message: sender ${db.sender.reads.toFixed(0)} reads ${db.sender.writes.toFixed(1)} writes, a receiver ${mean(db.receivers.map((x) => x.reads)).toFixed(0)} reads ${mean(db.receivers.map((x) => x.writes)).toFixed(1)} writes`
    }))
    rows.push(row({
      figure: `fan-out, ${r.members} members: all have it p50`,
      value: r.allHave.p50,
      unit: 'ms',
      floor: null,
      target: '',
      met: null,
      note: `each receiver's p50 ${r.receiverP50.map((x) => x.toFixed(1)).join(', ')} ms`
    }))
    rows.push(row({ figure: `fan-out, ${r.members} members: all have it p99`, value: r.allHave.p99, unit: 'ms', floor: null, target: '', met: null }))
    // What the network itself needs grows the sender's cost: one copy of each block per member.
    rows.push(row({ figure: `fan-out, ${r.members} members: the sender's CPU per message`, value: r.cpuMsPerMessage.sender, unit: 'ms', floor: r.members === 2 || two === undefined ? null : { name: 'the sender at 2 members', value: two.cpuMsPerMessage.sender, unit: 'ms' }, target: '', met: null }))
  }
  return rows
}

interface FanRoom {
  members: number
  workers: Worker[]
  room: string
  setupMs: number
  each: number[][]
  all: number[]
  cpuMs: number[]
  db: DbPerMessage[]
  diag: unknown[][]
}

/**
 * Every size's room is set up first; then blocks of messages go to each room in turn, so the
 * machine's load (shared, and drifting) falls on every size alike. CPU and RocksDB batches are
 * read around each block from every process of that room.
 */
async function measureAll (ctx: Context, sizes: number[], count: number): Promise<FanOutResult[]> {
  const rooms: FanRoom[] = []
  const { fanOutWarmup: warmup, fanOutSpacingMs: spacing } = ctx.params
  try {
    for (const n of sizes) rooms.push(await setUp(ctx, n))
    for (const r of rooms) await sendBlock(r, 0, warmup, spacing, false)
    const block = Math.max(1, Math.min(BLOCK, count))
    for (let sent = 0; sent < count; sent += block) {
      for (const r of rooms) await sendBlock(r, warmup + sent, Math.min(block, count - sent), spacing, true)
    }
    return rooms.map((r) => ({ ...result(r, count), spacingMs: spacing }))
  } finally {
    await Promise.all(rooms.flatMap((r) => r.workers.map((w) => w.stop())))
  }
}

/** n members in n fresh processes: the owner creates the room, the others join one at a time. */
async function setUp (ctx: Context, n: number): Promise<FanRoom> {
  const start = Date.now()
  const workers = Array.from({ length: n }, (_, i) => new Worker(`F${n}.${i}`))
  const fan: FanRoom = { members: n, workers, room: '', setupMs: 0, each: workers.slice(1).map(() => []), all: [], cpuMs: workers.map(() => 0), db: workers.map(() => ({ reads: 0, writes: 0 })), diag: [] }
  const [owner, ...receivers] = workers
  await Promise.all(workers.map((w) => openClient(w, ctx, tmpDir(`fan-${w.name}`))))
  const room = await owner.call<{ id: string, invite: string }>('sdk.create', { alias: 'fan-out' })
  fan.room = room.id
  // One at a time, as people join. Each member connects to the owner, who signs the room; the
  // members do not dial one another while it is online (docs/architecture.md §6.1).
  for (const w of receivers) {
    await w.call('sdk.join', { invite: room.invite }, ctx.params.connectMs + 5000)
    await peersAt(w, ctx, room.id, 1)
  }
  await peersAt(owner, ctx, room.id, n - 1)
  await Promise.all(workers.map((w) => w.call('sdk.members', { room: room.id, n, ms: ctx.params.connectMs }, ctx.params.connectMs + 5000)))
  await Promise.all(receivers.map((w) => w.call('sdk.live', { room: room.id, tag: 'fan' })))
  if (diagEnabled) await Promise.all(workers.map((w) => w.call('sdk.nameCores')))
  fan.setupMs = Date.now() - start
  ctx.log(`fan-out: ${n} members online after ${fan.setupMs} ms`)
  return fan
}

/** Sends messages `from`…`from + count - 1` closed loop; with `measure`, counts their cost. */
async function sendBlock (fan: FanRoom, from: number, count: number, spacingMs: number, measure: boolean): Promise<void> {
  const [owner, ...receivers] = fan.workers
  const profiling = measure && profileDir !== undefined
  if (measure) {
    await Promise.all(fan.workers.map((w) => w.call('cpu.mark')))
    if (diagEnabled) await Promise.all(fan.workers.map((w) => w.call('diag.reset')))
    if (profiling) await Promise.all(fan.workers.slice(0, 2).map((w) => w.call('prof.start')))
  }
  const db0 = measure ? await Promise.all(fan.workers.map((w) => w.call<DbStats>('sdk.dbStats'))) : []
  for (let i = from; i < from + count; i++) {
    const arrivals = receivers.map((w) => once<{ room: string, i: number, at: string }>(w, 'sdk-msg', 10_000, (m) => m.room === fan.room && m.i === i))
    const sent = await owner.call<{ at: string }>('sdk.send', { room: fan.room, text: body('fan', i) })
    const got = await Promise.all(arrivals)
    // The same pace for every size (unless a message takes longer): what a room costs per
    // second (signing, keep-alives) then weighs the same on each message.
    const wait = spacingMs - since(sent.at)
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait)) // pacing, not synchronisation
    if (!measure) continue
    const ms = got.map((m) => since(sent.at, m.at))
    ms.forEach((x, k) => fan.each[k].push(x))
    fan.all.push(Math.max(...ms))
  }
  if (!measure) return
  const cpu = await Promise.all(fan.workers.map((w) => w.call<{ cpuMs: number }>('cpu.read')))
  const db1 = await Promise.all(fan.workers.map((w) => w.call<DbStats>('sdk.dbStats')))
  if (profiling) await Promise.all(fan.workers.slice(0, 2).map((w) => w.call('prof.stop', { file: path.join(profileDir, `fan-out-${w.name}-${from}.cpuprofile`) })))
  if (diagEnabled) fan.diag.push(await Promise.all(fan.workers.map((w) => w.call('diag.read', { per: 1 }))))
  fan.workers.forEach((_, k) => {
    fan.cpuMs[k] += cpu[k].cpuMs
    fan.db[k].reads += db1[k].readBatches - db0[k].readBatches
    fan.db[k].writes += db1[k].writeBatches - db0[k].writeBatches
  })
}

function result (fan: FanRoom, count: number): Omit<FanOutResult, 'spacingMs'> {
  const summary = summarise(fan.all)
  const per = (db: DbPerMessage): DbPerMessage => ({ reads: db.reads / count, writes: db.writes / count })
  return {
    members: fan.members,
    messages: count,
    receiverP50: fan.each.map((s) => percentile(s, 50)),
    allHave: { p50: summary.p50, p99: summary.p99 },
    cpuMsPerMessage: { sender: fan.cpuMs[0] / count, receivers: fan.cpuMs.slice(1).map((c) => c / count) },
    rocksdbPerMessage: { sender: per(fan.db[0]), receivers: fan.db.slice(1).map(per) },
    setupMs: fan.setupMs,
    ...(diagEnabled ? { diag: mergeDiag(fan.diag, count) } : {})
  }
}

/** Per process, the diagnostic counts of every block summed and divided by the messages. */
function mergeDiag (blocks: unknown[][], count: number): unknown[] {
  type Table = Record<string, Record<string, number>>
  const merged: Table[] = []
  for (const block of blocks as Table[][]) {
    block.forEach((tables, k) => {
      merged[k] ??= {}
      for (const [name, table] of Object.entries(tables)) {
        const into = (merged[k][name] ??= {})
        for (const [key, n] of Object.entries(table)) into[key] = (into[key] ?? 0) + n
      }
    })
  }
  return merged.map((tables) => Object.fromEntries(Object.entries(tables).map(([name, table]) =>
    [name, Object.fromEntries(Object.entries(table).sort((x, y) => y[1] - x[1]).map(([key, n]) => [key, Math.round(n / count * 100) / 100]))])))
}
