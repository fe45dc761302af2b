// Worker side, beside product/peer.ts: files, and diagnostics that reach under the SDK.
import crypto from 'node:crypto'
import { need, room } from './peer.js'
import { roomInternals } from '../../src/room-internals.js'
import { cpuMs } from '../lib/memory.js'
import { poll } from '../lib/wait.js'
import { armTrace, readTrace } from './peer-trace.js'

export interface DbStats { gets: number, puts: number, deletes: number, readBatches: number, writeBatches: number }

export const productExtraHandlers = {
  /** Traces the room's catch-up (apply calls, reader passes, messages) the next time the client opens it. */
  async 'sdk.traceArm' (args: { room: string }): Promise<null> {
    armTrace(args.room)
    return null
  },

  async 'sdk.traceRead' (args: { room: string }): Promise<ReturnType<typeof readTrace>> {
    return readTrace(args.room)
  },

  /** Sends `mb` MiB of bytes as a file; returns the message id. */
  async 'sdk.sendFile' (args: { room: string, mb: number }): Promise<{ id: string, ms: number, size: number }> {
    const data = crypto.randomBytes(Math.round(args.mb * 1024 * 1024))
    const start = process.hrtime.bigint()
    const m = await room(args.room).sendFile('bench.bin', data, 'application/octet-stream')
    return { id: m.id, ms: Number(process.hrtime.bigint() - start) / 1e6, size: data.byteLength }
  },

  /**
   * Reads a file message's bytes from its sender's drive; times the read alone. The clock starts
   * as the floor's does (floors/core-peer.ts: once its core has a peer): the file's entry found
   * and its blob store with a peer, what RoomFiles.prepare does as the message arrives. Until
   * 2026-12-02 the first of the three reads started before the blob store's channel was open
   * and timed its opening (~60–150 ms of a 1.3–2.5 s read); the floor never did.
   */
  async 'sdk.readFile' (args: { room: string, id: string, ms: number }): Promise<{ ms: number, bytes: number, cpuMs: number, firstByteMs: number, waitPeerMs: number }> {
    const r = room(args.room)
    const m = await r.message(args.id)
    if (m === null || m.file === undefined) throw new Error(`no file message ${args.id}`)
    const waited = process.hrtime.bigint()
    await r.fileInfo(m, { timeout: args.ms })
    const blobs = await (await roomInternals(r).files.store.drive(m.file.drive)).getBlobs()
    if (blobs === null) throw new Error('the file has no blob store')
    await poll(() => blobs.core.peers.length > 0, args.ms, 'a peer of the blob store')
    const waitPeerMs = Number(process.hrtime.bigint() - waited) / 1e6
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    let firstByteMs = 0
    const data = await r.readFile(m, { timeout: args.ms, onProgress: () => { firstByteMs ||= Number(process.hrtime.bigint() - start) / 1e6 } })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    return { ms, bytes: data.byteLength, cpuMs: cpuMs(cpu), firstByteMs, waitPeerMs }
  },

  /**
   * How much of the room's view is stored locally, and optionally download the rest. After a
   * fast-forward the view is sparse until the SDK's background download has fetched it
   * (docs/architecture.md §2.1); a device that goes offline before then hangs reading its own view.
   */
  async 'sdk.viewLocal' (args: { room: string, download: boolean, ms: number }): Promise<{ length: number, contiguous: number }> {
    const core = roomInternals(room(args.room)).base.view.core
    if (process.env.BENCH_DEBUG) console.error(`[${process.argv[2]}] view ${core.contiguousLength}/${core.length} local`)
    if (args.download && core.contiguousLength < core.length) {
      const range = core.download({ start: 0, end: core.length })
      await Promise.race([range.done(), new Promise((_resolve, reject) => setTimeout(() => reject(new Error('view download timed out')), args.ms).unref())])
    }
    return { length: core.length, contiguous: core.contiguousLength }
  },

  /**
   * The store's RocksDB counters (gets, puts, read and write batches). Diagnosis only: reaches
   * into Corestore's storage, which the SDK does not expose.
   */
  async 'sdk.dbStats' (): Promise<DbStats> {
    const inner = need() as unknown as { store?: { storage?: { rocks?: { _state?: { stats?: DbStats } } } } }
    const stats = inner.store?.storage?.rocks?._state?.stats
    if (stats === undefined) throw new Error('RocksDB stats not reachable')
    return { ...stats }
  }
}
