// Reading a byte range of a blob from its Hypercore, fetching ahead of the reader.
// - Hyperblobs' read stream prefetches with a download range, so the blocks usually arrive
//   before the reader asks for them, and each is then read back from RocksDB (synchronously, on
//   the JS thread): in the bench's 50 MB read that read-back doubled B's RocksDB read time over
//   raw replication. Here the reader keeps block gets in flight ahead of it instead; a get issued
//   before its block arrives resolves with the bytes off the wire (Hypercore still verifies and
//   stores them, so this device serves them to other peers as before).
// - Deadlines: the block the reader waits for must arrive within `timeout` of the wait starting
//   (so a slow but moving transfer never times out, a stalled one does: FILE_UNAVAILABLE). The
//   gets ahead carry no timeout of their own; closing the stream closes its session, which
//   cancels them.
import { Readable } from 'stream'
import type Hypercore from 'hypercore'
import { readError, unavailable, within, type BlobId, type Located } from './file-reader.js'

/**
 * How far the reader fetches ahead: about 4 MiB, in blocks of the blob's average size (a blob
 * written from a stream has one block per chunk written), at least 4 and at most 64 blocks.
 * 64 × 64 KiB keeps up with what Hypercore itself keeps in flight to one peer up to ~200 ms RTT.
 */
export const READ_AHEAD_BYTES = 4 * 1024 * 1024
export const READ_AHEAD_MAX_BLOCKS = 64
const READ_AHEAD_MIN_BLOCKS = 4

export function readAhead (blob: BlobId, bytes = READ_AHEAD_BYTES): number {
  const average = blob.blockLength > 0 ? blob.byteLength / blob.blockLength : 1
  return Math.max(READ_AHEAD_MIN_BLOCKS, Math.min(READ_AHEAD_MAX_BLOCKS, Math.floor(bytes / Math.max(1, average))))
}

export interface BlobReaderOptions {
  /** First byte of the blob to read. */
  start: number
  /** Last byte of the blob to read, inclusive. */
  end: number
  /** The most the reader waits for any one block (or seek), in ms. */
  timeout: number
  /** Blocks fetched ahead of the reader (default: readAhead(blob)). */
  ahead?: number
  /** Called with the number of bytes each time some are pushed. */
  onBytes?: (bytes: number) => void
}

function noop (): void {}

export class BlobReader extends Readable {
  private readonly core: Hypercore
  private readonly blob: BlobId
  private readonly start: number
  private readonly end: number
  private readonly timeout: number
  private readonly ahead: number
  private readonly onBytes: (bytes: number) => void
  private readonly gets = new Map<number, Promise<Buffer | null>>()
  /** The next block to push, the next to request, and the end of the range (exclusive). */
  private next = 0
  private requested = 0
  private last = 0
  /** Bytes of the first block before `start`; bytes still to push. */
  private skip = 0
  private left = 0

  /** `core` is the blob store's Hypercore: the reader reads through its own session of it. */
  constructor (core: Hypercore, blob: BlobId, opts: BlobReaderOptions) {
    super()
    this.core = core.session()
    this.blob = blob
    this.start = opts.start
    this.end = opts.end
    this.timeout = opts.timeout
    this.ahead = Math.max(1, opts.ahead ?? readAhead(blob))
    this.onBytes = opts.onBytes ?? noop
  }

  override _construct (cb: (err?: Error | null) => void): void {
    this.seekRange().then(() => cb(), (err: unknown) => cb(readError(err) as Error))
  }

  /** The blocks holding bytes start..end: only a range that cuts into a block needs a seek. */
  private async seekRange (): Promise<void> {
    const { blockOffset, blockLength, byteOffset, byteLength } = this.blob
    const seek = async (byte: number): Promise<[number, number]> => {
      const at = await within(this.core.seek(byteOffset + byte, { timeout: this.timeout }), this.timeout)
      if (at === null) throw unavailable()
      return at
    }
    const [first, last] = await Promise.all([
      this.start === 0 ? [blockOffset, 0] as [number, number] : seek(this.start),
      this.end === byteLength - 1 ? [blockOffset + blockLength - 1, 0] as [number, number] : seek(this.end)
    ])
    this.next = this.requested = first[0]
    this.skip = first[1]
    this.last = last[0] + 1
    this.left = this.end - this.start + 1
  }

  override _read (): void {
    this.pushNext().catch((err: unknown) => this.destroy(readError(err) as Error))
  }

  private async pushNext (): Promise<void> {
    if (this.left <= 0) {
      this.push(null)
      return
    }
    while (this.requested < this.last && this.requested < this.next + this.ahead) {
      const get = this.core.get(this.requested)
      get.catch(noop) // awaited in order below; one cancelled by close must not go unhandled
      this.gets.set(this.requested++, get)
    }
    const index = this.next
    const get = this.gets.get(index)
    if (get === undefined) throw unavailable()
    const block = await within(get, this.timeout)
    if (this.destroyed) return
    this.gets.delete(index)
    this.next++
    if (block === null) throw unavailable()
    let chunk = this.skip > 0 ? block.subarray(this.skip) : block
    this.skip = 0
    if (chunk.byteLength > this.left) chunk = chunk.subarray(0, this.left)
    this.left -= chunk.byteLength
    this.onBytes(chunk.byteLength)
    this.push(chunk)
    if (this.left <= 0) this.push(null)
  }

  override _destroy (err: Error | null, cb: (err?: Error | null) => void): void {
    this.gets.clear()
    this.core.close().then(() => cb(err), () => cb(err))
  }
}

/** A stream of bytes start..end (inclusive) of a located file; each block waits at most `timeout`. */
export async function openBlob (found: Located, range: { start: number, end: number }, timeout: number, onBytes?: (bytes: number) => void): Promise<Readable> {
  const blobs = await within(found.drive.getBlobs(), timeout)
  if (blobs === null || found.blob === null) throw unavailable()
  return new BlobReader(blobs.core, found.blob, { ...range, timeout, onBytes })
}
