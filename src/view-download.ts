// After a fast-forward the view is sparse: only what was read is local, and a node that then
// goes offline would wait forever reading its own view. Download the signed part that is
// missing (what peers can send: the unsigned tail is always this node's own apply), then look
// again, since another fast-forward may have come meanwhile. Not a live download: every block
// the indexer signs later would be fetched again although this node applied it itself (a live
// range cost ~3 write and ~5 read batches per message on the receiving side). See
// docs/architecture.md §2.1.
import type Hypercore from 'hypercore'

export class ViewDownload {
  private readonly core: () => Hypercore
  private readonly onerror: (err: unknown) => void
  private current: { destroy: () => void } | null = null
  private stopped = false

  /** `core`: the view's core, read at each start (a fast-forward may swap it). */
  constructor (core: () => Hypercore, onerror: (err: unknown) => void) {
    this.core = core
    this.onerror = onerror
  }

  /** Starts downloading what is missing of the signed view, unless that is under way. */
  start (): void {
    const core = this.core()
    if (this.current !== null || this.stopped || core.contiguousLength >= core.signedLength) return
    const download = core.download({ start: 0, end: core.signedLength })
    this.current = download
    download.done().then(() => {
      if (this.current !== download) return
      this.current = null
      this.start()
    }, (err: unknown) => {
      if (this.current === download) this.current = null
      if (!this.stopped) this.onerror(err)
    })
  }

  stop (): void {
    this.stopped = true
    this.current?.destroy()
    this.current = null
  }
}
