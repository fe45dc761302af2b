// Between drives and callers: a size cap for upload streams and a byte counter for downloads.
import { Transform, type TransformCallback } from 'stream'
import { errors } from '../errors.js'
import { formatBytes } from './names.js'

/** Passes bytes through and fails with TOO_LARGE as soon as more than `max` went by. */
export class SizeLimit extends Transform {
  bytes = 0
  private readonly max: number

  constructor (max: number) {
    super()
    this.max = max
  }

  override _transform (chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.byteLength
    if (this.bytes > this.max) return cb(errors.tooLarge('The file', formatBytes(this.max)))
    cb(null, chunk)
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
