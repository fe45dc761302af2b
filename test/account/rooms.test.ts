// The account's rooms follow the person to every device (docs/architecture.md §16.3), on real
// peers on a local testnet: a linked device opens every room with its history, a room created
// on either device appears on the other, and what one device sends while the other is offline
// reaches it after it comes back, under one identity.
import { test, expect } from 'vitest'
import type { Client, Room, Message } from '../../src/index.js'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

async function textIn (room: Room, text: string): Promise<Message> {
  return await waitFor(async () => (await room.messages({ limit: 100 })).find(m => m.text === text), { message: `"${text}" in ${room.alias}` })
}

async function roomOn (client: Client, id: string): Promise<Room> {
  return await waitFor(() => client.room(id), { message: `room ${id.slice(0, 8)} on ${client.peerKey.slice(0, 8)}` })
}

test('alice links a second device: it gets her rooms with history; rooms made on either device appear on the other', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice' })
  const bob = await createClient(testnet, { account: true, name: 'bob' })
  const general = await alice1.createRoom('general')
  await general.send('before the second device')
  const bobGeneral = await bob.joinRoom(await general.createInvite())
  await bobGeneral.send('bob was here first')

  const alice2 = await createClient(testnet, { account: true })
  await alice2.joinAccount((await alice1.linkDevice()).code)
  const general2 = await roomOn(alice2, general.id)
  expect(general2.alias).toBe('general')
  expect((await textIn(general2, 'before the second device')).author.key).toBe(alice1.identity)
  await textIn(general2, 'bob was here first')
  await waitFor(() => alice2.profile?.name === 'alice')

  await general2.send('from the laptop')
  const seen = await textIn(bobGeneral, 'from the laptop')
  expect(seen.author.key).toBe(alice1.identity)
  expect(seen.author.name).toBe('alice')

  const second = await alice2.createRoom('made on the laptop')
  const secondOn1 = await roomOn(alice1, second.id)
  expect(secondOn1.alias).toBe('made on the laptop')
  await second.send('hello from the laptop')
  await textIn(secondOn1, 'hello from the laptop')

  // Joined on one device by invite: the other follows.
  const bobs = await bob.createRoom('bob\'s room')
  const joined = await alice1.joinRoom(await bobs.createInvite())
  await roomOn(alice2, joined.id)

  // Left on one device: left on the other.
  await alice2.leaveRoom(joined.id)
  await waitFor(() => alice1.room(joined.id) === undefined, { message: 'the room left on alice1 too' })
})

test('a message sent while the other device is offline reaches it after it reconnects, under one identity', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice', storage: tmpStorage('alice1') })
  const room1 = await alice1.createRoom('notes')
  const storage = tmpStorage('alice2')
  let alice2 = await createClient(testnet, { account: true, storage })
  await alice2.joinAccount((await alice1.linkDevice()).code)
  await roomOn(alice2, room1.id)
  await alice2.close()

  await room1.send('written while the laptop was off')
  const later = await alice1.createRoom('made while the laptop was off')

  alice2 = await createClient(testnet, { account: true, storage })
  const room2 = await roomOn(alice2, room1.id)
  const got = await textIn(room2, 'written while the laptop was off')
  expect(got.author.key).toBe(alice1.identity)
  await roomOn(alice2, later.id)

  // And the other way round: alice1 offline, alice2 writes, alice1 comes back.
  const storage1 = alice1.storage
  await alice1.close()
  await room2.send('written while the desktop was off')
  const alice1again = await createClient(testnet, { account: true, storage: storage1 })
  const back = await textIn(await roomOn(alice1again, room1.id), 'written while the desktop was off')
  expect(back.author.key).toBe(alice2.identity)
  expect(back.author.device).toBe(room2.writerKey)
})
