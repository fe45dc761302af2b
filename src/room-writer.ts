// The write path of a room (docs/architecture.md §5): this device's events go to its own
// writer core, group-committed through the AppendQueue. Every event is checked with the
// schema's own decoder before it is written, so this device never appends a block that every
// peer's apply would skip.
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { decodeEvent, encodeEvent, type RoomEvent, type MentioningText } from '../views/schema.js'
import { AppendQueue, postingEvent, type Appended } from './append-queue.js'
import { errors } from './errors.js'

const WRITABLE_GRACE_MS = 5000

export type { Appended } from './append-queue.js'

export interface WriterHooks {
  /** Throws when the room cannot be written at all (closed, or stopped by a newer build). */
  assertOpen: () => void
  /** Whether this device's writer key was removed (then write access is gone for good). */
  banned: () => Promise<boolean>
  /** Whether this device already knows it was removed (no read needed). */
  removed: () => boolean
  /** The error to give a caller whose write failed with `err` (a full disk says DISK_FULL). */
  explain: (err: unknown) => unknown
}

/** An event's block, once the schema accepts it: what peers will apply, never what they skip. */
export function encodeChecked (event: RoomEvent): Buffer {
  const block = encodeEvent(event)
  const decoded = decodeEvent(block)
  if (decoded === null || decoded.kind !== 'event') throw errors.invalid(`Not a valid ${String(event?.type)} event`)
  return block
}

export class RoomWriter {
  private readonly base: Autobase<Hyperbee>
  private readonly hooks: WriterHooks
  private readonly queue: AppendQueue

  constructor (base: Autobase<Hyperbee>, hooks: WriterHooks) {
    this.base = base
    this.hooks = hooks
    this.queue = new AppendQueue(base)
  }

  /** Throws (CLOSED, NOT_WRITABLE…) when a write would: for work to check before it starts. */
  assertWritable (): void {
    this.hooks.assertOpen()
    if (!this.base.writable || this.hooks.removed()) throw errors.notWritable()
  }

  /** Appends one event as a writer of the room, in the next group commit; resolves to its seq. */
  async append (event: RoomEvent): Promise<number> {
    const block = encodeChecked(event)
    return (await this.write((queue) => queue.append(block))).seq
  }

  /** A text message, packed with the texts sent beside it (a messages-posted block). */
  async post (text: MentioningText): Promise<Appended> {
    encodeChecked(postingEvent([text])) // what each packed entry must be
    return await this.write((queue) => queue.post(text))
  }

  /**
   * Appends a block from a key that is not (yet) a writer: the join proof. Any peer applying
   * it admits us (views/members.ts), so joining works while the owner is offline.
   */
  async appendOptimistic (event: RoomEvent): Promise<number> {
    const block = encodeChecked(event)
    this.hooks.assertOpen()
    try {
      const length = await this.base.append(block, { optimistic: true })
      return length - 1
    } catch (err) {
      throw this.hooks.explain(err)
    }
  }

  /** Resolves when everything queued so far has been appended. */
  drained (): Promise<void> {
    return this.queue.drained()
  }

  private async write (op: (queue: AppendQueue) => Promise<Appended>): Promise<Appended> {
    this.hooks.assertOpen()
    if (this.hooks.removed()) throw errors.notWritable()
    if (!this.base.writable && !(await this.regainWritable())) throw errors.notWritable()
    try {
      return await op(this.queue)
    } catch (err) {
      const explained = this.hooks.explain(err)
      if (explained !== err) throw explained
      // Autobase says so in its own words when write access went away while queued.
      if (!this.base.writable) throw errors.notWritable()
      throw err
    }
  }

  /**
   * Writability drops for a moment when a reorder re-applies this device's own join (several
   * devices joining at once do that): wait for it to come back, up to WRITABLE_GRACE_MS. A
   * removed member (banned in the view) is refused at once.
   */
  private async regainWritable (): Promise<boolean> {
    if (await this.hooks.banned()) return false
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer)
        this.base.off('update', check)
        resolve(ok)
      }
      const check = (): void => { if (this.base.writable) done(true) }
      const timer = setTimeout(() => done(this.base.writable), WRITABLE_GRACE_MS)
      this.base.on('update', check)
      check()
    })
  }
}
