// The window of a room's messages that is on screen. A room may hold 100,000 messages; the UI
// loads one page at a time as the user scrolls up and keeps at most MAX_ROWS, dropping the
// newest when the user reads far back (then "Jump to latest" reloads the end).
//
// Rows are keyed by message id. Live messages are merged in by id (no duplicates); after a
// 'reset' (histories merged, positions moved) the visible window is reread, never patched.
// Own messages show as pending until the node reports ('seen') the highest seq of ours that a
// peer has: the id carries each message's seq, so that marks them without asking the node again.
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { AppStore } from '../store.js'
import type { Message, StreamEvent } from '../types.js'
import { API_LIMITS } from '../../views/limits.js'
import { parseMessageId } from '../../views/keys.js'

export const PAGE = 50
export const MAX_ROWS = 300

export type Change = 'replace' | 'older' | 'newer' | 'none'

export class MessageWindow implements ReactiveController {
  rows: Message[] = []
  room: string | null = null
  atLatest = true
  hasOlder = true
  loading = false
  newBelow = 0
  lastChange: Change = 'none'
  error: string | null = null
  private generation = 0
  /** Live messages that arrived while a reread was in flight, merged into its result. */
  private arrived: Message[] | null = null
  /** Our highest seq in this room that a peer has, as the stream last said (-1: none known). */
  private seenSeq = -1
  private readonly onRoomEvent = (e: Event): void => { this.handle((e as CustomEvent<StreamEvent>).detail) }
  private readonly onResync = (): void => { void this.reread() }

  constructor (private readonly host: ReactiveControllerHost, private readonly store: AppStore) {
    host.addController(this)
  }

  hostConnected (): void {
    this.store.addEventListener('room-event', this.onRoomEvent)
    this.store.addEventListener('resync', this.onResync)
  }

  hostDisconnected (): void {
    this.store.removeEventListener('room-event', this.onRoomEvent)
    this.store.removeEventListener('resync', this.onResync)
  }

  open (room: string | null): void {
    if (room === this.room) return
    this.room = room
    this.rows = []
    this.seenSeq = -1
    this.hasOlder = true
    this.atLatest = true
    this.newBelow = 0
    void this.reread()
  }

  /** Loads the newest `count` messages (in pages of at most API_LIMITS.pageMessages). */
  private async latest (room: string, count: number): Promise<Message[]> {
    let out: Message[] = []
    let before: string | undefined
    while (out.length < count) {
      const limit = Math.min(API_LIMITS.pageMessages, count - out.length)
      const page = await this.store.api.messages(room, before === undefined ? { limit } : { limit, before })
      out = [...page, ...out]
      if (page.length < limit || page[0] === undefined) break
      before = page[0].id
    }
    return out
  }

  /** Rereads the newest part of the room, as many rows as are shown now (at least a page). */
  async reread (): Promise<void> {
    const room = this.room
    if (room === null) return
    const gen = ++this.generation
    const count = Math.min(Math.max(this.atLatest ? this.rows.length : 0, PAGE), MAX_ROWS)
    this.arrived = []
    this.atLatest = true
    try {
      const rows = await this.latest(room, count)
      if (gen !== this.generation) return
      const arrived = this.arrived
      this.arrived = null
      this.rows = rows.map(m => this.withSeen(m))
      // Only what the snapshot lacks: for the rest the snapshot is the newer truth.
      const have = new Set(rows.map(m => m.id))
      for (const m of arrived ?? []) if (!have.has(m.id)) this.merge(m)
      this.hasOlder = rows.length >= count
      this.atLatest = true
      this.newBelow = 0
      this.error = null
      this.lastChange = 'replace'
    } catch (err) {
      if (gen === this.generation) this.error = (err as Error).message
    } finally {
      if (gen === this.generation) this.arrived = null
    }
    this.host.requestUpdate()
  }

  async loadOlder (): Promise<void> {
    const room = this.room
    const first = this.rows[0]
    if (room === null || first === undefined || this.loading || !this.hasOlder) return
    this.loading = true
    const gen = this.generation
    try {
      const page = await this.store.api.messages(room, { limit: PAGE, before: first.id })
      if (gen !== this.generation || this.rows[0]?.id !== first.id) return
      const known = new Set(this.rows.map(m => m.id))
      let rows = [...page.filter(m => !known.has(m.id)), ...this.rows]
      if (rows.length > MAX_ROWS) {
        rows = rows.slice(0, MAX_ROWS)
        this.atLatest = false
      }
      this.rows = rows
      this.hasOlder = page.length === PAGE
      this.lastChange = 'older'
    } catch (err) {
      this.error = (err as Error).message
    } finally {
      this.loading = false
      this.host.requestUpdate()
    }
  }

  /** Adds a message this user just sent (the stream will report it too; ids dedupe). */
  addOwn (m: Message): void {
    if (this.atLatest) this.merge(m)
  }

  private merge (message: Message): void {
    const m = this.withSeen(message)
    // A reread in flight may return a snapshot from before this message: keep it for later.
    this.arrived?.push(m)
    const i = this.rows.findIndex(r => r.id === m.id)
    if (i !== -1) {
      this.rows = this.rows.map(r => r.id === m.id ? m : r)
      this.lastChange = 'none'
    } else {
      const at = this.rows.findIndex(r => r.position > m.position)
      this.rows = at === -1 ? [...this.rows, m] : [...this.rows.slice(0, at), m, ...this.rows.slice(at)]
      if (this.rows.length > MAX_ROWS) this.rows = this.rows.slice(this.rows.length - MAX_ROWS)
      this.lastChange = at === -1 ? 'newer' : 'none'
    }
    this.host.requestUpdate()
  }

  private handle (ev: StreamEvent): void {
    if (!('room' in ev) || ev.room !== this.room) return
    switch (ev.type) {
      case 'message':
        if (this.atLatest) this.merge(ev.message)
        else { this.newBelow++; this.host.requestUpdate() }
        break
      case 'reset': case 'cleared': case 'profile':
        void this.reread()
        break
      case 'seen':
        this.seen(ev.seq)
        break
      default:
        break
    }
  }

  private own (): string | undefined {
    return this.store.room?.summary.writerKey
  }

  /** The message, marked seen if it is ours and a peer has its seq (its answer may be older). */
  private withSeen (m: Message): Message {
    if (m.seen || m.author.key !== this.own()) return m
    const seq = parseMessageId(m.id)?.seq
    return seq !== undefined && seq <= this.seenSeq ? { ...m, seen: true } : m
  }

  private seen (seq: number): void {
    if (seq <= this.seenSeq) return
    this.seenSeq = seq
    const rows = this.rows.map(m => this.withSeen(m))
    if (rows.some((m, i) => m !== this.rows[i])) {
      this.rows = rows
      this.host.requestUpdate()
    }
  }
}
