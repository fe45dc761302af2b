// Connection health: a connection counts as a peer only once the other side has answered our
// hello (the peer channel opening). Until then it is "connecting".
//
// Why a deadline: a dialler's Noise stream "opens" without any round trip (the handshake went
// through the DHT), so a connection whose other end never came up looks healthy from our side.
// Nothing arrives on it, and UDX only gives up after ~13 s; Hyperswarm then backs off before it
// dials again. Behind NATs and relays this happens on real networks too (hyperdht aborting a
// holepunch whose fast-open probe already looked like success: holepunchto/hyperdht#281, #278),
// and on loopback before our patch to hyperdht (patches/, holepunchto/hyperdht#304). So a
// connection that stays silent past the deadline is destroyed, and Hyperswarm redials after a
// short first backoff instead of its default ~1 s, 5 s, 15 s.
import type Hyperswarm from 'hyperswarm'

/** How long a new connection may stay silent before it is dropped and redialled. */
export const HELLO_TIMEOUT_MS = 1500

/**
 * Hyperswarm's retry delays (ms) for a peer after its 1st, 2nd, 3rd and later failures.
 * The first is short so that a dropped silent connection is redialled at once; the later
 * ones still back off for peers that are really gone.
 */
export const REDIAL_BACKOFFS: [number, number, number, number] = [200, 2000, 15_000, 600_000]
/** Random extra delay (ms) added to each backoff, so that two peers do not redial in step. */
export const REDIAL_JITTER_MS = 100

export interface HealthStats {
  /** Connections that answered within the deadline. */
  answered: number
  /** Connections dropped for staying silent. */
  silent: number
}

export class ConnectionHealth {
  readonly stats: HealthStats = { answered: 0, silent: 0 }
  private readonly timeout: number
  private readonly timers = new Map<Hyperswarm.Connection, NodeJS.Timeout>()

  /** `timeout` in ms; 0 turns the deadline off (silent connections then wait for UDX). */
  constructor (timeout = HELLO_TIMEOUT_MS) {
    this.timeout = timeout
  }

  /** Starts the deadline for a new connection. */
  watch (conn: Hyperswarm.Connection): void {
    if (this.timeout <= 0 || this.timers.has(conn)) return
    const timer = setTimeout(() => {
      this.timers.delete(conn)
      this.stats.silent++
      conn.destroy()
    }, this.timeout)
    timer.unref()
    this.timers.set(conn, timer)
    conn.once('close', () => this.forget(conn))
  }

  /** The other side answered: the connection is a peer. */
  answered (conn: Hyperswarm.Connection): void {
    if (this.forget(conn)) this.stats.answered++
  }

  destroy (): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  private forget (conn: Hyperswarm.Connection): boolean {
    const timer = this.timers.get(conn)
    if (timer === undefined) return false
    clearTimeout(timer)
    this.timers.delete(conn)
    return true
  }
}
