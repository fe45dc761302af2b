// The project's local testnet lets peers on different addresses connect. With hyperdht's
// three-node testnet they never do: NAT analysis needs three answers from other DHT nodes
// (src/network/testnet.ts). 127.0.0.2 stands for a second machine: Linux routes all of
// 127.0.0.0/8 to the loopback interface.
import { test, expect, onTestFinished } from 'vitest'
import crypto from 'crypto'
import Corestore from 'corestore'
import { Network } from '../../src/network/swarm.js'
import { startTestnet, type LocalTestnet } from '../../src/network/testnet.js'
import { tmpStorage } from '../helpers/peers.js'
import { openDoor } from '../helpers/access.js'
import { waitFor } from '../helpers/wait.js'

async function createNetwork (testnet: LocalTestnet, dhtHost: string): Promise<Network> {
  const store = new Corestore(tmpStorage('net'))
  await store.ready()
  const network = new Network({ store, bootstrap: testnet.bootstrap, dhtHost })
  onTestFinished(async () => { await network.destroy(); await store.close() })
  return network
}

test.runIf(process.platform === 'linux')('peers bound to different addresses connect over the local testnet', async () => {
  const testnet = await startTestnet({ host: '127.0.0.1' })
  onTestFinished(() => testnet.destroy())
  const a = await createNetwork(testnet, '127.0.0.1')
  const b = await createNetwork(testnet, '127.0.0.2')
  const room = { key: crypto.randomBytes(32).toString('hex'), discoveryKey: crypto.randomBytes(32) }
  a.join(room.key, room.discoveryKey, openDoor)
  b.join(room.key, room.discoveryKey, openDoor)
  await waitFor(() => a.peers(room.key).length === 1 && b.peers(room.key).length === 1, { timeout: 10_000, message: 'both see one peer' })
  expect(a.peers(room.key)[0]?.conn.rawStream.remoteHost).toBe('127.0.0.2')
})
