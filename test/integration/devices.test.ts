// One person, several devices, in a room (docs/architecture.md §16.2–§16.6), on real peers on a
// local testnet. alice has an identity key (made here, as the account side will make it) and
// two devices; bob has one. A device is certified by the identity or by alice's other device.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import type { Client, Room, Message } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'
import { signDeviceCert } from '../../views/device-cert.js'
import { createLocalTestnet, createClient, type Testnet } from '../helpers/peers.js'
import { waitFor, once } from '../helpers/wait.js'
import { sameViews } from '../helpers/views.js'

const hex = (b: Buffer): string => b.toString('hex')
type KeyPair = { publicKey: Buffer, secretKey: Buffer }

/** The client acts for identity `I`, certified by `by` (I itself, or a device of I). */
function actFor (client: Client, I: KeyPair, by: KeyPair = I): void {
  client.setIdentity({ key: hex(I.publicKey), cert: signDeviceCert(by, hex(I.publicKey), client.peerKey) })
}


async function textFrom (room: Room, text: string): Promise<Message> {
  return await waitFor(async () => (await room.messages({ limit: 100 })).find(m => m.text === text), { message: `"${text}" in ${room.alias}` })
}

// Without an account: each test sets the identity by hand (or none, a v3 member), whatever
// LINKUP_TEST_ACCOUNTS says; the account's own path is test/account/.
async function peers (n: number, testnet: Testnet): Promise<Client[]> {
  const out: Client[] = []
  for (let i = 0; i < n; i++) out.push(await createClient(testnet, { name: ['alice', 'alice', 'bob'][i], account: false }))
  return out
}

test('a second device of alice writes as alice, bob sees one person, and removing it holds', async () => {
  const testnet = await createLocalTestnet()
  const [alice1, alice2, bob] = await peers(3, testnet)
  const alice = crypto.keyPair()
  const I = hex(alice.publicKey)
  actFor(alice1, alice)
  const room1 = await alice1.createRoom('family')
  expect(room1.identityKey).toBe(I)
  expect(room1.role).toBe('owner')
  const bobId = crypto.keyPair()
  actFor(bob, bobId) // bob joins by invite as his identity (member-joined v4)
  const bobRoom = await bob.joinRoom(await room1.createInvite())
  expect(bobRoom.identityKey).toBe(hex(bobId.publicKey))

  // alice2 is certified by alice1's device (not by I): alice1's network key pair signs.
  const network1 = (alice1 as unknown as { network: { keyPair: KeyPair } }).network.keyPair
  actFor(alice2, alice, network1)
  const room2 = await alice2.openRoomAsDevice({ key: room1.id, encryptionKey: hex(room1.encryptionKey as Buffer) })
  expect(room2.writable).toBe(true)
  expect(room2.identityKey).toBe(I)
  expect(room2.alias).toBe('family')

  await room1.send('from the first device')
  await room2.send('from the second device')
  const first = await textFrom(bobRoom, 'from the first device')
  const second = await textFrom(bobRoom, 'from the second device')
  expect(first.author.key).toBe(I)
  expect(second.author.key).toBe(I)
  expect(first.author.device).toBe(room1.writerKey)
  expect(second.author.device).toBe(room2.writerKey)
  expect(second.author.name).toBe('alice')
  // search's author filter takes the person: both devices' messages
  const found = await waitFor(async () => {
    const results = await bob.search('device', { author: I })
    return results.length === 2 ? results : null
  }, { message: 'both of alice\'s messages by her identity in bob\'s search' })
  expect(found.map(r => r.message.author.device).sort()).toEqual([room1.writerKey, room2.writerKey].sort())

  const members = await waitFor(async () => {
    const list = await bobRoom.members()
    const a = list.find(m => m.key === I)
    return a?.devices.length === 2 ? list : null
  }, { message: 'alice with two devices in bob\'s member list' })
  expect(members.map(m => m.key).sort()).toEqual([I, hex(bobId.publicKey)].sort())
  expect(members.find(m => m.key === hex(bobId.publicKey))?.devices).toEqual([{ key: bob.peerKey, writer: bobRoom.writerKey }])
  const a = members.find(m => m.key === I)
  expect(a?.role).toBe('owner')
  expect(a?.devices.map(d => d.key).sort()).toEqual([alice1.peerKey, alice2.peerKey].sort())

  // one reaction per person, from either device; an edit from the other device
  await room2.react(first.id, '👍')
  await waitFor(async () => (await room1.message(first.id))?.reactions['👍']?.includes(I))
  await expect(room1.react(first.id, '👍')).resolves.toBeDefined() // already there: nothing changes
  await room2.edit(first.id, 'edited on the second device')
  await waitFor(async () => (await bobRoom.message(first.id))?.text === 'edited on the second device', { message: 'the edit at bob' })
  expect((await bobRoom.message(first.id))?.reactions['👍']).toEqual([I])

  // both devices and bob write at once: every copy ends the same, key for key
  await Promise.all([room1.send('a1 at once'), room2.send('a2 at once'), bobRoom.send('bob at once'), room2.react(second.id, '🎉'), room1.react(second.id, '🎉')])
  await waitFor(() => sameViews([room1, room2, bobRoom]), { message: 'the three copies identical' })
  expect((await bobRoom.message(second.id))?.reactions['🎉']).toEqual([I]) // one person, one reaction

  // alice1 removes alice2: its later writes are accepted by nobody, and it is told.
  const removed = once(room2, 'removed')
  await room1.removeDevice(alice2.peerKey)
  await removed
  expect(room2.removed).toBe(true)
  await expect(room2.send('after the removal')).rejects.toMatchObject({ code: 'NOT_WRITABLE' })
  // a block appended on its core anyway (a hostile build) is skipped by everyone
  await roomInternals(room2).base.append(Buffer.from(JSON.stringify({ type: 'message-posted', v: 1, text: 'sneaked in', ts: Date.now() })))
  await room1.send('after')
  await textFrom(bobRoom, 'after')
  const list = await bobRoom.members()
  expect(list.find(m => m.key === I)?.devices.map(d => d.key)).toEqual([alice1.peerKey])
  for (const r of [bobRoom, room1]) {
    expect((await r.messages({ limit: 100 })).some(m => m.text === 'sneaked in')).toBe(false)
  }
  // its messages from before stay alice's
  expect((await bobRoom.message(second.id))?.author.key).toBe(I)
})

test('migration: a room made before the identity shows its older messages under it once bound; a v3 member still reads', async () => {
  const testnet = await createLocalTestnet()
  const [alice1, , bob] = await peers(3, testnet)
  const room1 = await alice1.createRoom('old')
  const bobRoom = await bob.joinRoom(await room1.createInvite())
  await room1.send('before the identity')
  const before = await textFrom(bobRoom, 'before the identity')
  expect(before.author.key).toBe(room1.writerKey)
  await bobRoom.send('bob, still v3')

  const alice = crypto.keyPair()
  const I = hex(alice.publicKey)
  actFor(alice1, alice)
  const reread = once(bobRoom, 'reset') // what bob shows under alice's writer key is now hers
  await room1.bindDevice()
  await reread
  expect(room1.identityKey).toBe(I)
  expect(room1.role).toBe('owner')
  await room1.send('after the identity')
  await textFrom(bobRoom, 'after the identity')
  await waitFor(async () => (await bobRoom.message(before.id))?.author.key === I, { message: 'the older message under the identity at bob' })
  const at = await bobRoom.message(before.id)
  expect(at?.author).toEqual({ key: I, device: room1.writerKey, name: 'alice' })
  const members = await bobRoom.members()
  expect(members.map(m => m.key).sort()).toEqual([I, bobRoom.writerKey].sort())
  expect((await bobRoom.meta())?.owner).toBe(I)
  // bob, who never set an identity, still writes and reads as his writer key
  expect((await textFrom(room1, 'bob, still v3')).author.key).toBe(bobRoom.writerKey)
  // the owner still owns: it may make bob an admin
  await room1.setRole(bobRoom.writerKey, 'admin')
  await waitFor(() => bobRoom.role === 'admin', { message: 'bob an admin' })
})

test('a device that proves nothing gets a clear error, and nothing of the room', async () => {
  const testnet = await createLocalTestnet()
  const [alice1, alice2, mallory] = await peers(3, testnet)
  const alice = crypto.keyPair()
  actFor(alice1, alice)
  const room1 = await alice1.createRoom('private')
  await room1.send('secret')
  // a certificate for another device, or by nobody of alice's, is refused at once
  expect(() => alice2.setIdentity({ key: hex(alice.publicKey), cert: signDeviceCert(alice, hex(alice.publicKey), alice1.peerKey) })).toThrow(/certificate/)
  await expect(alice2.openRoomAsDevice({ key: room1.id })).rejects.toMatchObject({ code: 'NO_IDENTITY' })
  // mallory claims to be alice with a certificate she signed herself: every peer refuses her
  const self = (mallory as unknown as { network: { keyPair: KeyPair } }).network.keyPair
  mallory.setIdentity({ key: hex(alice.publicKey), cert: signDeviceCert(self, hex(alice.publicKey), mallory.peerKey) })
  const started = Date.now()
  await expect(mallory.openRoomAsDevice({ key: room1.id, encryptionKey: hex(room1.encryptionKey as Buffer), timeout: 30_000 })).rejects.toMatchObject({ code: 'DEVICE_REFUSED' })
  expect(Date.now() - started).toBeLessThan(30_000)
  expect(mallory.rooms).toEqual([])
  expect((await room1.members()).map(m => m.key)).toEqual([hex(alice.publicKey)])
})

test('a removed device cannot come back with the same certificate', async () => {
  const testnet = await createLocalTestnet()
  const [alice1, alice2] = await peers(2, testnet)
  const alice = crypto.keyPair()
  actFor(alice1, alice)
  actFor(alice2, alice)
  const room1 = await alice1.createRoom('r')
  const room2 = await alice2.openRoomAsDevice({ key: room1.id, encryptionKey: hex(room1.encryptionKey as Buffer) })
  const removed = once(room2, 'removed')
  await room1.removeDevice(alice2.peerKey)
  await removed
  await alice2.leaveRoom(room2.id, { anyway: true })
  await expect(alice2.openRoomAsDevice({ key: room1.id, encryptionKey: hex(room1.encryptionKey as Buffer), timeout: 20_000 })).rejects.toMatchObject({ code: 'BANNED' })
})

test('a room made by a device certified by another device says why it cannot be the identity\'s, at once', async () => {
  const testnet = await createLocalTestnet()
  const [alice1, alice2] = await peers(2, testnet)
  const alice = crypto.keyPair()
  actFor(alice1, alice)
  const network1 = (alice1 as unknown as { network: { keyPair: KeyPair } }).network.keyPair
  actFor(alice2, alice, network1) // certified by alice1's device, which a new room has never seen
  const started = Date.now()
  await expect(alice2.createRoom('alone')).rejects.toMatchObject({ code: 'DEVICE_REFUSED', message: /certify this device by the identity/ })
  expect(Date.now() - started).toBeLessThan(10_000)
  expect(alice2.rooms).toEqual([])
})

test('removing a person removes every device of theirs, and each is told', async () => {
  const testnet = await createLocalTestnet()
  const [alice1, bob1, bob2] = await peers(3, testnet)
  const room1 = await alice1.createRoom('r')
  const bob = crypto.keyPair()
  actFor(bob1, bob)
  actFor(bob2, bob)
  const bobRoom1 = await bob1.joinRoom(await room1.createInvite())
  const bobRoom2 = await bob2.openRoomAsDevice({ key: room1.id, encryptionKey: hex(room1.encryptionKey as Buffer) })
  const B = hex(bob.publicKey)
  await waitFor(async () => (await room1.members()).find(m => m.key === B)?.devices.length === 2, { message: 'bob with two devices' })
  const told = [once(bobRoom1, 'removed'), once(bobRoom2, 'removed')]
  await room1.removeMember(B)
  await Promise.all(told)
  for (const r of [bobRoom1, bobRoom2]) await expect(r.send('still here?')).rejects.toMatchObject({ code: 'NOT_WRITABLE' })
  expect((await room1.members()).map(m => m.key)).toEqual([room1.identityKey])
})
