import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { dumpView, messageIds, sameViews } from '../helpers/views.js'
import type { Message } from '../../src/index.js'

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

test('three peers join by invite, talk, and end with identical views', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const carol = await createClient(testnet, { name: 'carol' })
  await alice.setProfile({ name: 'alice', avatar: { mime: 'image/png', data: PNG } })

  const room = await alice.createRoom('general')
  expect(room.isOwner).toBe(true)
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const carolRoom = await carol.joinRoom(await room.createInvite())
  expect(bobRoom.isOwner).toBe(false)
  expect(carolRoom.alias).toBe('general')

  const heard: Message[] = []
  carolRoom.on('message', (m: Message) => heard.push(m))
  await Promise.all([
    room.send('hello from alice'),
    bobRoom.send('hello from **bob**'),
    carolRoom.send('hello from carol')
  ])
  const rooms = [room, bobRoom, carolRoom]
  await waitFor(async () => (await Promise.all(rooms.map(messageIds))).every(ids => ids.length === 3), { message: 'three messages everywhere' })
  await waitFor(() => sameViews(rooms), { message: 'identical views' })

  const page = await bobRoom.messages()
  expect(page.map(m => m.author.name).sort()).toEqual(['alice', 'bob', 'carol'])
  expect(page.find(m => m.author.name === 'bob')?.text).toBe('hello from **bob**')
  expect((await carolRoom.avatar(room.identityKey))?.data.equals(PNG)).toBe(true)
  const members = await carolRoom.members()
  expect(members.map(m => [m.name, m.role]).sort()).toEqual([['alice', 'owner'], ['bob', 'member'], ['carol', 'member']])
  await waitFor(() => heard.length >= 3, { message: "carol's message events" }) // emitted just after the view updates
  expect(heard.map(m => m.text).sort()).toEqual(['hello from **bob**', 'hello from alice', 'hello from carol'])
  expect((await dumpView(room)).length).toBeGreaterThan(10)
})

test('message ids are stable and pages go back in time', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('paging')
  const sent = await Promise.all(Array.from({ length: 120 }, (_, i) => room.send('m' + i)))
  expect(new Set(sent.map(m => m.id)).size).toBe(120)
  expect(sent.every(m => m.id.startsWith(room.writerKey + ':'))).toBe(true)
  const last = await room.messages({ limit: 50 })
  expect(last.map(m => m.text)).toEqual(sent.slice(70).map(m => m.text))
  const before = await room.messages({ limit: 50, before: last[0]?.id })
  expect(before.map(m => m.text)).toEqual(sent.slice(20, 70).map(m => m.text))
  const first = await room.messages({ limit: 50, before: before[0]?.id })
  expect(first.map(m => m.text)).toEqual(sent.slice(0, 20).map(m => m.text))
  // 120 sends at once are group-committed: ids inside a batch are found through its id run
  expect((await dumpView(room)).filter(l => l.startsWith('ids/')).length).toBeLessThan(10)
  for (const m of sent) expect((await room.message(m.id))?.text).toBe(m.text)
  const lastSeq = Math.max(...sent.map(m => Number(m.id.split(':')[1])))
  expect(await room.message(`${room.writerKey}:${lastSeq + 1}`)).toBeNull()
  expect(await room.message(`${room.writerKey}:0`)).toBeNull() // room-created, not a message
  expect(await room.message('not an id')).toBeNull()
  await expect(room.messages({ before: 'f'.repeat(64) + ':1' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  await expect(room.messages({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
})

test('bad input gets a clear error', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice', joinTimeout: 1000 })
  const room = await alice.createRoom('limits')
  await expect(room.send('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(room.send('x'.repeat(16_001))).rejects.toMatchObject({ code: 'TOO_LARGE' })
  await expect(alice.setProfile({ name: '' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(alice.setProfile({ name: 'a'.repeat(65) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(alice.setProfile({ name: 'ok', avatar: { mime: 'image/png', data: Buffer.alloc(65 * 1024) } })).rejects.toMatchObject({ code: 'TOO_LARGE' })
  await expect(alice.createRoom('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(alice.joinRoom('hello')).rejects.toMatchObject({ code: 'INVITE_MALFORMED' })
  // a well-formed token for a room nobody serves: the join gives up with a reason
  await expect(alice.joinRoom('linkup:' + 'A'.repeat(96))).rejects.toMatchObject({ code: 'JOIN_TIMEOUT' })
  const created = Date.now()
  const soon = await room.createInvite({ expiresInMs: 1 })
  await waitFor(() => Date.now() > created + 2, { message: 'the invite to pass its expiry' })
  const bob = await createClient(testnet, { name: 'bob' })
  await expect(bob.joinRoom(soon)).rejects.toMatchObject({ code: 'INVITE_EXPIRED' })
  await expect(room.createInvite({ expiresInMs: -5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
})

test('a second room joined over an existing connection: the join completes and the peer counts', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob', joinTimeout: 20_000 })
  const first = await alice.createRoom('first')
  await bob.joinRoom(await first.createInvite())
  const second = await alice.createRoom('second')
  const bobSecond = await bob.joinRoom(await second.createInvite())
  await waitFor(() => bobSecond.peers === 1 && second.peers === 1, { message: 'one peer on each side of the second room' })
  await bobSecond.send('in the second room')
  await waitFor(async () => (await second.messages()).length === 1, { message: 'the message in the second room' })
})
