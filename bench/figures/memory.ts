// Memory: RSS of a node that opens many rooms of many messages each (first page of each read),
// in a fresh process after the rooms were written by another.
import type { Figure } from '../lib/context.js'
import { row } from '../lib/table.js'
import { Worker } from '../lib/worker.js'
import { tmpDir } from '../lib/tmp.js'
import { openClient } from '../product/pair.js'

export const memory: Figure = async (ctx) => {
  const { memoryRooms: rooms, memoryMessages: n } = ctx.params
  const storage = tmpDir('memory')
  const writer = new Worker('memory-writer')
  const t0 = Date.now()
  try {
    await openClient(writer, ctx, storage)
    const ids: string[] = []
    for (let i = 0; i < rooms; i++) ids.push((await writer.call<{ id: string }>('sdk.create', { alias: `room ${i}` })).id)
    // Four rooms at a time: the writes overlap their I/O without one room starving the rest.
    for (let i = 0; i < ids.length; i += 4) {
      await Promise.all(ids.slice(i, i + 4).map((room) => writer.call('sdk.sendMany', { room, tag: 'mem', count: n, window: 64 }, ctx.params.figureMs * 2)))
    }
  } finally {
    await writer.stop()
  }
  ctx.log(`memory: wrote ${rooms} × ${n} messages in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  const node = new Worker('memory-node')
  try {
    const base = await node.call<{ rssMiB: number }>('rss')
    const r = await node.call<{ rooms: number, ms: number, rssMiB: number, heapMiB: number }>('sdk.openAll', { storage, net: ctx.net }, ctx.params.figureMs)
    ctx.detail.memory = { messagesPerRoom: n, ...r, idleWorkerRssMiB: base.rssMiB }
    return [row({
      figure: `memory: RSS of a node in ${rooms} rooms of ${n.toLocaleString('en-US')} messages`,
      value: r.rssMiB,
      unit: 'MiB',
      floor: null,
      target: '',
      met: null,
      note: `${r.rooms} rooms opened and a page read from each in ${r.ms.toFixed(0)} ms; heap ${r.heapMiB.toFixed(0)} MiB; an idle worker process is ${base.rssMiB.toFixed(0)} MiB`
    })]
  } finally {
    await node.stop()
  }
}
