// The window of a room's messages that is on screen. A room may hold 100,000 messages; the UI
// loads one page at a time as the user scrolls up and keeps at most MAX_ROWS, dropping the
// newest when the user reads far back (then "Jump to latest" reloads the end).
//
// Rows are keyed by message id. Live messages are merged in by id (no duplicates); an 'update'
// (an edit, deletion or reaction) replaces the row it names and never adds one (a message not on
// screen, or hidden by ~clear, stays out); after a 'reset' (histories merged, positions moved)
// the visible window is reread, never patched. `reveal(id)` shows a message that is not loaded
// (a reply's original): the window becomes the page that ends with it; `revealFrom(id)` (the first
// unread, a search result) makes it a little before the message and as much after it as fits, and
// `loadNewer` reads on towards the latest as the user scrolls down. Own messages show as
// pending until a peer has them (ui/controllers/seen-marks.ts).
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { AppStore } from '../store.js'
import type { Message, StreamEvent } from '../types.js'
import { API_LIMITS } from '../../views/limits.js'
import { endingWith, readLatest, startingAt, withNewer, withOlder, withRow, type Around } from './message-pages.js'
import { SeenMarks } from './seen-marks.js'

export const PAGE = 50
export const MAX_ROWS = 300

export type Change = 'replace' | 'older' | 'newer' | 'none' | 'reveal'

/** How many messages before the one `revealFrom` shows come with it. */
const CONTEXT = 10

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
  /** Ids updated while a reread was in flight: its snapshot may predate them, so read again. */
  private updatedDuring: Set<string> | null = null
  /** The message `reveal` brought into view, for the log to scroll to once (then null). */
  revealed: string | null = null
  /** While loadNewer reads: live messages that arrived meanwhile, merged if it reaches the latest. */
  private arrivedNewer: Message[] | null = null
  private readonly marks = new SeenMarks(() => this.own())
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
    this.marks.reset()
    this.hasOlder = true
    this.atLatest = true
    this.newBelow = 0
    void this.reread()
  }

  /** Rereads the newest part of the room, as many rows as are shown now (at least a page). */
  async reread (): Promise<void> {
    const room = this.room
    if (room === null) return
    const gen = ++this.generation
    const count = Math.min(Math.max(this.atLatest ? this.rows.length : 0, PAGE), MAX_ROWS)
    this.arrived = []
    this.updatedDuring = new Set()
    this.atLatest = true
    try {
      const rows = await readLatest(this.store.api, room, count)
      if (gen !== this.generation) return
      const arrived = this.arrived
      const updated = this.updatedDuring
      this.arrived = null
      this.updatedDuring = null
      this.rows = rows.map(m => this.marks.mark(m))
      // Only what the snapshot lacks: for the rest the snapshot is the newer truth.
      const have = new Set(rows.map(m => m.id))
      for (const m of arrived ?? []) if (!have.has(m.id)) this.merge(m)
      this.hasOlder = rows.length >= count
      this.atLatest = true
      this.newBelow = 0
      this.error = null
      this.lastChange = 'replace'
      if (updated !== null && updated.size > 0) void this.refresh(room, gen, updated)
    } catch (err) {
      if (gen === this.generation) this.error = (err as Error).message
    } finally {
      if (gen === this.generation) { this.arrived = null; this.updatedDuring = null }
    }
    this.host.requestUpdate()
  }

  /** Reads again the rows changed while a reread was in flight (it may hold them as they were). */
  private async refresh (room: string, gen: number, ids: Set<string>): Promise<void> {
    for (const id of ids) {
      if (!this.rows.some(r => r.id === id)) continue
      const now = await this.store.api.message(room, id).catch(() => null)
      if (gen !== this.generation || now === null) continue
      this.patch(now)
    }
  }

  /**
   * Shows message `id`: if it is not on screen, the window becomes the page of history that
   * ends with it (newer rows come back with "Jump to latest"). False when the room no longer
   * shows it (deleted messages keep their place; ~clear hides).
   */
  async reveal (id: string): Promise<boolean> {
    if (this.room === null) return false
    if (this.rows.some(r => r.id === id)) {
      this.revealed = id
      this.host.requestUpdate()
      return true
    }
    return this.showAround(id, (room) => endingWith(this.store.api, room, id, PAGE - 1))
  }

  /**
   * Shows message `id` with CONTEXT messages before it and as many after it as fit: where a
   * reader starts reading (the first unread, a search result). False when the room does not show it.
   */
  revealFrom (id: string): Promise<boolean> {
    const want = Math.min(API_LIMITS.pageMessages, MAX_ROWS - CONTEXT - 1)
    return this.showAround(id, (room) => startingAt(this.store.api, room, id, CONTEXT, want))
  }

  /** The window becomes message `id` and what `around` reads beside it; false when it is gone. */
  private async showAround (id: string, around: (room: string) => Promise<Around>): Promise<boolean> {
    const room = this.room
    if (room === null) return false
    const gen = ++this.generation
    try {
      const target = await this.store.api.message(room, id)
      if (target === null) return false
      const { before, after, hasOlder, atLatest } = await around(room)
      if (gen !== this.generation) return false
      this.rows = [...before, target, ...after].map(m => this.marks.mark(m))
      this.hasOlder = hasOlder
      this.atLatest = atLatest
      this.newBelow = 0
      this.error = null
      this.revealed = id
      this.lastChange = 'reveal'
      this.host.requestUpdate()
      return true
    } catch (err) {
      if (gen === this.generation) { this.error = (err as Error).message; this.host.requestUpdate() }
      return false
    }
  }

  /** Reads the next page towards the latest, when the window ends before it (after a reveal). */
  async loadNewer (): Promise<void> {
    const room = this.room
    const last = this.rows.at(-1)
    if (room === null || last === undefined || this.loading || this.atLatest) return
    this.loading = true
    this.arrivedNewer = []
    const gen = this.generation
    try {
      const page = await this.store.api.messages(room, { limit: PAGE, after: last.id })
      if (gen !== this.generation || this.rows.at(-1)?.id !== last.id) return
      const { rows, trimmed } = withNewer(this.rows, page.map(m => this.marks.mark(m)), MAX_ROWS)
      if (trimmed) this.hasOlder = true
      this.rows = rows
      this.lastChange = 'none'
      if (page.length < PAGE) {
        this.atLatest = true
        this.newBelow = 0
        const have = new Set(this.rows.map(m => m.id))
        for (const m of this.arrivedNewer ?? []) if (!have.has(m.id)) this.merge(m)
      }
    } catch (err) {
      this.error = (err as Error).message
    } finally {
      this.arrivedNewer = null
      this.loading = false
      this.host.requestUpdate()
    }
  }

  /** This user's newest text message on screen that can still be edited (Up arrow). */
  lastOwnText (): Message | undefined {
    const me = this.store.room?.summary.identityKey
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const m = this.rows[i] as Message
      if (m.author.key === me && m.type === 'text' && !m.deleted) return m
    }
    return undefined
  }

  /** Replaces a row by a newer state of the same message; never adds one. */
  private patch (message: Message): void {
    const i = this.rows.findIndex(r => r.id === message.id)
    if (i === -1) return
    const m = this.marks.mark({ ...message, seen: message.seen || (this.rows[i] as Message).seen })
    this.rows = this.rows.map((r, j) => j === i ? m : r)
    this.lastChange = 'none'
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
      const { rows, trimmed } = withOlder(this.rows, page, MAX_ROWS)
      if (trimmed) this.atLatest = false
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
    const m = this.marks.mark(message)
    // A reread in flight may return a snapshot from before this message: keep it for later.
    this.arrived?.push(m)
    const i = this.rows.findIndex(r => r.id === m.id)
    if (i !== -1) {
      this.rows = this.rows.map(r => r.id === m.id ? m : r)
      this.lastChange = 'none'
    } else {
      const { rows, newest } = withRow(this.rows, m, MAX_ROWS)
      this.rows = rows
      this.lastChange = newest ? 'newer' : 'none'
    }
    this.host.requestUpdate()
  }

  private handle (ev: StreamEvent): void {
    if (!('room' in ev) || ev.room !== this.room) return
    switch (ev.type) {
      case 'message':
        if (this.atLatest) this.merge(ev.message)
        else { this.arrivedNewer?.push(ev.message); this.newBelow++; this.host.requestUpdate() }
        break
      case 'update':
        this.updatedDuring?.add(ev.message.id)
        this.patch(ev.message)
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

  private seen (seq: number): void {
    if (!this.marks.raise(seq)) return
    const rows = this.rows.map(m => this.marks.mark(m))
    if (rows.some((m, i) => m !== this.rows[i])) {
      this.rows = rows
      this.host.requestUpdate()
    }
  }
}
