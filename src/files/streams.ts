// Between drives and callers: a size cap for upload streams and a byte counter for downloads.
import { Transform, type TransformCallback } from 'stream'
import { errors } from '../errors.js'
import { formatBytes } from './names.js'

/** Bytes of an upload between two checks of the free disk space. */
const SPACE_CHECK_BYTES = 8 * 2 ** 20

/**
 * Passes bytes through and fails with TOO_LARGE as soon as more than `max` went by; with
 * `room`, asks before each 8 MiB whether the disk has room for them (it throws DISK_FULL).
 */
export class SizeLimit extends Transform {
  bytes = 0
  private readonly max: number
  private readonly room: ((bytes: number) => Promise<void>) | null
  private allowed = 0

  constructor (max: number, room: ((bytes: number) => Promise<void>) | null = null) {
    super()
    this.max = max
    this.room = room
  }

  override _transform (chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.byteLength
    if (this.bytes > this.max) return cb(errors.tooLarge('The file', formatBytes(this.max)))
    if (this.room === null || this.bytes <= this.allowed) return cb(null, chunk)
    const next = Math.max(SPACE_CHECK_BYTES, chunk.byteLength)
    this.room(next).then(() => {
      this.allowed = this.bytes + next
      cb(null, chunk)
    }, (err: unknown) => cb(err as Error))
  }
}

export interface Progress { bytes: number, total: number }

/**
 * Counts bytes read and reports progress, at most every `step` bytes (1 % of the total, at
 * least 64 KiB) and once all `total` bytes are in. A listener that throws is ignored.
 */
export class ProgressMeter {
  bytes = 0
  private reported = 0
  private readonly total: number
  private readonly step: number
  private readonly report: (p: Progress) => void

  constructor (total: number, report: (p: Progress) => void) {
    this.total = total
    this.report = report
    this.step = Math.max(64 * 1024, Math.floor(total / 100))
  }

  add (n: number): void {
    this.bytes += n
    if (this.bytes - this.reported >= this.step || this.bytes >= this.total) this.emitProgress()
  }

  private emitProgress (): void {
    this.reported = this.bytes
    try {
      this.report({ bytes: this.bytes, total: this.total })
    } catch {} // a listener's bug must not break the download
  }
}
