// The connection to a seeder goes through the replication gate (src/seed/seeding.ts): a seeder
// gets the cores of the rooms that list it and nothing of this node's other rooms, even when it
// asks for them by key. The "seeder" here is hostile: a bare HyperDHT server speaking just
// enough of the blind peer's protocol, with a Corestore that asks for a core of each room.
import { test, expect, onTestFinished } from 'vitest'
import HyperDHT from 'hyperdht'
import Corestore from 'corestore'
import crypto from 'hypercore-crypto'
import BlindPeerMuxer from 'blind-peer-muxer'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { roomInternals } from '../../src/room-internals.js'

test('a seeder is served the rooms that list it and refused the others, even asking by key', async () => {
  const testnet = await createLocalTestnet()
  const a = await createClient(testnet, { name: 'ann' })
  const listed = await a.createRoom('listed')
  const other = await a.createRoom('other')
  await listed.send('for the seeder, encrypted')
  await other.send('not for the seeder at all')
  const listedCore = roomInternals(listed).base.local
  const otherCore = roomInternals(other).base.local

  const store = new Corestore(tmpStorage('hostile'))
  const dht = new HyperDHT({ bootstrap: testnet.bootstrap, host: '127.0.0.1' })
  const keyPair = crypto.keyPair()
  const asked = { listed: store.get({ key: listedCore.key }), other: store.get({ key: otherCore.key }) }
  await Promise.all([asked.listed.ready(), asked.other.ready()])
  // It answers blind-peering's channel (or the client would hang up) and replicates its store.
  const server = dht.createServer((socket) => {
    BlindPeerMuxer.pair(socket, () => new BlindPeerMuxer(socket))
    store.replicate(socket)
  })
  await server.listen(keyPair)
  onTestFinished(async () => {
    await server.close()
    await dht.destroy()
    await store.close()
  })

  await listed.addSeeder(keyPair.publicKey.toString('hex'))
  await waitFor(async () => (await asked.listed.get(0, { timeout: 1000 }).catch(() => null)) !== null, { timeout: 30_000, message: "the listed room's writer core to reach the seeder" })
  await asked.listed.update({ wait: false })
  expect(asked.listed.length).toBe(listedCore.length)
  // Both channels were asked for on the same connection; the other room's was refused.
  expect(asked.other.peers).toHaveLength(0)
  expect(asked.other.length).toBe(0)
  expect(asked.listed.peers).toHaveLength(1)
})
