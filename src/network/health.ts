// Connection health: a connection counts as a peer only once the other side has answered our
// hello (the peer channel opening). Until then it is "connecting".
//
// Why deadlines: a dialler's Noise stream "opens" without any round trip (the handshake went
// through the DHT), so a connection whose other end never came up looks healthy from our side.
// Nothing arrives on it, and UDX only gives up after ~13 s; Hyperswarm then backs off before it
// dials again. Behind NATs and relays this happens on real networks too (hyperdht taking the
// echo of its fast-open probe as success when the server then aborts its holepunch:
// holepunchto/hyperdht#281, #278), and it happened on loopback before our patch to hyperdht
// (patches/, holepunchto/hyperdht#304). So:
// - `helloTimeout` after it opened, a connection on which not one byte has arrived is half-open:
//   it is destroyed, and Hyperswarm redials after a short first backoff (REDIAL_BACKOFFS).
// - A connection that does carry bytes but whose hello is late is only slow (a busy peer, a
//   loaded machine): it stays "connecting" until `answerTimeout`, then is dropped as well.
import type Hyperswarm from 'hyperswarm'

/** How long a new connection may go without receiving a single byte. */
export const HELLO_TIMEOUT_MS = 1500
/** How long a connection that carries bytes may go without a hello. */
export const ANSWER_TIMEOUT_MS = 15_000

/**
 * Hyperswarm's retry delays (ms) for a peer after its 1st, 2nd, 3rd and later failures.
 * The first is short so that a dropped silent connection is redialled at once; the later
 * ones still back off for peers that are really gone.
 */
export const REDIAL_BACKOFFS: [number, number, number, number] = [200, 2000, 15_000, 600_000]
/** Random extra delay (ms) added to each backoff, so that two peers do not redial in step. */
export const REDIAL_JITTER_MS = 100

export interface HealthOptions {
  /** ms; 0 turns both deadlines off (silent connections then wait for UDX's timeout). */
  helloTimeout?: number
  answerTimeout?: number
}

export interface HealthStats {
  /** Connections whose hello arrived before a deadline. */
  answered: number
  /** Connections dropped because nothing at all arrived on them (half-open). */
  silent: number
  /** Connections dropped because bytes arrived but never a hello. */
  mute: number
}

export class ConnectionHealth {
  readonly stats: HealthStats = { answered: 0, silent: 0, mute: 0 }
  private readonly helloTimeout: number
  private readonly answerTimeout: number
  private readonly timers = new Map<Hyperswarm.Connection, NodeJS.Timeout>()

  constructor (opts: HealthOptions = {}) {
    this.helloTimeout = opts.helloTimeout ?? HELLO_TIMEOUT_MS
    this.answerTimeout = Math.max(opts.answerTimeout ?? ANSWER_TIMEOUT_MS, this.helloTimeout)
  }

  /** Starts the deadlines for a new connection. */
  watch (conn: Hyperswarm.Connection): void {
    if (this.helloTimeout <= 0 || this.timers.has(conn)) return
    conn.once('close', () => this.forget(conn))
    this.arm(conn, this.helloTimeout, () => {
      if (!received(conn)) return this.drop(conn, 'silent')
      this.arm(conn, this.answerTimeout - this.helloTimeout, () => this.drop(conn, 'mute'))
    })
  }

  /** The other side answered: the connection is a peer. */
  answered (conn: Hyperswarm.Connection): void {
    if (this.forget(conn)) this.stats.answered++
  }

  destroy (): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  private arm (conn: Hyperswarm.Connection, ms: number, ontimeout: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(conn)
      ontimeout()
    }, ms)
    timer.unref()
    this.timers.set(conn, timer)
  }

  private drop (conn: Hyperswarm.Connection, why: 'silent' | 'mute'): void {
    this.stats[why]++
    conn.destroy()
  }

  private forget (conn: Hyperswarm.Connection): boolean {
    const timer = this.timers.get(conn)
    if (timer === undefined) return false
    clearTimeout(timer)
    this.timers.delete(conn)
    return true
  }
}

/** Whether anything at all (even the other side's stream header) has arrived on the connection. */
function received (conn: Hyperswarm.Connection): boolean {
  return (conn.rawStream?.bytesReceived ?? 0) > 0 || conn.rawBytesRead > 0
}
