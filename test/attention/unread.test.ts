// Unread that lasts (docs/architecture.md §15.1): counts from the view and a read marker kept
// in local state, between real peers on a local testnet, across a restart, ~clear, deletions
// and a merge of histories made apart.
import { test, expect } from 'vitest'
import fs from 'fs/promises'
import path from 'path'
import { createLocalTestnet, createClient, tmpStorage, offline, threeInARoom, writeApart } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

test('unread and mention counts follow a read marker that survives a restart', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bobStorage = tmpStorage('bob')
  let bob = await createClient(testnet, { name: 'bob', storage: bobStorage })
  const room = await alice.createRoom('news')
  let bobRoom = await bob.joinRoom(await room.createInvite())
  await bobRoom.markRead()
  const events: number[] = []
  bobRoom.on('unread', (u: { count: number }) => events.push(u.count))

  const one = await room.send('one')
  const two = await room.send('two, @bob', { mentions: [bobRoom.identityKey] })
  await bobRoom.send('mine never counts')
  const three = await room.send('three')
  await waitFor(() => bobRoom.unread.count === 3, { message: 'three unread for bob' })
  expect(bobRoom.unread).toEqual({ count: 3, mentions: 1, first: one.id })
  expect(events.at(-1)).toBe(3)
  // alice has not read bob's (bob's three unread say nothing of when his message reached alice)
  await waitFor(() => room.unread.count === 1, { message: 'one unread for alice' })

  expect(await bobRoom.markRead(two.id)).toBe(true)
  expect(bobRoom.unread).toEqual({ count: 1, mentions: 0, first: three.id })
  expect(await bobRoom.markRead(one.id)).toBe(false) // a marker never moves back

  await bob.close()
  bob = await createClient(offline, { storage: bobStorage })
  bobRoom = bob.room(room.id)!
  await bobRoom.ready() // counted as the room opens, after client.ready() (docs/architecture.md §8)
  expect(bobRoom.unread).toEqual({ count: 1, mentions: 0, first: three.id })
  const saved = JSON.parse(await fs.readFile(path.join(bobStorage, 'attention.json'), 'utf-8')) as { read: Record<string, Record<string, number>> }
  expect(Object.keys(saved.read)).toEqual([room.id])
  await bob.close()

  bob = await createClient(testnet, { storage: bobStorage })
  bobRoom = bob.room(room.id)!
  const four = await room.send('four')
  await room.delete(three.id)
  await waitFor(() => bobRoom.unread.first === four.id, { message: 'the deleted message is no longer unread' })
  expect(bobRoom.unread).toEqual({ count: 1, mentions: 0, first: four.id })
  await bobRoom.clear()
  await waitFor(() => bobRoom.unread.count === 0, { message: '~clear reads nothing as unread' })
  expect(bobRoom.unread).toEqual({ count: 0, mentions: 0, first: null })
})

test('a marker is a clock: messages written apart and merged in count as unread wherever they land', async () => {
  const testnet = await createLocalTestnet()
  const { room, bob, carol, bobStorage, carolStorage } = await threeInARoom(testnet, 'merge', 'hello')
  await room.markRead()

  await Promise.all([bob.close(), carol.close()])
  await writeApart(bobStorage, room.id, (bobRoom) => bobRoom.send('bob, written apart'))
  await writeApart(carolStorage, room.id, (carolRoom) => carolRoom.send('carol, written apart', { mentions: [room.identityKey] }))
  const aliceOwn = await room.send('alice meanwhile')
  await room.markRead(aliceOwn.id) // alice has read everything she has; the others' come later

  // bob and carol come back online
  await createClient(testnet, { storage: bobStorage })
  await createClient(testnet, { storage: carolStorage })
  // The two arrive one at a time and may land in either order first; the merge can then put
  // the later one first (a reorder, which recounts). Wait for the count to agree with the order.
  const firstMerged = async (): Promise<string | undefined> => (await room.messages({ limit: 10 })).find(m => m.author.key !== room.identityKey)?.id
  await waitFor(async () => room.unread.count === 2 && room.unread.first === await firstMerged(),
    { message: 'both merged messages unread for alice, the first unread the earlier of the two in the merged order', timeout: 60_000 })
  expect(room.unread.mentions).toBe(1)
  await room.markRead()
  expect(room.unread.count).toBe(0)
})

test('a joiner counts the history it found as unread, after its first page (the count waits for it, issue #18)', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await alice.createRoom('history')
  const one = await room.send('one')
  await room.send('two')
  await room.send('three')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  expect((await bobRoom.messages()).map((m) => m.text)).toEqual(['one', 'two', 'three'])
  await waitFor(() => bobRoom.unread.count === 3, { message: 'the three messages bob found are unread' })
  expect(bobRoom.unread).toEqual({ count: 3, mentions: 0, first: one.id })
  await bobRoom.markRead()
  expect(bobRoom.unread.count).toBe(0)
})

test('a damaged attention.json is set aside: the node starts with nothing read', async () => {
  const storage = tmpStorage('damaged')
  await fs.writeFile(path.join(storage, 'attention.json'), '{"version":1,"read":{"zz":')
  const client = await createClient(offline, { storage })
  expect(client.notifications).toEqual({ all: 'mentions', rooms: {} })
  await expect(fs.stat(path.join(storage, 'attention.json.damaged'))).resolves.toBeTruthy()
  await expect(client.setNotifications('loud' as 'all')).rejects.toThrow(/one of all, mentions, never/)
  await client.setNotifications('never')
  expect(client.notifications.all).toBe('never')
})
