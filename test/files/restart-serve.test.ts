import { test, expect } from 'vitest'
import crypto from 'crypto'
import { roomWith, arrived, sha256, hashStream } from './setup.js'
import { createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

test('a peer that fetched a file still serves it after restarting, with the sender offline', async () => {
  const bobStorage = tmpStorage('bob')
  const { testnet, peers: [alice, carol] } = await roomWith(['alice', 'carol'])
  let bob = await createClient(testnet, { name: 'bob', storage: bobStorage })
  let bobRoom = await bob.joinRoom(await alice!.room.createInvite())
  const data = crypto.randomBytes(2 * 1024 * 1024 + 5)
  const sent = await alice!.room.sendFile('kept.bin', data)
  expect((await bobRoom.readFile(await arrived(bobRoom, sent.id), { timeout: 10_000 })).equals(data)).toBe(true)
  const forCarol = await arrived(carol!.room, sent.id)

  await bob.close()
  await alice!.client.close()
  bob = await createClient(testnet, { storage: bobStorage })
  bobRoom = await waitFor(() => bob.room(alice!.room.id))
  await waitFor(() => carol!.room.peers > 0, { message: 'carol and bob connected' })
  const got = await hashStream(await carol!.room.createFileStream(forCarol, { timeout: 10_000 }))
  expect(got).toEqual({ hash: sha256(data), bytes: data.byteLength })
})
