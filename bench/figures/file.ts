// File transfer: A sends a file (its own Hyperdrive in the room); once B's view has the message
// and its blob store has a peer (as the floor waits for its core's peer), time B's readFile until
// every byte is in. Floor: raw Hypercore replication of as many MB in
// 64 KiB blocks (a Hyperdrive's blob block size) between the same two processes. The floor and
// the read alternate `fileRounds` times (each a fresh file and core) and the medians are
// compared: measured once each, a minute apart, the machine's load moved the ratio 0.39–1.06×.
import path from 'node:path'
import type { Figure } from '../lib/context.js'
import { row } from '../lib/table.js'
import { FILE_BLOCK_BYTES } from '../lib/params.js'
import { percentile } from '../lib/stats.js'
import { corePeers } from '../floors/shared.js'
import { replicate, type ReplicationResult } from '../floors/replication.js'
import { sharedRoom, allHave } from '../product/pair.js'
import { diagEnabled } from '../lib/diag.js'

/** LINKUP_BENCH_PROFILE=DIR: A and B write CPU profiles of each floor and each read. */
const profileDir = process.env.LINKUP_BENCH_PROFILE

interface Read { ms: number, bytes: number, cpuMs: number, firstByteMs: number, waitPeerMs: number, sendMs: number, mbPerSecond: number }

export const file: Figure = async (ctx) => {
  const { a, b, params } = ctx
  const mb = params.fileMB
  const blocks = Math.ceil((mb * 1024 * 1024) / FILE_BLOCK_BYTES)
  await corePeers(ctx)
  const room = (await sharedRoom(ctx)).id
  const floors: ReplicationResult[] = []
  const reads: Read[] = []
  // LINKUP_BENCH_DIAG=1: B's RocksDB batches and wire messages during each floor and each read.
  const diag: Array<{ floor: unknown, read: unknown }> = []
  const diagOf = async <T>(run: () => Promise<T>): Promise<[T, unknown]> => {
    if (diagEnabled) await b.call('diag.reset')
    const value = await run()
    return [value, diagEnabled ? await b.call('diag.read', { per: 1 }) : null]
  }
  for (let round = 0; round < params.fileRounds; round++) {
    if (profileDir !== undefined) await Promise.all([a.call('prof.start'), b.call('prof.start')])
    const [floor, floorDiag] = await diagOf(async () => await replicate(a, b, `file-floor-${round}`, blocks, FILE_BLOCK_BYTES, params.figureMs))
    if (profileDir !== undefined) await Promise.all([a.call('prof.stop', { file: path.join(profileDir, `floor-A-${round}.cpuprofile`) }), b.call('prof.stop', { file: path.join(profileDir, `floor-B-${round}.cpuprofile`) })])
    floors.push(floor)
    const sent = await a.call<{ id: string, ms: number, size: number }>('sdk.sendFile', { room, mb }, params.figureMs)
    await allHave([b], room, [sent.id], params.figureMs)
    if (profileDir !== undefined) await Promise.all([a.call('prof.start'), b.call('prof.start')])
    const [read, readDiag] = await diagOf(async () => await b.call<Omit<Read, 'sendMs' | 'mbPerSecond'>>('sdk.readFile', { room, id: sent.id, ms: params.figureMs }, params.figureMs + 5000))
    if (diagEnabled) diag.push({ floor: floorDiag, read: readDiag })
    if (profileDir !== undefined) await Promise.all([a.call('prof.stop', { file: path.join(profileDir, `file-A-${round}.cpuprofile`) }), b.call('prof.stop', { file: path.join(profileDir, `file-B-${round}.cpuprofile`) })])
    if (read.bytes !== sent.size) throw new Error(`read ${read.bytes} of ${sent.size} bytes`)
    reads.push({ ...read, sendMs: sent.ms, mbPerSecond: read.bytes / (1024 * 1024) / (read.ms / 1000) })
  }
  const median = <T>(xs: T[], f: (x: T) => number): number => percentile(xs.map(f), 50)
  const mbPerSecond = median(reads, (r) => r.mbPerSecond)
  const floorMbPerSecond = median(floors, (f) => f.mbPerSecond)
  ctx.detail.file = { mb, reads, floors, ...(diagEnabled ? { diag } : {}) }
  return [row({
    figure: `file transfer, ${mb} MB (B's readFile)`,
    value: mbPerSecond,
    unit: 'MB/s',
    floor: { name: `raw replication of ${mb} MB`, value: floorMbPerSecond, unit: 'MB/s' },
    target: '≥ 0.8× floor',
    met: mbPerSecond >= 0.8 * floorMbPerSecond,
    note: `medians of ${reads.length} reads and ${floors.length} floors, alternated (reads ${reads.map((r) => r.mbPerSecond.toFixed(1)).join(', ')}; floors ${floors.map((f) => f.mbPerSecond.toFixed(1)).join(', ')} MB/s); A's sendFile ${median(reads, (r) => r.sendMs).toFixed(0)} ms; B's first byte after ${median(reads, (r) => r.firstByteMs).toFixed(0)} ms (after ${median(reads, (r) => r.waitPeerMs).toFixed(0)} ms, untimed, for the blob store's peer); B's CPU ${median(reads, (r) => r.cpuMs).toFixed(0)} ms a read (MB = MiB)`
  })]
}
