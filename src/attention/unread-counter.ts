// One room's unread count, kept current (docs/architecture.md §15.1). Read from the view at
// open and after anything that can move messages in or out of "unread" as a whole (a reorder,
// ~clear, the marker moving, a deletion); a new message from someone else only adds one.
// Passes coalesce like the message reader's: one running, at most one more queued.
import { EventEmitter } from 'events'
import type Hyperbee from 'hyperbee'
import type { Clock } from '../../views/records.js'
import { parseMessageId } from '../../views/keys.js'
import { locate, readClock, readCount } from '../../views/messages-reads.js'
import type { Message } from '../message.js'
import { readUnread, clockUpTo, NONE, type Unread } from './unread-reads.js'

export type { Unread } from './unread-reads.js'

export interface UnreadSource {
  view: () => Hyperbee
  /** This device's writer key in the room: its own messages are never unread. */
  me: () => string
  /** The person this device acts for (its identity, else its writer): mentions name it, and what they sent from any device is never unread. */
  person: () => string
  read: () => Clock
  cleared: () => Clock
  /** Persists a moved marker; false when it did not move. */
  markRead: (upTo: Clock) => Promise<boolean>
  /**
   * Resolves when the view may be read in the background: a joiner's view is sparse until its
   * first page is shown, and the count a join's history needs waits for that page
   * (ViewDownload.afterFirstPage). Absent: at once.
   */
  settled?: () => Promise<void>
}

/** Events: 'change' (Unread) whenever the count, mentions or first unread changed. */
export class UnreadCounter extends EventEmitter {
  private state: Unread = NONE
  /** The view's clock the last pass read: messages within it are counted already. */
  private counted: Clock = {}
  private running: Promise<void> | null = null
  private again = false
  private closed = false

  constructor (private readonly source: UnreadSource) {
    super()
  }

  get unread (): Unread { return this.state }

  /** Rereads the count from the view; concurrent calls coalesce into one more pass. */
  recount (): Promise<void> {
    if (this.running !== null) {
      this.again = true
      return this.running
    }
    this.running = this.pass().finally(() => { this.running = null })
    return this.running
  }

  close (): Promise<void> {
    this.closed = true
    return this.running ?? Promise.resolve()
  }

  /** A message entered the view: one more unread if it is someone else's past the marker. */
  added (m: Message): void {
    if (this.running !== null) { this.again = true; return } // the pass under way may or may not see it
    const parsed = parseMessageId(m.id)
    if (!this.isUnread(m) || (parsed !== null && parsed.seq <= (this.counted[parsed.writer] ?? -1))) return
    const mention = m.mentions.includes(this.source.person())
    this.set({ count: this.state.count + 1, mentions: this.state.mentions + (mention ? 1 : 0), first: this.state.first ?? m.id })
  }

  /** A message changed: a deletion, or mentions edited, of an unread one changes the counts. */
  updated (m: Message): void {
    if (this.isUnread({ ...m, deleted: false })) void this.recount().catch((err: unknown) => this.emit('error', err))
  }

  /** Marks the room read up to message `id` (default: all of it). False when nothing moved. */
  async markRead (id?: string): Promise<boolean> {
    const view = this.source.view()
    let upTo: Clock | null
    if (id === undefined) {
      upTo = await readClock(view)
    } else {
      const found = await locate(view, id)
      if (found === null) return false
      const [clock, count] = await Promise.all([readClock(view), readCount(view)])
      upTo = await clockUpTo(view, clock, found.position, count)
    }
    if (upTo === null || !(await this.source.markRead(upTo))) return false
    await this.recount()
    return true
  }

  private isUnread (m: Message): boolean {
    const parsed = parseMessageId(m.id)
    if (parsed === null || m.author.device === this.source.me() || m.author.key === this.source.person() || m.deleted) return false
    const from = Math.max(this.source.read()[parsed.writer] ?? -1, this.source.cleared()[parsed.writer] ?? -1)
    return parsed.seq > from
  }

  private async pass (): Promise<void> {
    do {
      this.again = false
      if (this.closed) return
      const view = this.source.view()
      const clock = await readClock(view)
      const next = await readUnread(view, clock, { read: this.source.read(), cleared: this.source.cleared() }, { writer: this.source.me(), person: this.source.person() })
      if (!this.again && !this.closed) {
        this.counted = clock
        this.set(next)
      }
    } while (this.again)
  }

  private set (next: Unread): void {
    const s = this.state
    if (s.count === next.count && s.mentions === next.mentions && s.first === next.first) return
    this.state = next
    this.emit('change', next)
  }
}

/** What the counter follows: the room's own events (src/room.ts). */
export interface RoomEvents {
  on (event: string, fn: (...args: unknown[]) => void): unknown
  emit (event: string, ...args: unknown[]): boolean
}

/** A counter following a room: its messages, changes, reorders and ~clear; 'unread' on the room when it changes. */
export function followRoom (room: RoomEvents, source: UnreadSource): UnreadCounter {
  const counter = new UnreadCounter(source)
  const recount = (): void => { counter.recount().catch((err: unknown) => room.emit('warning', err)) }
  // A reset also ends a join (the history it found, message-reader.ts): counting it reads up to
  // 2,000 records the joiner does not hold yet, so it waits until the first page was read.
  const settled = source.settled ?? (async () => {})
  const recountSettled = (): void => { settled().then(recount, (err: unknown) => room.emit('warning', err)) }
  room.on('message', (m) => counter.added(m as Message))
  room.on('update', (m) => counter.updated(m as Message))
  room.on('reset', recountSettled)
  room.on('cleared', recount)
  counter.on('change', (u: Unread) => room.emit('unread', u))
  counter.on('error', (err: unknown) => room.emit('warning', err))
  return counter
}
