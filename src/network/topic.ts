// One room's topic on the swarm (src/network/swarm.ts, docs/architecture.md §6.1): looked up
// and, unless told not to, announced. While the room has nobody to talk to, or lacks someone it
// needs (a signer missing the other signers), it is looked up again, backing off up to a
// minute: two nodes that announced at the same instant may each have missed the other.
import type Hyperswarm from 'hyperswarm'

const REFRESH_MIN_MS = 2000
const REFRESH_MAX_MS = 60_000

export class Topic {
  private refreshTimer: NodeJS.Timeout | null = null
  private refreshDelay = REFRESH_MIN_MS
  /** A lookup started by a refresh is under way. */
  private refreshing = false
  /** The room was left, or the network closed: no more lookups. */
  private stopped = false

  constructor (
    readonly discoveryKey: Buffer,
    readonly discovery: Hyperswarm.Discovery,
    private announcing: boolean,
    /** The room has peers to talk to. */
    private readonly hasPeers: () => boolean,
    /** Someone this room needs is not among its peers yet: keep looking (room-reach.ts). */
    private readonly lacking: () => boolean
  ) {}

  /** Starts or stops announcing; starting looks again at once and restarts the schedule. */
  announce (on: boolean): void {
    if (this.announcing === on || this.stopped) return
    this.announcing = on
    this.discovery.refresh({ client: true, server: on }).catch(() => {})
    if (!on) return
    this.refreshDelay = REFRESH_MIN_MS
    this.scheduleRefresh()
  }

  /** Looks the room up again now, and goes on looking while it lacks someone. */
  lookAgain (): void {
    if (this.stopped || this.refreshTimer !== null || this.refreshing) return
    this.refreshDelay = REFRESH_MIN_MS
    this.lookup()
  }

  stop (): void {
    this.stopped = true
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer)
  }

  /** Looks again after the current delay, unless the room has peers and lacks nobody. */
  scheduleRefresh (): void {
    if (this.stopped || this.refreshTimer !== null || this.refreshing) return
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null
      if (this.stopped) return
      if (this.hasPeers() && !this.lacking()) {
        this.refreshDelay = REFRESH_MIN_MS
        return
      }
      this.refreshDelay = Math.min(this.refreshDelay * 2, REFRESH_MAX_MS)
      this.lookup()
    }, this.refreshDelay)
    this.refreshTimer.unref()
  }

  private lookup (): void {
    this.refreshing = true
    this.discovery.refresh().catch(() => {}).finally(() => {
      this.refreshing = false
      this.scheduleRefresh()
    })
  }
}
