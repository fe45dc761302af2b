// Connection health: a connection is a peer only once it answers; a silent one is dropped and
// redialled quickly instead of waiting ~13 s for UDX and then Hyperswarm's backoff.
import { test, expect, onTestFinished } from 'vitest'
import crypto from 'crypto'
import Corestore from 'corestore'
import HyperDHT from 'hyperdht'
import Hyperswarm from 'hyperswarm'
import { Network } from '../../src/network/swarm.js'
import { createLocalTestnet, tmpStorage, type Testnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

async function createNetwork (testnet: Testnet, opts: { helloTimeout?: number } = {}): Promise<Network> {
  const store = new Corestore(tmpStorage('net'))
  await store.ready()
  const network = new Network({ store, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1', ...opts })
  onTestFinished(async () => { await network.destroy(); await store.close() })
  return network
}

/** A Hyperswarm peer on the topic that connects but never speaks LinkUp. */
function createSilentPeer (testnet: Testnet, topic: Buffer): Hyperswarm {
  const swarm = new Hyperswarm({ dht: new HyperDHT({ bootstrap: testnet.bootstrap, host: '127.0.0.1' }) })
  swarm.on('connection', (conn: Hyperswarm.Connection) => conn.on('error', () => {}))
  swarm.join(topic, { client: true, server: true })
  onTestFinished(() => swarm.destroy())
  return swarm
}

function randomRoom (): { key: string, discoveryKey: Buffer } {
  return { key: crypto.randomBytes(32).toString('hex'), discoveryKey: crypto.randomBytes(32) }
}

test('a connection that never answers is connecting, not a peer, and is dropped and redialled', async () => {
  const testnet = await createLocalTestnet()
  const network = await createNetwork(testnet, { helloTimeout: 500 })
  const room = randomRoom()
  const seen: Array<{ peers: number, connecting: number }> = []
  network.swarm.on('connection', () => {
    seen.push({ peers: network.peers(room.key).length, connecting: network.connecting })
  })
  network.join(room.key, room.discoveryKey)
  createSilentPeer(testnet, room.discoveryKey)

  // Two drops means the silent peer was redialled after the first one, long before UDX's ~13 s.
  await waitFor(() => network.health.stats.silent >= 2, { timeout: 10_000, message: 'two silent connections dropped' })
  expect(seen.length).toBeGreaterThanOrEqual(2)
  for (const s of seen) expect(s).toEqual({ peers: 0, connecting: 1 })
  expect(network.peers(room.key)).toHaveLength(0)
  expect(network.health.stats.answered).toBe(0)
})

test('two LinkUp peers answer each other within the deadline and count as peers', async () => {
  const testnet = await createLocalTestnet()
  const a = await createNetwork(testnet)
  const b = await createNetwork(testnet)
  const room = randomRoom()
  a.join(room.key, room.discoveryKey)
  b.join(room.key, room.discoveryKey)
  await waitFor(() => a.peers(room.key).length === 1 && b.peers(room.key).length === 1, { timeout: 20_000, message: 'both see one peer' })
  expect(a.connecting).toBe(0)
  expect(a.health.stats.silent + b.health.stats.silent).toBe(0)
  expect(a.health.stats.answered).toBeGreaterThanOrEqual(1)
})
