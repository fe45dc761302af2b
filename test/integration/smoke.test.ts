import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

test('two peers: create, invite, join, talk', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await alice.createRoom('general')
  const invite = await room.createInvite()
  let t = Date.now()
  const bobRoom = await bob.joinRoom(invite)
  console.log('join took', Date.now() - t, 'ms')
  expect(bobRoom.id).toBe(room.id)
  expect(bobRoom.alias).toBe('general')
  const m = await bobRoom.send('hello alice')
  expect(m.author.name).toBe('bob')
  await room.send('hi bob')
  await waitFor(async () => (await room.messages()).length === 2 && (await bobRoom.messages()).length === 2)
  const a = (await room.messages()).map(m => m.id + m.author.name)
  const b = (await bobRoom.messages()).map(m => m.id + m.author.name)
  expect(a).toEqual(b)
})
