// Keeps one room's messages in the search index (docs/architecture.md §15.2): built once from the
// view soon after the room opens (newest first, in slices so the node keeps answering), then kept by
// the room's own events. A new message is added; an edit replaces its text; a deletion and
// ~clear remove; after a reorder every message that some change touched is read again, since
// which edit is last can change with the order. The live events always win over the build: the
// build adds only what the index does not hold yet, and never what was deleted meanwhile.
import type Hyperbee from 'hyperbee'
import { ranges } from '../../views/keys.js'
import { locate } from '../../views/messages-reads.js'
import type { MessageRecord, ChangeRecord, Clock } from '../../views/records.js'
import type { Message } from '../message.js'
import type { SearchIndex } from './search-index.js'

export interface IndexedSource {
  readonly id: string
  on (event: string, fn: (...args: unknown[]) => void): unknown
  off (event: string, fn: (...args: unknown[]) => void): unknown
}

export interface IndexerHooks {
  view: () => Hyperbee
  cleared: () => Clock
  warn: (err: unknown) => void
}

const SLICE = 500
// The build waits this long after the room opens, so opening (the first page, a restart's
// catch-up) has the process to itself; a search before then starts it at once.
export const BUILD_DELAY_MS = 2000

export class RoomIndexer {
  /** Resolves when the first build is done. */
  readonly built: Promise<void>
  private startBuild: () => void = () => {}
  private readonly delay: ReturnType<typeof setTimeout>
  private closed = false
  private building = true
  /** Deleted while the build runs: the build must not bring them back. */
  private readonly removed = new Set<string>()
  private readonly handlers: Record<string, (...args: unknown[]) => void>

  constructor (private readonly room: IndexedSource, private readonly index: SearchIndex, private readonly hooks: IndexerHooks) {
    this.handlers = {
      message: (m) => this.put(m as Message),
      update: (m) => this.put(m as Message),
      cleared: () => this.index.clear(this.room.id, this.hooks.cleared()),
      reset: () => { this.rereadChanged().catch(hooks.warn) }
    }
    for (const [name, fn] of Object.entries(this.handlers)) room.on(name, fn)
    const started = new Promise<void>((resolve) => { this.startBuild = resolve })
    this.delay = setTimeout(() => this.startBuild(), BUILD_DELAY_MS)
    this.delay.unref?.()
    this.built = started.then(async () => await this.build()).catch((err: unknown) => hooks.warn(err)).finally(() => {
      this.building = false
      this.removed.clear()
    })
  }

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
    this.index.dropRoom(this.room.id)
  }

  private put (m: Pick<Message, 'id' | 'author' | 'text' | 'deleted' | 'timestamp'>): void {
    if (this.closed) return
    if (m.deleted || m.text === undefined) {
      if (this.building) this.removed.add(m.id)
      this.index.remove(this.room.id, m.id)
      return
    }
    // The writer key (the record's author), as the build from records indexes it: docs/architecture.md §16.5.
    this.index.put({ room: this.room.id, id: m.id, author: m.author.device, ts: m.timestamp, text: m.text })
  }

  private putRecord (r: MessageRecord): void {
    this.put({ id: r.id, author: { key: r.author, device: r.author, name: '' }, text: r.text, deleted: r.deleted === true, timestamp: r.ts })
  }

  private async build (): Promise<void> {
    // Closed before it began (close() releases a build still waiting, to end it): no read. A
    // read stream opened on a room's closing view fails inside Hypercore's session opening,
    // where nothing can catch it (an uncaught TypeError, 6 in a full suite).
    if (this.closed) return
    const cleared = this.hooks.cleared()
    let n = 0
    for await (const { value } of this.hooks.view().createReadStream({ ...ranges.messages, reverse: true })) {
      if (this.closed) return
      const r = value as MessageRecord
      const hidden = r.seq <= (cleared[r.author] ?? -1)
      if (!hidden && !this.removed.has(r.id) && !this.index.has(this.room.id, r.id)) this.putRecord(r)
      if (++n % SLICE === 0) await new Promise(resolve => setImmediate(resolve))
    }
    this.building = false
    this.removed.clear()
  }

  /** After a reorder: every message a change touched, as the view now has it. */
  private async rereadChanged (): Promise<void> {
    if (this.closed) return
    const view = this.hooks.view()
    const ids = new Set<string>()
    for await (const { value } of view.createReadStream({ gt: 'chg/', lt: 'chg0' })) ids.add((value as ChangeRecord).id)
    const cleared = this.hooks.cleared()
    for (const id of ids) {
      if (this.closed) return
      const found = await locate(view, id)
      if (found === null || found.record.seq <= (cleared[found.record.author] ?? -1)) this.index.remove(this.room.id, id)
      else this.putRecord(found.record)
    }
  }
}

