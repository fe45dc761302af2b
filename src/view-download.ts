// After a fast-forward the view is sparse: only what was read is local, and a node that then
// goes offline would wait forever reading its own view. Download the signed part that is
// missing (what peers can send: the unsigned tail is always this node's own apply), then look
// again, since another fast-forward may have come meanwhile. Not a live download: every block
// the indexer signs later would be fetched again although this node applied it itself (a live
// range cost ~3 write and ~5 read batches per message on the receiving side).
//
// When, and in what order (docs/architecture.md §2.1):
// - Not while the room is being joined: once its first page has been read (Room.messages), or
//   DEFER_MS after a download was wanted if nobody reads one. The download competed with the join
//   for both peers' CPU (a 50,000-message room: join 5.2 s with it, 1.7 s deferred; issue #18).
// - Newest first, CHUNK blocks at a time: the pages a person scrolls back to next come first.
// - Other background reads of a sparse view (a joiner's unread count) wait with it
//   (afterFirstPage): counting 100,000 unread read the newest 2,000 records off the network
//   during the join and held its first page back 1-2 s (issue #18, bisected to the unread count).
// - A member back from offline that fast-forwards is no joiner: its reader reads every new
//   message at once, block by block off the network (10,000 messages: ~10,000 requests, 8 in
//   flight). fetchNew asks for those blocks as one range, at once: they come as a raw
//   replication does, and the reader finds them local or on their way (issue #18). In no set
//   order: in order, each request's Merkle proof looked for the nodes of the blocks still in
//   flight, 5.4 storage reads a block against 2.5.
import type Hypercore from 'hypercore'

const DEFER_MS = 3000
const CHUNK = 4096

export class ViewDownload {
  private readonly core: () => Hypercore
  private readonly onerror: (err: unknown) => void
  private current: { destroy: () => void } | null = null
  /** The range fetchNew asked for, until it is done. */
  private fresh: { destroy: () => void } | null = null
  private running = false
  private wanted = false
  private pageRead = false
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  private readonly deferMs: number
  private readonly chunk: number
  /** Resolved when the deferral ends: by a page read, the timer or stop(). */
  private readonly deferred = new Set<() => void>()

  /** `core`: the view's core, read at each start (a fast-forward may swap it). */
  constructor (core: () => Hypercore, onerror: (err: unknown) => void, opts: { deferMs?: number, chunk?: number } = {}) {
    this.core = core
    this.onerror = onerror
    this.deferMs = opts.deferMs ?? DEFER_MS
    this.chunk = opts.chunk ?? CHUNK
  }

  /** There may be something to download (the room opened, or fast-forwarded). */
  want (): void {
    if (this.stopped) return
    this.wanted = true
    if (this.pageRead) {
      this.run()
      return
    }
    // Wanted again while deferred (a join's fast-forward, which may come a second or two after
    // the room opened under load): the page it is about to show gets the whole deferral.
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      this.release()
      this.run()
    }, this.deferMs)
    this.timer.unref()
  }

  /** A page of the room was read: what is wanted may start now. */
  pageShown (): void {
    this.pageRead = true
    this.release()
    if (this.wanted) this.run()
  }

  /**
   * Resolves at once unless the download is being held back for a first page; then when a page
   * is read or the deferral ends. What else would read a sparse view in the background waits
   * on this, so the page a person waits for has the network and both peers' CPU.
   */
  afterFirstPage (): Promise<void> {
    if (this.timer === null || this.pageRead || this.stopped) return Promise.resolve()
    return new Promise((resolve) => this.deferred.add(resolve))
  }

  /**
   * The view's blocks from `start` (where the reader's last pass ended) to the signed length:
   * what the reader is about to read after a catch-up's fast-forward. Asked for now, as one
   * range; the deferred fill (want) is not held by it and not started by it.
   */
  fetchNew (start: number): void {
    if (this.stopped) return
    const core = this.core()
    const from = Math.max(start, core.contiguousLength)
    if (from >= core.signedLength) return
    this.fresh?.destroy()
    const range = core.download({ start: from, end: core.signedLength })
    this.fresh = range
    range.done().catch((err: unknown) => { if (!this.stopped && this.fresh === range) this.onerror(err) }).finally(() => {
      if (this.fresh === range) this.fresh = null
    })
  }

  stop (): void {
    this.stopped = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.release()
    this.current?.destroy()
    this.current = null
    this.fresh?.destroy()
    this.fresh = null
  }

  private release (): void {
    for (const resolve of this.deferred) resolve()
    this.deferred.clear()
  }

  private run (): void {
    if (this.running || this.stopped) return
    this.running = true
    this.wanted = false
    this.download().catch((err: unknown) => { if (!this.stopped) this.onerror(err) }).finally(() => {
      this.running = false
      if (this.wanted) this.run()
    })
  }

  // From the signed length down to the first block missing, a chunk at a time; then once more
  // from the top, in case a fast-forward raised the signed length meanwhile.
  private async download (): Promise<void> {
    for (;;) {
      const core = this.core()
      let end = core.signedLength
      if (this.stopped || core.contiguousLength >= end) return
      while (!this.stopped && end > core.contiguousLength) {
        const start = Math.max(core.contiguousLength, end - this.chunk)
        const range = core.download({ start, end })
        this.current = range
        try {
          await range.done()
        } finally {
          if (this.current === range) this.current = null
        }
        end = start
      }
    }
  }
}
