// A room whose Autobase closed on a storage error, and its way back (docs/architecture.md
// §11.5). When a write reaches a full disk anyway (a peer's blocks, another program filling
// the disk between two samples), RocksDB refuses every write until there is room again and
// recovers by itself once it has a write buffer free; but Autobase closes on the failed write
// and cannot be reopened. So the Room makes a new base on the same namespace: when the disk has
// room again, then every few seconds until it opens. Meanwhile reads and writes of the room
// say why they cannot be served (DISK_FULL), rather than SESSION_CLOSED.
import { errors, LinkUpError } from './errors.js'
import { describeError, type Logger } from './log.js'
import { isNoSpace } from './storage-errors.js'
import type { DiskSpace } from './disk-space.js'

const RETRY_MIN_MS = 2000
const RETRY_MAX_MS = 10_000

export interface RecoveryHooks {
  disk: DiskSpace
  /** Opens a new base in place of the closed one; throws if it cannot yet. */
  reopen: () => Promise<void>
  log: () => Logger
  /** The room's status changed (stalled, or back). */
  status: () => void
}

export class RoomRecovery {
  private readonly hooks: RecoveryHooks
  /** The last error the base reported before it closed. */
  private cause: unknown = null
  private stalledAt: number | null = null
  private timer: NodeJS.Timeout | null = null
  private delay = RETRY_MIN_MS
  private attempting = false
  private stopped = false
  private readonly onspace = (): void => { this.attempt() }

  constructor (hooks: RecoveryHooks) {
    this.hooks = hooks
  }

  /** The base reported an error (it closes itself next). */
  failed (err: unknown): void {
    this.cause = err
  }

  /** The base closed without the room closing: reopen it as soon as possible. */
  stalled (): void {
    if (this.stopped || this.stalledAt !== null) return
    this.stalledAt = Date.now()
    this.hooks.log().warn({ err: this.cause }, `stopped on a storage error (${describeError(this.cause)}): reopening once the disk has room`)
    this.hooks.disk.on('space', this.onspace)
    this.hooks.status()
    this.schedule()
  }

  /** Why the room cannot be used right now, or null when it can. */
  reason (): LinkUpError | null {
    if (this.stalledAt === null) return null
    const { disk } = this.hooks
    if (isNoSpace(this.cause)) return errors.diskFull(disk.dir, disk.free, disk.reserve)
    return new LinkUpError('CLOSED', `This room stopped on a storage error (${describeError(this.cause)}); LinkUp reopens it as soon as it can`)
  }

  /**
   * What a write that failed with `err` should say: DISK_FULL when the disk refused it (or the
   * base is closing because the disk refused another write), else `err` itself.
   */
  explain (err: unknown): unknown {
    if (!isNoSpace(err) && !isNoSpace(this.cause)) return err
    const { disk } = this.hooks
    return errors.diskFull(disk.dir, disk.free, disk.reserve)
  }

  stop (): void {
    this.stopped = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.hooks.disk.off('space', this.onspace)
  }

  private schedule (): void {
    if (this.stopped || this.timer !== null) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.attempt()
    }, this.delay)
    this.timer.unref()
  }

  private attempt (): void {
    if (this.stopped || this.attempting || this.stalledAt === null) return
    if (this.hooks.disk.full) return this.schedule()
    this.attempting = true
    this.hooks.reopen().then(() => {
      this.hooks.log().info({ stalledMs: Date.now() - (this.stalledAt ?? Date.now()) }, 'reopened after the storage error')
      this.stalledAt = null
      this.cause = null
      this.delay = RETRY_MIN_MS
      this.hooks.disk.off('space', this.onspace)
      this.hooks.status()
    }, (err: unknown) => {
      this.hooks.log().debug({ err }, `cannot reopen yet: ${describeError(err)}`)
      this.delay = Math.min(this.delay * 2, RETRY_MAX_MS)
    }).finally(() => {
      this.attempting = false
      if (this.stalledAt !== null) this.schedule()
    })
  }
}
