// File transfer: A sends a file (its own Hyperdrive in the room); once B's view has the message,
// time B's readFile until every byte is in. Floor: raw Hypercore replication of as many MB in
// 64 KiB blocks (a Hyperdrive's blob block size) between the same two processes.
import type { Figure } from '../lib/context.js'
import { row } from '../lib/table.js'
import { FILE_BLOCK_BYTES } from '../lib/params.js'
import { corePeers } from '../floors/shared.js'
import { replicate } from '../floors/replication.js'
import { sharedRoom, allHave } from '../product/pair.js'

export const file: Figure = async (ctx) => {
  const { a, b, params } = ctx
  const mb = params.fileMB
  await corePeers(ctx)
  const floor = await replicate(a, b, 'file-floor', Math.ceil((mb * 1024 * 1024) / FILE_BLOCK_BYTES), FILE_BLOCK_BYTES, params.figureMs)
  const room = (await sharedRoom(ctx)).id
  const sent = await a.call<{ id: string, ms: number, size: number }>('sdk.sendFile', { room, mb }, params.figureMs)
  await allHave([b], room, [sent.id], params.figureMs)
  const read = await b.call<{ ms: number, bytes: number, cpuMs: number }>('sdk.readFile', { room, id: sent.id, ms: params.figureMs }, params.figureMs + 5000)
  if (read.bytes !== sent.size) throw new Error(`read ${read.bytes} of ${sent.size} bytes`)
  const mbPerSecond = read.bytes / (1024 * 1024) / (read.ms / 1000)
  ctx.detail.file = { mb, sendMs: sent.ms, readMs: read.ms, readCpuMs: read.cpuMs, mbPerSecond, floor }
  return [row({
    figure: `file transfer, ${mb} MB (B's readFile)`,
    value: mbPerSecond,
    unit: 'MB/s',
    floor: { name: `raw replication of ${mb} MB`, value: floor.mbPerSecond, unit: 'MB/s' },
    target: '≥ 0.8× floor',
    met: mbPerSecond >= 0.8 * floor.mbPerSecond,
    note: `A's sendFile took ${sent.ms.toFixed(0)} ms; B's readFile ${read.ms.toFixed(0)} ms (MB = MiB)`
  })]
}
