// client.search (docs/architecture.md §15.2): one index for every room of this Client, one
// indexer per open room. The index is a guide, the view is the truth: each hit is read from its
// room before it is returned, so a message deleted, cleared or changed in a way the index has not
// caught up with (a reorder under way) is never shown; a stale one is indexed again on the spot.
import type Hyperbee from 'hyperbee'
import type { Message } from '../message.js'
import { errors } from '../errors.js'
import { isHex32 } from '../../views/limits.js'
import { SearchIndex, hash } from './search-index.js'
import { RoomIndexer, type IndexedSource, type IndexKeeper } from './room-indexer.js'
import { IndexFile } from './index-file.js'
import { roomInternals } from '../room-internals.js'
import type { Room } from '../room.js'
import type { Clock, WriterRecord } from '../../views/records.js'
import { readWriters } from '../../views/devices-reads.js'

export interface SearchResult {
  roomId: string
  message: Message
  /** The words of the message that matched (prefix and fuzzy matches included), for highlighting. */
  terms: string[]
}

export interface SearchQueryOptions { room?: string, author?: string, limit?: number }

export interface SearchableRoom extends IndexedSource {
  message (id: string): Promise<Message | null>
}

const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100
export const MAX_QUERY = 200

export class MessageSearch implements IndexKeeper {
  index = new SearchIndex()
  read = 0
  private readonly rooms = new Map<string, { room: SearchableRoom, indexer: RoomIndexer, view: () => Hyperbee }>()
  private file: IndexFile | null = null
  private loading: Promise<void> | null = null
  /** Positions from the file, for rooms not caught up yet (or not opened this time). */
  private readonly positions = new Map<string, Clock>()

  /**
   * Keeps the index in `file` (docs/architecture.md §15.2): loaded when the first room starts
   * indexing, written in the background as it changes and at close.
   */
  keepIn (file: string, warn: (msg: string, err?: unknown) => void): void {
    this.file = new IndexFile(file, () => this.snapshot(), warn)
    this.index.onChange = () => this.file?.changed()
  }

  /** Indexes a room, and follows it; `cleared` is this device's ~clear marker for it. */
  add (room: Room, cleared: () => Clock): void {
    if (this.rooms.has(room.id)) return
    const hooks = { view: () => roomInternals(room).base.view, cleared, warn: (err: unknown) => room.emit('warning', err), settled: () => roomInternals(room).afterFirstPage() }
    this.rooms.set(room.id, { room, indexer: new RoomIndexer(room, this, hooks), view: hooks.view })
  }

  remove (id: string): void {
    this.rooms.get(id)?.indexer.close()
    this.rooms.delete(id)
    this.forget(id)
  }

  /** Writes the index (if it changed), then stops following the rooms. */
  async close (): Promise<void> {
    await this.file?.close()
    for (const [id, { indexer }] of this.rooms) {
      indexer.close()
      this.rooms.delete(id)
    }
  }

  /** Writes the index now if it changed since the last write (tests, bench). */
  async flush (): Promise<void> { await this.file?.flush() }

  loaded (): Promise<void> {
    this.loading ??= this.load()
    return this.loading
  }

  saved (room: string): Clock | undefined { return this.positions.get(room) }

  forget (room: string): void {
    if (this.positions.delete(room)) this.file?.changed()
  }

  private async load (): Promise<void> {
    const got = await this.file?.load() ?? null
    if (got === null) return
    // a room written without a position was being built: its part is indexed afresh
    for (const id of got.index.roomIds()) if (!got.positions.has(id)) got.index.dropRoom(id)
    got.index.onChange = () => this.file?.changed()
    this.index = got.index
    for (const [id, clock] of got.positions) this.positions.set(id, clock)
  }

  private snapshot (): { positions: Map<string, Clock>, index: SearchIndex } {
    const positions = new Map(this.positions)
    for (const [id, { indexer }] of this.rooms) if (indexer.position !== null) positions.set(id, indexer.position)
    return { positions, index: this.index }
  }

  /** Builds every room's index now if it is still waiting; resolves when all are built. */
  async built (): Promise<void> {
    await Promise.all([...this.rooms.values()].map(r => r.indexer.ready()))
  }

  /**
   * The keys the index knows an author by: the index keeps writer keys (a binding that arrives
   * late needs no reindex), so a person is their key and every writer bound to it in any room.
   */
  private async writersOf (author: string): Promise<string[]> {
    const out = new Set([author])
    for (const { view } of this.rooms.values()) {
      const bindings = await readWriters(view()).catch(() => new Map<string, WriterRecord>())
      for (const [writer, record] of bindings) if (record.identity === author) out.add(writer)
    }
    return [...out]
  }

  async search (query: string, opts: SearchQueryOptions = {}, again = false): Promise<SearchResult[]> {
    if (typeof query !== 'string' || query.trim() === '' || query.length > MAX_QUERY) throw errors.invalid(`A search is 1 to ${MAX_QUERY} characters`)
    const limit = opts?.limit ?? DEFAULT_LIMIT
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw errors.invalid(`limit is a whole number from 1 to ${MAX_LIMIT}`)
    if (opts.room !== undefined && !this.rooms.has(opts.room)) throw errors.notFound('The room')
    if (opts.author !== undefined && !isHex32(opts.author)) throw errors.invalid('author is a member key (64 hex characters)')
    await this.built() // the first search does not wait for the build's delay (a no-op after)
    const filter = { ...(opts.room === undefined ? {} : { room: opts.room }), ...(opts.author === undefined ? {} : { author: await this.writersOf(opts.author) }) }
    const out: SearchResult[] = []
    let stale = false
    for (const hit of this.index.search(query, filter)) {
      if (out.length === limit) break
      const room = this.rooms.get(hit.room)?.room
      // a room of the file that did not open (yet): its part stays for when it does
      if (room === undefined && this.positions.has(hit.room)) continue
      const message = room === undefined ? null : await room.message(hit.id)
      if (message === null || message.deleted || message.text === undefined) {
        this.index.remove(hit.room, hit.id)
        continue
      }
      if (hash(message.text) !== hit.hash) {
        this.index.put({ room: hit.room, id: hit.id, author: message.author.device, ts: message.timestamp, text: message.text })
        stale = true
        continue
      }
      out.push({ roomId: hit.room, message, terms: hit.terms })
    }
    // A stale hit was indexed again as it is now: it may still match, in its new place.
    return stale && !again ? await this.search(query, opts, true) : out
  }
}
