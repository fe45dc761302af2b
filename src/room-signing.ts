// Keeps signing going while a quorum of the room's indexers (not all of them) is online
// (docs/architecture.md §3). Autobase signs a block once a majority of indexers has acked it;
// its own acks (ackInterval) wait until every indexer's core has been added to the DAG, so with
// one indexer of three gone for good a member's message was not signed in 12 s, and was after
// 4-6 forced acks (autobase-lab: bench/experiments/indexer-quorum.mjs). So an indexer that
// sees unsigned changes in the view, no signing progress for NUDGE_MS, and a quorum of
// indexers online, appends an ack (a null block) itself, at most once per NUDGE_MS. Below a
// quorum nothing can sign, and it does not try. Acks themselves are not waited on: the last
// acks of a burst stay unsigned until someone writes (docs/autobase.md §3), and pumping for
// them would never end.
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'

const NUDGE_MS = 1500

export interface SigningHooks {
  /** The room's indexers (writer keys, hex), as the view says. */
  indexers: () => Promise<string[]>
  /** Writer keys online in the room now (this device's included). */
  online: () => Set<string>
  onError: (err: unknown) => void
}

export class SigningNudge {
  private readonly base: Autobase<Hyperbee>
  private readonly hooks: SigningHooks
  private timer: NodeJS.Timeout | null = null
  private lastSigned = -1
  private lastProgress = Date.now()
  private acking = false
  /** Acks appended by this device, for the tests and the log. */
  acks = 0

  constructor (base: Autobase<Hyperbee>, hooks: SigningHooks) {
    this.base = base
    this.hooks = hooks
  }

  start (): void {
    if (this.timer !== null) return
    this.timer = setInterval(() => { this.tick().catch((err) => this.hooks.onError(err)) }, NUDGE_MS)
    this.timer.unref()
  }

  stop (): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }

  private async tick (): Promise<void> {
    const base = this.base
    if (this.acking || base.closed || !base.isIndexer) return
    const view = base.view.core
    if (view.signedLength >= view.length || view.signedLength !== this.lastSigned) {
      this.lastSigned = view.signedLength
      this.lastProgress = Date.now()
      return
    }
    if (Date.now() - this.lastProgress < NUDGE_MS) return
    const indexers = await this.hooks.indexers()
    const online = this.hooks.online()
    const quorum = Math.floor(indexers.length / 2) + 1
    if (indexers.filter(k => online.has(k)).length < quorum) return
    this.acking = true
    try {
      await base.append(null)
      this.acks++
      this.lastProgress = Date.now()
    } finally {
      this.acking = false
    }
  }
}
