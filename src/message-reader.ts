// Reads messages from a room's view: pages for scrolling back, and the live feed of messages
// entering the view. The feed follows the per-writer clock the view keeps (clock/<key>):
// a message is new when its writer's seq passes what was already emitted. Unlike a diff of
// positions, that stays exact when a merge reorders history.
import { EventEmitter } from 'events'
import type Hyperbee from 'hyperbee'
import { messageId } from '../views/keys.js'
import type { Clock } from '../views/records.js'
import type { Message } from './message.js'
import { MessageShaper, type FirstSeenLog } from './message-shaper.js'
import { readClock, readCount, readSkipped, locate, type Positioned as Fresh } from '../views/messages-reads.js'
import { readProfileChanges } from '../views/profiles-reads.js'
import { readChange, type Change } from '../views/changes-reads.js'
import { changeSpans, coveredClock, readNewChanges, touched, LastShown } from './reader-changes.js'
import { readPage, hidden, type PageOptions } from './reader-pages.js'
import { RecentMap } from './recent-map.js'
import { readFresh } from './reader-slices.js'

export { MAX_PAGE, hidden } from './reader-pages.js'

const RECENT_MAX = 1024

/** What the reader reads: the room's view, and this device's writer (an Autobase is one). */
export interface ReaderSource {
  readonly view: Hyperbee
  readonly local: { readonly key: Buffer }
}

export interface ReaderHooks {
  /** This device's ~clear marker for the room. */
  cleared: () => Clock
  /** When this device first saw a block whose sender's clock was far off (src/first-seen.ts). */
  firstSeen?: FirstSeenLog
}

/**
 * Events: 'message' (Message), 'update' (Message: one already in the view was edited, deleted
 * or reacted to), 'reset' (history reordered), 'profile' (a user changed),
 * 'skipped' (n, total) when apply skipped n more blocks than ever before (invalid or not allowed).
 */
export class MessageReader extends EventEmitter {
  /** Per writer, the last seq applied to the view. */
  clock: Clock = {}
  /** Our highest seq that some peer has applied: later ones are not yet seen. */
  seen = -1
  private emitted: Clock = {}
  private readonly base: ReaderSource
  private readonly hooks: ReaderHooks
  private fork = 0
  /** The view's length after the last pass: unchanged (and not truncated) means nothing new. */
  private length = 0
  private count = 0
  /** Set when the view was truncated: a reorder, which does not always change the fork. */
  private truncated = false
  /** The least length the view was truncated to since the last pass (Infinity: none). */
  private kept = Infinity
  private profiles = 0
  /** The most blocks the view has counted as skipped (a reorder may count some again). */
  private skipped = 0
  /** Records as Messages (message-shaper.ts); its authors hold until names or bindings change. */
  private readonly shaper: MessageShaper
  /** This device's messages as the feed emitted them, until own() hands them to send(). */
  private readonly recent = new RecentMap<string, Message>(RECENT_MAX)
  /** Messages this device's changes updated, by the change's seq, until ownChange() takes them. */
  private readonly recentChanges = new RecentMap<number, Message>(RECENT_MAX)
  private readonly lastShown = new LastShown(RECENT_MAX)
  /** This device's writer had nothing in the view when the room opened here: it is joining. */
  private blank = false
  /** The next pass takes what the view holds as history (see adoptHistory). */
  private history = false
  private running: Promise<void> | null = null
  private again = false
  private closed = false

  constructor (base: ReaderSource, hooks: ReaderHooks) {
    super()
    this.base = base
    this.hooks = hooks
    this.shaper = new MessageShaper({
      view: () => this.view,
      writer: () => this.writer,
      seen: () => this.seen,
      emitted: (writer) => this.emitted[writer] ?? -1
    }, hooks.firstSeen)
  }

  private get view (): Hyperbee { return this.base.view }
  private get writer (): string { return this.base.local.key.toString('hex') }

  private readonly ontruncate = (to: number): void => {
    this.truncated = true
    this.kept = Math.min(this.kept, to)
  }

  async ready (): Promise<void> {
    this.view.core.on('truncate', this.ontruncate)
    const view = this.view
    this.fork = view.core.fork
    this.length = view.core.length
    // Independent reads of one view: together, so the open waits on storage once, not four times.
    const [clock, count, profiles, skipped] = await Promise.all([readClock(view), readCount(view), readProfileChanges(view), readSkipped(view)])
    this.clock = clock
    this.emitted = { ...clock }
    this.count = count
    this.blank = clock[this.writer] === undefined
    this.profiles = profiles
    this.skipped = skipped
  }

  /**
   * After the room's base was reopened (room-recovery.ts): the same view in a new session.
   * Follow its truncations and catch up as after a reorder, from what was already emitted, so
   * nothing applied around the reopen is missed or announced twice.
   */
  async reattach (): Promise<void> {
    this.view.core.on('truncate', this.ontruncate)
    this.truncated = true
    this.kept = 0 // what the old session kept is not known
    await this.update()
  }

  close (): Promise<void> {
    this.closed = true
    return this.running ?? Promise.resolve()
  }

  /**
   * The base fast-forwarded. If this device is joining (its writer had nothing in the view when
   * the room opened here), what the room holds is history, not news: the next pass takes it as seen and emits
   * 'reset' (read pages), not a 'message' for each of its messages. A joiner of a room of
   * 10,000 messages read and emitted all of them before its join completed (issue #18).
   * Returns whether it did (this device is joining).
   */
  adoptHistory (): boolean {
    if (this.blank) this.history = true
    return this.blank
  }

  /** The view's length at the last pass: what the view holds past it is new to this reader. */
  get readLength (): number {
    return this.length
  }

  /** Catches up with the view; concurrent calls coalesce into one more pass. */
  update (): Promise<void> {
    if (this.running !== null) {
      this.again = true
      return this.running
    }
    this.running = this.pass().finally(() => { this.running = null })
    return this.running
  }

  /**
   * A message this device just appended, as the feed emitted it (no second read of the view);
   * read from the view if the feed did not carry it (it was emitted before, or reordered).
   */
  async own (seq: number, part?: number): Promise<Message | null> {
    await this.update()
    const id = messageId(this.writer, seq, part)
    return this.recent.take(id) ?? await this.byId(id)
  }

  /**
   * The message this device's change (block `seq`) updated, as the feed announced it; read from
   * the view if the feed did not carry it. null when apply refused the change.
   */
  async ownChange (seq: number): Promise<Message | null> {
    await this.update()
    const message = this.recentChanges.take(seq)
    if (message !== undefined) return message
    const id = await readChange(this.view, this.writer, seq)
    return id === null ? null : this.byId(id)
  }

  private async pass (): Promise<void> {
    do {
      this.again = false
      if (this.closed) return
      await this.catchUp()
    } while (this.again)
  }

  // Reads the live view: it shares the view's warm block cache (a snapshot starts cold and
  // costs a RocksDB read per block). Each read is consistent on its own; together they are
  // consistent because apply only appends between truncations and writes a block's messages
  // and its writer's clock in one flush: every position below a count read before the clock
  // is in the clock, and the clock claims nothing past a count read after it. A truncation
  // during the reads makes the pass read again as a reorder.
  private async catchUp (): Promise<void> {
    const view = this.view
    let reordered = false
    let kept = Infinity
    for (;;) {
      const forked = view.core.fork !== this.fork
      kept = Math.min(kept, this.truncated ? this.kept : forked ? 0 : Infinity) // a new fork unannounced: nothing known kept
      reordered = reordered || this.truncated || forked
      this.truncated = false
      this.kept = Infinity
      const fork = view.core.fork
      const length = view.core.length
      const history = this.history
      if (!reordered && !history && length === this.length) return // nothing was applied since the last pass
      // The counters are read beside the first count: only the clock must come between the counts.
      const [profiles, skipped, clocked] = await Promise.all([readProfileChanges(view), readSkipped(view), readCount(view)])
      const clock = await readClock(view)
      const count = await readCount(view)
      // The new positions, a SLICE at most (reader-slices.ts); history a join found is not read
      // at all (adoptHistory).
      const { fresh, end } = history
        ? { fresh: [], end: count }
        : await readFresh(view, { count: this.count, emitted: this.emitted }, { count, clock, clocked }, reordered ? kept : null)
      const partial = end < count
      // Its changes likewise (the 'reset' below has every reader reread what it shows). A
      // slice covers each writer up to its last message read: the blocks between are applied.
      const covered = coveredClock(partial ? {} : clock, fresh)
      const changes = history ? [] : await readNewChanges(view, changeSpans(this.emitted, covered, fresh))
      if (this.truncated || view.core.fork !== fork) continue // changed under the reads: again
      this.fork = fork
      if (partial) this.again = true // the next slice: this.length stays, so that pass reads on
      else this.length = length
      this.count = end
      this.clock = clock
      if (history) {
        this.history = false
        this.blank = false
      }
      if (reordered || history) this.emit('reset')
      if (skipped > this.skipped) {
        this.emit('skipped', skipped - this.skipped, skipped)
        this.skipped = skipped
      }
      // Names and bindings change only with meta/profiles (views/profiles.ts, views/devices.ts)
      // or in a reorder: the authors read for earlier passes hold until then.
      if (reordered || history || profiles !== this.profiles) this.shaper.authors.clear()
      if (profiles !== this.profiles) {
        this.profiles = profiles
        this.emit('profile')
      }
      await this.emitFresh(fresh, partial ? covered : clock)
      await this.emitChanged(changes, fresh)
      return
    }
  }

  /**
   * Announces each message these changes touched, as it is now, once per pass: not the ones
   * announced as new in this pass, nor any ~clear hides (reader-changes.ts touched).
   */
  private async emitChanged (changes: Change[], fresh: Fresh[]): Promise<void> {
    const cleared = this.hooks.cleared()
    const shape = async (record: Fresh['record'], position: number): Promise<Message | null> => hidden(record, cleared) ? null : await this.shaper.shape(record, position)
    for await (const { change, message, first } of touched(this.view, changes, fresh, shape)) {
      if (this.closed) return
      if (first && message !== null && this.lastShown.news(message)) this.emit('update', message)
      if (message !== null && change.writer === this.writer) this.recentChanges.set(change.seq, message)
    }
  }

  /** Emits the fresh messages; `upTo` says how far each writer's blocks are now emitted. */
  private async emitFresh (fresh: Fresh[], upTo: Clock): Promise<void> {
    const emitted = this.emitted
    this.emitted = { ...emitted }
    for (const [writer, seq] of Object.entries(upTo)) this.advance(writer, seq)
    fresh.sort((a, b) => a.position - b.position)
    const cleared = this.hooks.cleared()
    const now = Date.now() // this device's first sight of what it emits now
    for (const { position, record } of fresh) {
      if (this.closed) return
      this.advance(record.author, record.seq)
      if (hidden(record, cleared) || record.seq <= (emitted[record.author] ?? -1)) continue
      const message = await this.shaper.shape(record, position, now)
      if (record.author === this.writer) this.recent.set(message.id, message)
      this.lastShown.news(message)
      this.emit('message', message)
    }
  }

  private advance (writer: string, seq: number): void {
    if (seq > (this.emitted[writer] ?? -1)) this.emitted[writer] = seq
  }

  /** A page of messages (reader-pages.ts): before a message, after one, or the newest. */
  page (opts: PageOptions): Promise<Message[]> {
    return readPage(this.view, opts, this.hooks.cleared, async (record, position) => await this.shaper.shape(record, position))
  }

  /** A message by id, or null, also when ~clear hides it. */
  shown (id: string): Promise<Message | null> { return this.find(id, this.hooks.cleared()) }
  /** A message by id, or null; shown whatever ~clear hides. */
  byId (id: string): Promise<Message | null> { return this.find(id, {}) }

  private async find (id: string, cleared: Clock): Promise<Message | null> {
    const found = await locate(this.view, id)
    return found === null || hidden(found.record, cleared) ? null : await this.shaper.shape(found.record, found.position)
  }

  /** The clock as the view has it right now (the `clock` field may lag by one update). */
  readClock (): Promise<Clock> {
    return readClock(this.view)
  }
}
