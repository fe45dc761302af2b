// A Hyperswarm on the bench's local testnet. The DHT binds to 127.0.0.1: on these machines a DHT
// bound elsewhere carries no data.
import HyperDHT from 'hyperdht'
import Hyperswarm from 'hyperswarm'

export interface NetOptions { bootstrap: string[], host: string }

export function parseHostPort (s: string): { host: string, port: number } {
  const i = s.lastIndexOf(':')
  return { host: s.slice(0, i), port: Number(s.slice(i + 1)) }
}

export function createSwarm (net: NetOptions): Hyperswarm {
  const dht = new HyperDHT({ bootstrap: net.bootstrap.map(parseHostPort), host: net.host })
  return new Hyperswarm({ dht })
}

/**
 * A first connection between two processes here is often half-open (docs/architecture.md §6.3): the dialler sees
 * it, the other side never does, and ~13 s pass before a redial. Destroy a connection that has
 * carried nothing within `ms` so the swarm redials at once. Attach after the consumer's own
 * 'data' handling (both listeners see every chunk).
 */
export function dropIfSilent (conn: Hyperswarm.Connection, ms = 1500): void {
  const timer = setTimeout(() => conn.destroy(), ms)
  conn.once('data', () => clearTimeout(timer))
  conn.once('close', () => clearTimeout(timer))
}
