// Keeps one room's messages in the search index (docs/architecture.md §15.2). Soon after the
// room opens (or at the first search), the index saved on disk is loaded (src/search/index-file.ts)
// and the room caught up from the position saved with it (src/search/catch-up.ts); a room the
// file does not know is built from the view, newest first, in slices so the node keeps
// answering. Then the room's own events keep it: a new message is added; an edit replaces its
// text; a deletion and ~clear remove; a reorder catches up again from the position, since which
// edit is last can change with the order. The live events always win over a build or catch-up
// under way: they add only what the index does not hold yet, and never what was deleted meanwhile.
import type Hyperbee from 'hyperbee'
import { ranges, parseMessageId } from '../../views/keys.js'
import { readClock } from '../../views/messages-reads.js'
import type { MessageRecord, Clock } from '../../views/records.js'
import type { Message } from '../message.js'
import type { SearchIndex } from './search-index.js'
import { catchUp } from './catch-up.js'

export interface IndexedSource {
  readonly id: string
  on (event: string, fn: (...args: unknown[]) => void): unknown
  off (event: string, fn: (...args: unknown[]) => void): unknown
}

export interface IndexerHooks {
  view: () => Hyperbee
  cleared: () => Clock
  warn: (err: unknown) => void
  /**
   * Resolves when the view may be read in the background: after a join's first page (a build
   * reads the whole view, which a joiner fetches from its peers). Absent: at once.
   */
  settled?: () => Promise<void>
}

/** What the indexer needs of the search it belongs to (src/search/message-search.ts). */
export interface IndexKeeper {
  readonly index: SearchIndex
  /** Loads the saved index (once, for every room); resolves when it is in place. */
  loaded (): Promise<void>
  /** The position this room was saved at, if the file had it and it still stands. */
  saved (room: string): Clock | undefined
  /** The room is no longer as saved: it is indexed afresh. */
  forget (room: string): void
  /** Messages read from a view to index them (a restart that caught up reads few). */
  read: number
}

const SLICE = 500
// The first indexing waits this long after the room opens, so opening (the first page, a
// restart's catch-up) has the process to itself, and then for a join's first page (settled);
// a search before then starts it at once.
export const BUILD_DELAY_MS = 2000

export class RoomIndexer {
  /** Resolves when the first build or catch-up is done. */
  readonly built: Promise<void>
  /**
   * Per writer, the seq up to which every message of the room is in the index (deleted and
   * cleared ones left out): null until the first build or catch-up is done.
   */
  position: Clock | null = null
  private startBuild: () => void = () => {}
  private readonly delay: ReturnType<typeof setTimeout>
  private closed = false
  /** Events are taken once the saved index is in place: the catch-up covers those before. */
  private live = false
  private syncing: Promise<void> | null = null
  private building = false
  /** The position came from the file: the first catch-up also applies the ~clear marker. */
  private fromFile = false
  private again = false
  /** Deleted while a build or catch-up runs: it must not bring them back. */
  private readonly removed = new Set<string>()
  private readonly handlers: Record<string, (...args: unknown[]) => void>

  constructor (private readonly room: IndexedSource, private readonly keeper: IndexKeeper, private readonly hooks: IndexerHooks) {
    this.handlers = {
      message: (m) => { this.put(m as Message); this.advance((m as Message).id) },
      update: (m) => this.put(m as Message),
      cleared: () => { if (this.live) this.index.clear(this.room.id, this.hooks.cleared()) },
      reset: () => {
        if (this.position === null) return // the build under way sees it
        this.resync().then(async () => { if (this.position === null) await this.build() }).catch(hooks.warn)
      }
    }
    for (const [name, fn] of Object.entries(this.handlers)) room.on(name, fn)
    const started = new Promise<void>((resolve) => { this.startBuild = resolve })
    const settled = hooks.settled ?? (async () => {})
    this.delay = setTimeout(() => { settled().then(() => this.startBuild(), hooks.warn) }, BUILD_DELAY_MS)
    this.delay.unref?.()
    this.built = started.then(async () => await this.start()).catch((err: unknown) => hooks.warn(err))
  }

  private get index (): SearchIndex { return this.keeper.index }

  /** Starts the first build now, if it is still waiting; resolves when it is done. */
  ready (): Promise<void> {
    clearTimeout(this.delay)
    this.startBuild()
    return this.built
  }

  close (): void {
    this.closed = true
    clearTimeout(this.delay)
    this.startBuild() // the build sees `closed` and ends at once
    for (const [name, fn] of Object.entries(this.handlers)) this.room.off(name, fn)
    if (this.live) this.index.dropRoom(this.room.id)
  }

  private async start (): Promise<void> {
    // Closed before it began (close() releases a build still waiting, to end it): no read. A
    // read stream opened on a room's closing view fails inside Hypercore's session opening,
    // where nothing can catch it (an uncaught TypeError, 6 in a full suite).
    if (this.closed) return
    await this.keeper.loaded()
    if (this.closed) return
    this.live = true
    const saved = this.keeper.saved(this.room.id)
    if (saved !== undefined) {
      this.position = saved
      this.fromFile = true
      await this.resync()
      if (this.position !== null || this.closed) return
    }
    await this.build()
  }

  /** Catches up from the position (again if a reorder came meanwhile); a position the view is behind starts afresh. */
  private async resync (): Promise<void> {
    this.again = true
    if (this.syncing !== null) return await this.syncing
    this.syncing = (async () => {
      while (this.again && !this.closed && this.position !== null) {
        this.again = false
        const from = this.position
        if (this.fromFile) this.index.clear(this.room.id, this.hooks.cleared()) // a ~clear the file missed
        this.fromFile = false
        const clock = await catchUp(this.hooks.view(), from, this.sink())
        if (this.closed) return // it stopped part-way: the position stays where it was
        if (clock === null) {
          this.hooks.warn(new Error(`the saved search index of room ${this.room.id.slice(0, 8)} is ahead of its view: indexed afresh`))
          this.position = null
          this.index.dropRoom(this.room.id)
          this.keeper.forget(this.room.id)
        } else if (!this.again) {
          this.position = merged(this.position ?? {}, clock)
        }
      }
    })().finally(() => { this.syncing = null; this.removed.clear() })
    await this.syncing
  }

  private sink (): { put: (r: MessageRecord) => void, remove: (id: string) => void, closed: () => boolean } {
    return {
      put: (r) => { this.keeper.read++; this.putRecord(r) },
      remove: (id) => this.index.remove(this.room.id, id),
      closed: () => this.closed
    }
  }

  /** A message the room emitted: its writer's position moves up to it once the first pass is done. */
  private advance (id: string): void {
    const parsed = parseMessageId(id)
    // during a pass, the position moves only at its end (to the clock it read): a message past
    // it now says nothing of the seqs the pass has not read yet
    if (this.position === null || parsed === null || this.syncing !== null || this.building) return
    if (parsed.seq > (this.position[parsed.writer] ?? -1)) this.position = { ...this.position, [parsed.writer]: parsed.seq }
  }

  private put (m: Pick<Message, 'id' | 'author' | 'text' | 'deleted' | 'timestamp'>): void {
    if (this.closed || !this.live) return
    if (m.deleted || m.text === undefined) {
      if (this.syncing !== null || this.building) this.removed.add(m.id)
      this.index.remove(this.room.id, m.id)
      return
    }
    // The writer key (the record's author), as the build from records indexes it: docs/architecture.md §16.5.
    this.index.put({ room: this.room.id, id: m.id, author: m.author.device, ts: m.timestamp, text: m.text })
  }

  /** From a read of the view: never what a live event deleted meanwhile, never what ~clear hides. */
  private putRecord (r: MessageRecord): void {
    if (this.removed.has(r.id) || r.seq <= (this.hooks.cleared()[r.author] ?? -1)) return
    if (r.deleted === true || r.text === undefined) {
      this.index.remove(this.room.id, r.id)
      return
    }
    this.index.put({ room: this.room.id, id: r.id, author: r.author, ts: r.ts, text: r.text })
  }

  private async build (): Promise<void> {
    if (this.closed) return
    const view = this.hooks.view()
    const clock = await readClock(view)
    let reordered = false
    const onReset = (): void => { reordered = true }
    this.room.on('reset', onReset)
    this.building = true
    try {
      let n = 0
      for await (const { value } of view.createReadStream({ ...ranges.messages, reverse: true })) {
        if (this.closed) return
        const r = value as MessageRecord
        if (!this.index.has(this.room.id, r.id)) { this.keeper.read++; this.putRecord(r) }
        if (++n % SLICE === 0) await new Promise(resolve => setImmediate(resolve))
      }
    } finally {
      this.room.off('reset', onReset)
      this.building = false
      this.removed.clear()
    }
    // A reorder during the stream can move messages past it: every writer's are read again.
    this.position = reordered ? {} : clock
    if (reordered) await this.resync()
  }
}

function merged (a: Clock, b: Clock): Clock {
  const out = { ...a }
  for (const [w, s] of Object.entries(b)) if (s > (out[w] ?? -1)) out[w] = s
  return out
}
