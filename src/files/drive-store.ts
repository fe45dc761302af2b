// This user's Hyperdrive for one room, plus the peers' drives it has opened to read from.
// - The own drive lives on a namespace of the room's store namespace, never on the root store:
//   closing a Hyperdrive closes the store it was given (experiments/t11b).
// - A peer's drive is opened on its own session of the root store (`peerStore()`, which the
//   room tracks so the replication gate knows the drive is the room's: docs/architecture.md
//   §6.7), by key, and kept open (one per key) so the blocks fetched here are served to the
//   room's other peers too.
// - Writes to the own drive are serial, so a path's number (the drive's version when the write
//   started) is unique, and the version recorded after a write is exactly that write's.
import { pipeline } from 'stream/promises'
import type { Readable } from 'stream'
import b4a from 'b4a'
import Hyperdrive from 'hyperdrive'
import type Corestore from 'corestore'
import { errors } from '../errors.js'
import { formatBytes } from './names.js'
import { SizeLimit } from './streams.js'

export interface Written { path: string, size: number, version: number }

export class DriveStore {
  readonly own: Hyperdrive
  private readonly peerStore: () => Corestore
  private readonly remote = new Map<string, Hyperdrive>()
  private writing: Promise<unknown> = Promise.resolve()
  private closed = false
  private readonly room: (bytes: number) => Promise<void>

  /**
   * `ownStore` must be a namespace (a session); `peerStore` makes a session of the client's
   * Corestore. `room(bytes)` throws DISK_FULL when writing that many bytes would fill the disk
   * (disk-space.ts).
   */
  constructor (opts: { ownStore: Corestore, peerStore: () => Corestore, room?: (bytes: number) => Promise<void> }) {
    this.own = new Hyperdrive(opts.ownStore)
    this.peerStore = opts.peerStore
    this.room = opts.room ?? (async () => {})
  }

  async ready (): Promise<void> {
    await this.own.ready()
  }

  /** The own drive's key (hex): what the profile publishes and file events point at. */
  get key (): string { return this.own.key.toString('hex') }
  get version (): number { return this.own.version }

  /**
   * Writes bytes or a stream to `<prefix>/<n>/<name>` and resolves once the entry exists.
   * A stream over `max` bytes fails with TOO_LARGE and leaves no entry behind.
   */
  write (prefix: string, name: string, source: Uint8Array | Readable, max: number): Promise<Written> {
    const run = this.writing.then(() => this.writeNow(prefix, name, source, max))
    this.writing = run.catch(() => {})
    return run
  }

  private async writeNow (prefix: string, name: string, source: Uint8Array | Readable, max: number): Promise<Written> {
    if (this.closed) throw errors.closed()
    const path = `${prefix}/${this.own.version}/${name}`
    if (b4a.isBuffer(source)) {
      if (source.byteLength > max) throw errors.tooLarge('The file', formatBytes(max))
      await this.room(source.byteLength)
      // A caller's Uint8Array as a Buffer over the same memory (no copy): Hyperdrive takes Buffers.
      await this.own.put(path, b4a.toBuffer(source) as Buffer)
    } else {
      // Hyperdrive writes the entry only when the stream finishes: an error leaves no entry.
      await pipeline(source, new SizeLimit(max, this.room), this.own.createWriteStream(path))
    }
    const entry = await this.own.entry(path)
    if (entry === null) throw errors.notFound('The file just written')
    return { path, size: entry.value.blob?.byteLength ?? 0, version: this.own.version }
  }

  /**
   * Takes a file out of the own drive: its bytes are freed from this device's storage and its
   * entry removed. Serial with writes. Older versions of the drive still name the entry, and
   * peers that fetched the bytes keep them until they clear them (README, "Deleting").
   */
  remove (path: string): Promise<void> {
    const run = this.writing.then(async () => {
      if (this.closed) throw errors.closed()
      if (await this.own.entry(path) === null) return
      await this.own.clear(path)
      await this.own.del(path)
    })
    this.writing = run.catch(() => {})
    return run
  }

  /** The drive with this key: the own one, or a peer's (opened once, kept open). */
  async drive (key: string): Promise<Hyperdrive> {
    if (this.closed) throw errors.closed()
    if (key === this.key) return this.own
    let drive = this.remote.get(key)
    if (drive === undefined) {
      drive = new Hyperdrive(this.peerStore(), Buffer.from(key, 'hex'))
      this.remote.set(key, drive)
    }
    await drive.ready()
    return drive
  }

  async close (): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.writing
    const drives = [this.own, ...this.remote.values()]
    this.remote.clear()
    await Promise.allSettled(drives.map(d => d.close()))
  }
}
