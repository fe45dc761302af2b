// A node with many rooms (docs/architecture.md §8): Client.ready() lists every room at once and
// opens them in the background, a few at a time in the saved order; a room asked for opens at once,
// ahead of its turn; each Room call waits for its own room's open; status.opening says which
// are still opening. Closing, leaving and a new profile while rooms are still opening.
import { test, expect } from 'vitest'
import type { Client, Room } from '../../src/index.js'
import { createLocalTestnet, createClient, tmpStorage, type Testnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

const ROOMS = 30

/** A storage left with ROOMS rooms, one message each; their ids and this device's writer keys. */
async function manyRooms (testnet: Testnet): Promise<{ storage: string, ids: string[], writers: string[] }> {
  const storage = tmpStorage('opening')
  const alice = await createClient(testnet, { storage, name: 'alice' })
  const made: Room[] = []
  for (let i = 0; i < ROOMS; i++) {
    const room = await alice.createRoom(`room ${i}`)
    await room.send(`hello ${i}`)
    made.push(room)
  }
  const ids = made.map(r => r.id)
  const writers = made.map(r => r.writerKey)
  await alice.close()
  return { storage, ids, writers }
}

function opened (client: Client): number {
  return client.rooms.filter(r => r.opened).length
}

test('ready() lists every room at once; the room asked for opens ahead of its turn; the rest follow', async () => {
  const testnet = await createLocalTestnet()
  const { storage, ids, writers } = await manyRooms(testnet)
  const alice = await createClient(testnet, { storage })
  expect(alice.rooms.map(r => r.id)).toEqual(ids) // listed, in the saved order
  expect(alice.rooms.map(r => r.alias)).toEqual(ids.map((_, i) => `room ${i}`))
  const last = alice.room(ids[ROOMS - 1]!)!
  expect(last.opening, 'its turn has not come').toBeNull()
  expect(last.status.opening).toBe(true)
  expect(last.writerKey).toBe('')
  expect(last.writable).toBe(false)

  const order: string[] = []
  for (const room of alice.rooms) room.once('ready', () => order.push(room.id))
  expect((await last.messages()).map(m => m.text)).toEqual([`hello ${ROOMS - 1}`])
  expect(last.opened).toBe(true)
  expect(last.status.opening).toBe(false)
  expect(last.writerKey).toBe(writers[ROOMS - 1])
  expect(last.writable).toBe(true)
  expect(order.indexOf(last.id), 'opened before rooms listed ahead of it').toBeLessThan(ROOMS - 1)
  expect(opened(alice)).toBeLessThan(ROOMS)

  await alice.roomsOpened()
  expect(opened(alice)).toBe(ROOMS)
  expect(alice.rooms.map(r => r.writerKey)).toEqual(writers)
  expect(alice.rooms.every(r => !r.status.opening && r.role === 'owner')).toBe(true)
  await alice.searchReady() // every room in the index once all are open
  expect((await alice.search('hello', { limit: 100 })).length).toBe(ROOMS)
})

test('a call to a room still opening waits for it: sends, reads and invites work as the room opens', async () => {
  const testnet = await createLocalTestnet()
  const { storage, ids } = await manyRooms(testnet)
  const alice = await createClient(testnet, { storage })
  const rooms = ids.slice(-3).map(id => alice.room(id)!)
  expect(rooms.every(r => r.opening === null)).toBe(true)
  const [sent, members, invite] = await Promise.all([rooms[0]!.send('while opening'), rooms[1]!.members(), rooms[2]!.createInvite()])
  expect(sent.text).toBe('while opening')
  expect(members.map(m => m.name)).toEqual(['alice'])
  expect(invite).toMatch(/^linkup:/)
  expect((await rooms[0]!.messages()).map(m => m.text)).toEqual([`hello ${ROOMS - 3}`, 'while opening'])
})

test('a new profile reaches the rooms still opening; leaving one and closing the client mid-way', async () => {
  const testnet = await createLocalTestnet()
  const { storage, ids } = await manyRooms(testnet)
  let alice = await createClient(testnet, { storage })
  await alice.setProfile({ name: 'alice again' }) // most rooms are not open yet
  const gone = alice.room(ids[ROOMS - 2]!)!
  expect(gone.opening).toBeNull()
  await alice.leaveRoom(gone.id, { anyway: true }) // waits for its open (the owner's leave is checked)
  expect(alice.room(gone.id)).toBeUndefined()
  await alice.roomsOpened()
  for (const room of alice.rooms) {
    await waitFor(async () => (await room.members()).find(m => m.key === room.identityKey)?.name === 'alice again', { message: `the profile in ${room.alias}` })
  }
  await alice.close()

  alice = await createClient(testnet, { storage })
  expect(alice.rooms.map(r => r.id)).toEqual(ids.filter(id => id !== gone.id))
  const closing = alice.close() // with rooms still waiting for their turn, and some opening
  await closing
  expect(alice.rooms.every(r => r.closed)).toBe(true)
  await expect(alice.rooms.at(-1)!.send('after close')).rejects.toMatchObject({ code: 'CLOSED' })

  alice = await createClient(testnet, { storage }) // nothing was lost by closing half-way
  await alice.roomsOpened()
  expect(alice.rooms.length).toBe(ROOMS - 1)
  expect((await alice.rooms.at(-1)!.messages()).map(m => m.text)).toEqual([`hello ${ROOMS - 1}`])
})
