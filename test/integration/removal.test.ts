// Removal that holds (docs/architecture.md §6.7), on real peers: bob is removed while connected;
// alice and carol then write 50 messages and a file; bob gets none of it while running, after a
// restart, or through a fresh connection; alice and carol converge; bob's node says it was
// removed and nobody counts it as a peer; and bob cannot come back unless an admin lets him.
// A room is a star around its signers (src/room-reach.ts): bob and carol, both members, would
// reach each other only through alice. They are linked directly (as two members are while no
// signer is online), so that a member's refusal is tested as well as the signer's.
import { test, expect } from 'vitest'
import type { Client, Room } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'
import { createLocalTestnet, createClient, tmpStorage, type Testnet } from '../helpers/peers.js'
import { waitFor, once } from '../helpers/wait.js'
import { messageIds, sameViews } from '../helpers/views.js'

const base = (room: Room) => roomInternals(room).base

/** The length of a core as this room's device knows it, and whether it holds any block past `from`. */
async function copyOf (room: Room, key: Buffer, from: number): Promise<{ length: number, past: boolean }> {
  const core = base(room).store.get({ key })
  await core.ready()
  const past = core.length > from && await core.has(from, core.length)
  const length = core.length
  await core.close()
  return { length, past }
}

interface Written { ids: string[], limits: Array<{ key: Buffer, length: number }> }

/** What bob may have of alice's and carol's cores: their writer cores and alice's drive, now. */
async function limitsNow (alice: Room, carol: Room): Promise<Array<{ key: Buffer, length: number }>> {
  const drive = roomInternals(alice).files.store.own
  const blobs = await drive.getBlobs()
  const limits = [
    { key: base(alice).local.key, length: base(alice).local.length },
    { key: base(carol).local.key, length: base(carol).local.length },
    { key: drive.core.key, length: drive.core.length }
  ]
  if (blobs !== null) limits.push({ key: blobs.core.key, length: blobs.core.length })
  return limits
}

/** Bob's copy holds nothing past the limits, and none of the messages. */
async function bobHasNone (bob: Room, written: Written): Promise<void> {
  for (const { key, length } of written.limits) {
    const copy = await copyOf(bob, key, length)
    expect(copy.past, 'a block written after the removal').toBe(false)
    expect(copy.length).toBeLessThanOrEqual(length)
  }
  const ids = new Set(await messageIds(bob))
  for (const id of written.ids) expect(ids.has(id), id).toBe(false)
}

/** Both peers told bob's device it was removed (on the connections it has now). */
function refusedByBoth (bob: Room): Promise<boolean> {
  return waitFor(() => {
    const refusals = roomInternals(bob).trust.access.refusals
    return refusals.size >= 2 && [...refusals.values()].every(v => v.reason === 'removed')
  }, { message: 'alice and carol to refuse bob as removed' })
}

async function write (alice: Room, carol: Room, n: number, tag: string): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    ids.push((await alice.send(`${tag}: the merger closes Friday ${i}`)).id)
    ids.push((await carol.send(`${tag}: carol ${i}`)).id)
  }
  return ids
}

async function converged (alice: Room, carol: Room, ids: string[]): Promise<void> {
  await waitFor(async () => {
    const [a, c] = await Promise.all([messageIds(alice), messageIds(carol)])
    return ids.every(id => a.includes(id) && c.includes(id))
  }, { message: 'alice and carol to have every message' })
  await waitFor(() => sameViews([alice, carol]), { message: 'alice and carol to converge' })
}

async function roomOf (client: Client, id: string): Promise<Room> {
  return await waitFor(() => client.room(id), { message: 'the room to reopen' })
}

async function freshConnections (client: Client): Promise<void> {
  const swarm = (client as unknown as { network: { swarm: { connections: Set<{ destroy: () => void }> } } }).network.swarm
  for (const conn of [...swarm.connections]) conn.destroy()
}

const swarmOf = (client: Client) => (client as unknown as { network: { swarm: { listen: () => Promise<void>, joinPeer: (key: Buffer) => void, keyPair: { publicKey: Buffer } } } }).network.swarm

/** `from` dials `to` directly, and redials it after a dropped connection (Hyperswarm's joinPeer). */
async function link (from: Client, to: Client): Promise<void> {
  await swarmOf(to).listen()
  swarmOf(from).joinPeer(swarmOf(to).keyPair.publicKey)
}

async function setup (testnet: Testnet) {
  const alice = await createClient(testnet, { name: 'alice' })
  const bobStorage = tmpStorage('bob')
  const bob = await createClient(testnet, { name: 'bob', storage: bobStorage })
  const carol = await createClient(testnet, { name: 'carol' })
  const room = await alice.createRoom('holds')
  const bobsInvite = await room.createInvite()
  const bobRoom = await bob.joinRoom(bobsInvite)
  const carolRoom = await carol.joinRoom(await room.createInvite())
  const carolsSpare = await carolRoom.createInvite() // a member's invite, made before the removal
  await link(bob, carol)
  const hi = await bobRoom.send('hi, bob here')
  await waitFor(async () => (await room.message(hi.id)) !== null && (await carolRoom.message(hi.id)) !== null, { message: "bob's message everywhere" })
  await waitFor(() => room.peers === 2 && carolRoom.peers === 2 && bobRoom.peers === 2, { message: 'three peers' })
  return { alice, bob, bobStorage, carol, room, bobRoom, carolRoom, bobsInvite, carolsSpare }
}

test('bob, removed while connected, gets nothing written after it, live, after a restart and on a fresh connection', async () => {
  const testnet = await createLocalTestnet()
  const s = await setup(testnet)
  const { alice, room, carolRoom } = s
  let { bob, bobRoom } = s

  const removed = once<{ by: string }>(bobRoom, 'removed')
  await room.removeMember(bobRoom.identityKey)
  expect((await removed).by).toBe(room.identityKey)
  expect(bobRoom.removed).toBe(true)
  await expect(bobRoom.send('still here?')).rejects.toMatchObject({ code: 'NOT_WRITABLE' })
  await waitFor(async () => !(await carolRoom.members()).some(m => m.key === bobRoom.identityKey), { message: 'carol to apply the removal' })
  await waitFor(() => room.peers === 1 && carolRoom.peers === 1 && bobRoom.peers === 0, { message: 'nobody to count bob as a peer' })

  // Live: bob is still running and connected.
  const written: Written = { ids: [], limits: await limitsNow(room, carolRoom) }
  written.ids.push(...await write(room, carolRoom, 25, 'live'))
  const file = await room.sendFile('minutes.txt', Buffer.from('the merger closes Friday'))
  written.ids.push(file.id)
  await converged(room, carolRoom, written.ids)
  await bobHasNone(bobRoom, written)
  expect((await room.members()).map(m => m.name).sort()).toEqual(['alice', 'carol'])

  // After a restart: bob's node comes back, is refused by both, and is told again.
  await bob.close()
  bob = await createClient(testnet, { storage: s.bobStorage })
  await link(bob, s.carol)
  bobRoom = await roomOf(bob, room.id)
  // A device whose own view bans its writer knows at open, before anyone can listen (bob with
  // an account: docs/architecture.md §16); otherwise a peer's refusal tells it.
  const again = bobRoom.removed ? Promise.resolve() : once(bobRoom, 'removed')
  await refusedByBoth(bobRoom)
  await again
  const more = await write(room, carolRoom, 2, 'after restart')
  written.ids.push(...more)
  await converged(room, carolRoom, written.ids)
  await bobHasNone(bobRoom, written)
  expect(bobRoom.peers).toBe(0)

  // Through fresh connections.
  await freshConnections(bob)
  await waitFor(() => roomInternals(bobRoom).trust.access.refusals.size === 0, { message: 'the old connections to close' })
  await refusedByBoth(bobRoom)
  written.ids.push(...await write(room, carolRoom, 2, 'fresh connection'))
  await converged(room, carolRoom, written.ids)
  await bobHasNone(bobRoom, written)
  expect(room.peers).toBe(1)
  expect(carolRoom.peers).toBe(1)
  expect(alice.rooms).toHaveLength(1)
})

test('bob cannot come back: not with his invite, not with a member\'s on this device or a fresh one, unless an admin lets him', async () => {
  const testnet = await createLocalTestnet()
  const s = await setup(testnet)
  const { room, bob, bobRoom, carolRoom, bobsInvite, carolsSpare } = s
  const removed = once(bobRoom, 'removed')
  await room.removeMember(bobRoom.identityKey)
  await removed
  await waitFor(async () => !(await carolRoom.members()).some(m => m.key === bobRoom.identityKey), { message: 'carol to apply the removal' })

  // Since the removal only admins invite; carol's earlier invite no longer admits anyone.
  await expect(carolRoom.createInvite()).rejects.toMatchObject({ code: 'NOT_ADMIN' })
  await bob.leaveRoom(room.id)
  // The same device: Autobase gives a store the same writer key in a room each time it joins,
  // and that key is banned, whatever the invite (test/sdk/room-access.test.ts covers a new
  // writer key on a banned device, which only other software could make).
  await expect(bob.joinRoom(bobsInvite)).rejects.toMatchObject({ code: 'BANNED' })
  await expect(bob.joinRoom(carolsSpare)).rejects.toMatchObject({ code: 'BANNED' })
  await expect(bob.joinRoom(await room.createInvite())).rejects.toMatchObject({ code: 'BANNED' })
  // A fresh device (new storage, new keys) with a member's invite: not an admin's.
  const fresh = await createClient(testnet, { name: 'bob again' })
  await expect(fresh.joinRoom(carolsSpare)).rejects.toMatchObject({ code: 'INVITE_NOT_ADMIN' })
  await expect(fresh.joinRoom(bobsInvite)).rejects.toMatchObject({ code: 'INVITE_REVOKED' })
  // An admin lets him back: an invite from alice admits the fresh device (a new key).
  const back = await fresh.joinRoom(await room.createInvite())
  await waitFor(async () => (await room.members()).some(m => m.key === back.identityKey), { message: 'alice to see him back' })
  expect((await room.members()).length).toBe(3)
})
