// A five-node local DHT for the multi-process tests. On hyperdht's three-node testnet a peer
// cannot finish its NAT analysis (it needs three answers) and a restarted process took from
// 16 s to never (> 70 s, after three restarts) to reconnect here; on five nodes, under 3 s.
// (Branch `net` moves createLocalTestnet itself to five nodes; then this can go.)
import createTestnet from 'hyperdht/testnet.js'
import { onTestFinished } from 'vitest'
import type { Testnet } from '../helpers/peers.js'

export async function createFiveNodeTestnet (): Promise<Testnet> {
  const net = await createTestnet(5, { host: '127.0.0.1' })
  const testnet = { bootstrap: net.bootstrap.map(b => `${b.host}:${b.port}`), destroy: () => net.destroy() }
  onTestFinished(() => testnet.destroy())
  return testnet
}
