import { test, expect } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage, offline } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds } from '../helpers/views.js'

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

test('a restarted node has its rooms, profile, messages and ~clear marker with no network', async () => {
  const testnet = await createLocalTestnet()
  const storage = tmpStorage('alice')
  let alice = await createClient(testnet, { storage })
  await alice.setProfile({ name: 'alice', avatar: { mime: 'image/png', data: PNG } })
  const room = await alice.createRoom('kept')
  const other = await alice.createRoom('second')
  await room.send('one')
  await room.send('two')
  await room.clear()
  await room.send('three')
  const id = room.id
  await alice.close()

  alice = await createClient(offline, { storage })
  expect(alice.profile?.name).toBe('alice')
  expect(alice.profile?.avatar?.data.equals(PNG)).toBe(true)
  expect(alice.rooms.map(r => r.alias).sort()).toEqual(['kept', 'second'])
  expect(alice.room(other.id)?.alias).toBe('second')
  const again = alice.room(id)!
  await again.ready() // listed at ready(), opened in the background (docs/architecture.md §8)
  expect(again.writable).toBe(true)
  expect((await again.messages()).map(m => m.text)).toEqual(['three'])
  expect((await messageIds(again)).length).toBe(3) // hidden here, not gone
  await again.send('four')
  expect((await again.messages()).map(m => m.text)).toEqual(['three', 'four'])
})

test('~clear hides history on this device only, survives restart, and later messages show', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bobStorage = tmpStorage('bob')
  let bob = await createClient(testnet, { name: 'bob', storage: bobStorage })
  const room = await alice.createRoom('clearing')
  let bobRoom = await bob.joinRoom(await room.createInvite())
  await room.send('a1')
  await bobRoom.send('b1')
  await waitFor(async () => (await bobRoom.messages()).length === 2 && (await room.messages()).length === 2)

  await bobRoom.clear()
  expect(await bobRoom.messages()).toEqual([])
  expect((await room.messages()).map(m => m.text)).toEqual(['a1', 'b1'])

  const shown: string[] = []
  bobRoom.on('message', (m: { text?: string }) => shown.push(m.text ?? ''))
  await room.send('a2')
  await waitFor(() => shown.includes('a2'), { message: 'a2 to arrive after the clear' })
  expect((await bobRoom.messages()).map(m => m.text)).toEqual(['a2'])

  await bob.close()
  bob = await createClient(testnet, { storage: bobStorage })
  bobRoom = bob.room(room.id)!
  expect((await bobRoom.messages()).map(m => m.text)).toEqual(['a2'])
  expect((await room.messages()).map(m => m.text)).toEqual(['a1', 'b1', 'a2'])
  expect((await messageIds(room)).length).toBe(3)
})
