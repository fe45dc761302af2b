// Free space on the disk holding the storage (docs/architecture.md §11.5). RocksDB, once a
// write finds the disk full, refuses every write until there is room again, and every Autobase
// that was writing closes for good: so LinkUp stops writing before the disk is full. Below the
// reserve it refuses its own writes with DISK_FULL and the Client pauses the network (peers'
// blocks are writes too); above it again, both resume. A `statfs` costs microseconds: sampled
// every couple of seconds, and afresh during large uploads.
import { EventEmitter } from 'events'
import fs from 'fs/promises'
import { errors } from './errors.js'
import { WRITE_BUFFER_BYTES } from './storage.js'

/**
 * Free bytes LinkUp keeps on the disk. RocksDB resumes after a full disk only with a write
 * buffer's worth free, writes a memtable out as an SST of up to that size, and preallocates a
 * new write-ahead log of 1.1 times it: four write buffers leave room for all three.
 */
export const DEFAULT_RESERVE_BYTES = 4 * WRITE_BUFFER_BYTES
const SAMPLE_MS = 2000

/** Events: 'full' (free bytes) when free space falls under the reserve, 'space' (free bytes) when it is back. */
export class DiskSpace extends EventEmitter {
  readonly dir: string
  /** Free bytes LinkUp keeps; 0 turns the checks off. */
  readonly reserve: number
  /** Free bytes at the last sample (Infinity before the first). */
  free = Infinity
  private timer: NodeJS.Timeout | null = null
  private sampling: Promise<number> | null = null

  constructor (dir: string, reserve = DEFAULT_RESERVE_BYTES) {
    super()
    this.dir = dir
    this.reserve = reserve
  }

  get full (): boolean { return this.reserve > 0 && this.free < this.reserve }

  /** Samples now (concurrent calls share one statfs); emits 'full' or 'space' on a change. */
  sample (): Promise<number> {
    this.sampling ??= this.statfs().finally(() => { this.sampling = null })
    return this.sampling
  }

  /** Samples every couple of seconds until stop() (with no reserve too: errors name the free space). */
  start (): void {
    if (this.timer !== null) return
    this.timer = setInterval(() => { this.sample().catch(() => {}) }, SAMPLE_MS)
    this.timer.unref()
  }

  stop (): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }

  /** Throws DISK_FULL when writing `bytes` more would leave less than the reserve (last sample). */
  assertRoom (bytes = 0): void {
    if (this.reserve > 0 && this.free - bytes < this.reserve) throw errors.diskFull(this.dir, this.free, this.reserve)
  }

  private async statfs (): Promise<number> {
    const wasFull = this.full
    const st = await fs.statfs(this.dir)
    this.free = st.bavail * st.bsize
    if (this.full !== wasFull) this.emit(this.full ? 'full' : 'space', this.free)
    return this.free
  }
}
