// ~clear and later changes (docs/architecture.md §8, §13): after a device clears a room, an
// edit or a reaction to a message it cleared must not bring the message back, not as an
// 'update', not in a page, not by id, not after a restart; later messages show as usual.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import type { Message } from '../../src/index.js'

test('after ~clear, an edit or reaction to a cleared message does not bring it back', async () => {
  const testnet = await createLocalTestnet()
  const aliceStorage = tmpStorage('alice')
  let alice = await createClient(testnet, { name: 'alice', storage: aliceStorage })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await alice.createRoom('cleared')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const old = await bobRoom.send('an old message')
  await waitFor(() => room.message(old.id), { message: 'alice has the old message' })
  await room.clear()
  expect(await room.messages()).toEqual([])
  const updated: Message[] = []
  const arrived: Message[] = []
  room.on('update', (m: Message) => updated.push(m))
  room.on('message', (m: Message) => arrived.push(m))

  await bobRoom.edit(old.id, 'an old message, edited')
  await bobRoom.react(old.id, '👍')
  const fresh = await bobRoom.send('a new message')
  await bobRoom.react(fresh.id, '👍')
  await waitFor(() => arrived.some(m => m.id === fresh.id), { message: 'the new message reaches alice' })
  await waitFor(async () => (await room.message(fresh.id))?.reactions['👍']?.length === 1, { message: 'the reaction to the new one reaches alice' })
  await waitFor(() => updated.some(m => m.id === fresh.id) || arrived.find(m => m.id === fresh.id)?.reactions['👍'] !== undefined, { message: 'the new one announced with its reaction' })

  expect(updated.filter(m => m.id === old.id)).toEqual([])
  expect(arrived.filter(m => m.id === old.id)).toEqual([])
  expect((await room.messages()).map(m => m.text)).toEqual(['a new message'])
  expect(await room.message(old.id)).toBeNull()

  // the same after a restart, while bob keeps changing it
  await alice.close()
  await bobRoom.unreact(old.id, '👍')
  alice = await createClient(testnet, { storage: aliceStorage })
  const again = alice.room(room.id)!
  const after: Message[] = []
  again.on('update', (m: Message) => after.push(m))
  again.on('message', (m: Message) => after.push(m))
  await bobRoom.edit(old.id, 'edited once more')
  await bobRoom.react(fresh.id, '🎉') // after the edit in bob's log: every peer applies it later
  await waitFor(async () => (await again.message(fresh.id))?.reactions['🎉'] !== undefined, { message: 'a later reaction reaches the restarted node' })
  expect(after.filter(m => m.id === old.id)).toEqual([])
  expect((await again.messages()).map(m => m.text)).toEqual(['a new message'])
})
