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
