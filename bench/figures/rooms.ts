// Many rooms: a node restarts with 10, 50 and 100 rooms (each with a few messages, written by
// another process); the time from `new Client()` to the first page of its first room (what the
// UI shows first), to a page of every room, and RSS after each. Then a second fresh process
// asks for the last room first: rooms open in the background in their saved order, and a room
// asked for opens ahead of its turn (src/room-opener.ts), so it should take no longer.
import path from 'node:path'
import type { Context, Figure } from '../lib/context.js'
import { row, type Row } from '../lib/table.js'
import { Worker } from '../lib/worker.js'
import { tmpDir } from '../lib/tmp.js'
import { openClient } from '../product/pair.js'
import { diagEnabled } from '../lib/diag.js'

interface Opened { rooms: number, readyMs: number, firstPageMs: number, allPagesMs: number, rssFirstMiB: number, rssAllMiB: number, cpuMs: number }
export interface RoomsResult extends Opened { messagesPerRoom: number, writeMs: number, idleRssMiB: number, last: Opened }

const AT_ONCE = 4
/** LINKUP_BENCH_PROFILE=DIR: the node writes a CPU profile of its opening. */
const profileDir = process.env.LINKUP_BENCH_PROFILE

export const rooms: Figure = async (ctx) => {
  const results: RoomsResult[] = []
  // LINKUP_BENCH_ROOMS=100 measures only those counts (diagnosis).
  const counts = process.env.LINKUP_BENCH_ROOMS?.split(',').map(Number) ?? ctx.params.roomCounts
  for (const n of counts) {
    const r = await measureRooms(ctx, n)
    ctx.log(`rooms ${n}: ready ${r.readyMs.toFixed(0)} ms, first page ${r.firstPageMs.toFixed(0)} ms (of the last room ${r.last.firstPageMs.toFixed(0)} ms), every page ${r.allPagesMs.toFixed(0)} ms; RSS ${r.rssAllMiB.toFixed(0)} MiB`)
    results.push(r)
  }
  ctx.detail.rooms = results
  return results.flatMap((r): Row[] => {
    const isTarget = r.rooms === 100
    return [
      row({ figure: `${r.rooms} rooms: new Client() → first page`, value: r.firstPageMs, unit: 'ms', floor: null, target: isTarget ? '≤ 1,000 ms' : '', met: isTarget ? r.firstPageMs <= 1000 : null, note: `Client.ready() ${r.readyMs.toFixed(0)} ms; a page of every room ${r.allPagesMs.toFixed(0)} ms; ${r.messagesPerRoom} messages a room; CPU ${r.cpuMs.toFixed(0)} ms` }),
      row({ figure: `${r.rooms} rooms: new Client() → first page of the last room`, value: r.last.firstPageMs, unit: 'ms', floor: null, target: isTarget ? '≤ 1,000 ms' : '', met: isTarget ? r.last.firstPageMs <= 1000 : null, note: `a fresh process asking for the last room first; Client.ready() ${r.last.readyMs.toFixed(0)} ms; a page of every room ${r.last.allPagesMs.toFixed(0)} ms` }),
      row({ figure: `${r.rooms} rooms: RSS after a page of each`, value: r.rssAllMiB, unit: 'MiB', floor: null, target: '', met: null, note: `${r.rssFirstMiB.toFixed(0)} MiB at the first page; an idle worker process ${r.idleRssMiB.toFixed(0)} MiB; ${((r.rssAllMiB - r.idleRssMiB) / r.rooms).toFixed(2)} MiB a room over it` })
    ]
  })
}

async function measureRooms (ctx: Context, n: number): Promise<RoomsResult> {
  const storage = tmpDir(`rooms-${n}`)
  const writer = new Worker(`rooms-writer-${n}`)
  const messages = ctx.params.roomMessages
  const t0 = Date.now()
  try {
    await openClient(writer, ctx, storage)
    const ids: string[] = []
    for (let i = 0; i < n; i += AT_ONCE) {
      const made = await Promise.all(Array.from({ length: Math.min(AT_ONCE, n - i) }, (_, k) => writer.call<{ id: string }>('sdk.create', { alias: `room ${i + k}` })))
      ids.push(...made.map((m) => m.id))
      await Promise.all(made.map((m) => writer.call('sdk.sendMany', { room: m.id, tag: 'rooms', count: messages, window: messages }, ctx.params.figureMs)))
    }
  } finally {
    await writer.stop()
  }
  const writeMs = Date.now() - t0
  const node = new Worker(`rooms-node-${n}`)
  try {
    const idle = await node.call<{ rssMiB: number }>('rss')
    if (profileDir !== undefined) await node.call('prof.start')
    if (diagEnabled) await node.call('diag.reset')
    const opened = await node.call<Opened>('sdk.openRooms', { storage, net: ctx.net }, ctx.params.figureMs)
    if (profileDir !== undefined) await node.call('prof.stop', { file: path.join(profileDir, `rooms-${n}.cpuprofile`) })
    if (diagEnabled) ctx.detail[`roomsDiag${n}`] = await node.call('diag.read', { per: n })
    if (opened.rooms !== n) throw new Error(`${opened.rooms} of ${n} rooms opened`)
    await node.stop()
    const again = new Worker(`rooms-node-${n}-last`)
    try {
      const last = await again.call<Opened>('sdk.openRooms', { storage, net: ctx.net, pick: 'last' }, ctx.params.figureMs)
      return { ...opened, messagesPerRoom: messages, writeMs, idleRssMiB: idle.rssMiB, last }
    } finally {
      await again.stop()
    }
  } finally {
    await node.stop()
  }
}
