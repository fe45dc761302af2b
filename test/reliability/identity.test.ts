// A node's swarm identity survives a restart, so the DHT records a crashed run left behind
// name a key its next run skips and its peers deduplicate (see the commit that made it so:
// with a fresh key per run, crash.test.ts's long variant never reconnected after 40 kills).
import { test, expect } from 'vitest'
import { Client } from '../../src/index.js'
import { tmpStorage } from '../helpers/peers.js'
import { createFiveNodeTestnet } from './testnet.js'

test('the swarm key is the same after a restart, and differs between storages', async () => {
  const testnet = await createFiveNodeTestnet()
  const storage = tmpStorage('identity')
  const open = async (dir: string): Promise<Client> => {
    const c = new Client({ storage: dir, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1' })
    await c.ready()
    return c
  }
  const first = await open(storage)
  const key = first.peerKey
  await first.close()
  const again = await open(storage)
  const other = await open(tmpStorage('other'))
  try {
    expect(again.peerKey).toBe(key)
    expect(other.peerKey).not.toBe(key)
  } finally {
    await again.close()
    await other.close()
  }
})
