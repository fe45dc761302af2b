// Unread across one person's devices (docs/architecture.md §15.1, §16.5): read markers are per
// device, but what alice sends from her laptop is hers, so it is never unread on her desk,
// counted neither live nor when the count is read again from the view at the next start.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage, offline } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

test('a message from my own other device is not unread here, nor a mention of me', async () => {
  const testnet = await createLocalTestnet()
  const deskStorage = tmpStorage('desk')
  let desk = await createClient(testnet, { account: true, name: 'alice', storage: deskStorage })
  const bob = await createClient(testnet, { account: true, name: 'bob' })
  const room = await desk.createRoom('news')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const laptop = await createClient(testnet, { account: true })
  await laptop.joinAccount((await desk.linkDevice()).code)
  const laptopRoom = await waitFor(() => laptop.room(room.id), { message: 'the room on the laptop' })
  await room.markRead()

  const mine = await laptopRoom.send('from my laptop, @alice', { mentions: [room.identityKey] })
  // bob answers once he has it, so his message comes after it in every order
  const seen = await waitFor(() => bobRoom.message(mine.id), { message: 'bob has the laptop\'s message' })
  expect(seen.author.key).toBe(room.identityKey)
  const his = await bobRoom.send('hi alice')
  await waitFor(() => room.unread.first === his.id, { message: 'bob\'s message is the first unread on the desk' })
  expect(room.unread).toEqual({ count: 1, mentions: 0, first: his.id })

  // read again from the view (the count at open), not from the live messages
  await desk.close()
  desk = await createClient(offline, { account: true, storage: deskStorage })
  const again = desk.room(room.id)!
  await again.ready()
  expect(await again.message(mine.id)).not.toBeNull()
  expect(again.unread).toEqual({ count: 1, mentions: 0, first: his.id })
})
