// Who connects to whom in a room (src/room-reach.ts, docs/architecture.md §6.1): members
// connect to the signers (the owner, or up to three admins) and not to one another while one is
// online; their messages reach each other through it. With the signers away they find one
// another and talk. Signers find one another, which nobody else introduces in a star.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds } from '../helpers/views.js'
import { roomInternals } from '../../src/room-internals.js'
import type { Client, Room } from '../../src/index.js'
import type { Network } from '../../src/network/swarm.js'

const has = async (room: Room, text: string): Promise<boolean> => (await room.messages({ limit: 20 })).some((m) => m.text === text)

test('members reach each other through the owner, and find one another when it is away', async () => {
  const testnet = await createLocalTestnet()
  const owner = await createClient(testnet, { name: 'owner' })
  const bob = await createClient(testnet, { name: 'bob' })
  const carol = await createClient(testnet, { name: 'carol' })
  const room = await owner.createRoom('star')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const carolRoom = await carol.joinRoom(await room.createInvite())

  await bobRoom.send('from bob')
  await carolRoom.send('from carol')
  await waitFor(async () => await has(carolRoom, 'from bob') && await has(bobRoom, 'from carol'), { message: "each member to have the other's message" })
  // Before, carol dialled bob too as she joined (both announced the room): two peers each.
  expect(room.peers).toBe(2)
  expect(bobRoom.peers).toBe(1)
  expect(carolRoom.peers).toBe(1)

  await owner.close()
  await bobRoom.send('while the owner is away')
  await waitFor(() => has(carolRoom, 'while the owner is away'), { timeout: 30_000, message: "bob and carol to find one another, and carol to have bob's message" })
  expect(bobRoom.peers).toBe(1)
  expect(carolRoom.peers).toBe(1)
  await waitFor(async () => (await messageIds(carolRoom)).length === (await messageIds(bobRoom)).length, { message: 'the same messages on both' })
})

/** The writers a device's peers in the room speak for (their proofs). */
function peerWriters (client: Client, room: Room): string[] {
  const network = (client as unknown as { network: Network }).network
  return network.peers(room.id).map((peer) => peer.writerIn(room.id) ?? '?').sort()
}

test('three admins sign: they reach one another, members reach signers only, and go on when the owner leaves', async () => {
  const testnet = await createLocalTestnet()
  const clients = await Promise.all(['owner', 'ann', 'bob', 'carol', 'dan'].map((name) => createClient(testnet, { name })))
  const [owner, ann, bob, carol, dan] = clients
  const room = await owner.createRoom('signers')
  const rooms: Room[] = [room]
  for (const client of [ann, bob, carol, dan]) rooms.push(await client.joinRoom(await room.createInvite()))
  const [, annRoom, bobRoom, carolRoom, danRoom] = rooms
  await room.setRole(annRoom.identityKey, 'admin')
  await room.setRole(bobRoom.identityKey, 'admin')
  await waitFor(() => roomInternals(annRoom).base.isIndexer && roomInternals(bobRoom).base.isIndexer, { message: 'ann and bob to become signers' })

  // ann and bob joined as members, connected to the owner only: as signers they find each other.
  const signers = [room, annRoom, bobRoom].map((r) => r.writerKey)
  await waitFor(() => [[owner, room], [ann, annRoom], [bob, bobRoom]].every(([c, r]) => {
    const mine = (r as Room).writerKey
    const theirs = peerWriters(c as Client, r as Room)
    return signers.every((key) => key === mine || theirs.includes(key))
  }), { timeout: 30_000, message: 'every signer to have the other two as peers' })
  // Members have signers as peers, never each other.
  for (const [c, r] of [[carol, carolRoom], [dan, danRoom]] as const) {
    const theirs = peerWriters(c, r)
    expect(theirs.length).toBeGreaterThan(0)
    expect(theirs.every((key) => signers.includes(key)), `${theirs.join(',')} are signers`).toBe(true)
  }

  await owner.close() // the other two signers carry on; members reach them
  await carolRoom.send('after the owner left')
  await waitFor(() => has(danRoom, 'after the owner left'), { timeout: 30_000, message: "dan to have carol's message through ann or bob" })
  // Each member lost its signer and looks again: it reaches one of the two left (and may keep a
  // member it met while it had none: connections made stay, room-reach.ts).
  const remaining = [annRoom.writerKey, bobRoom.writerKey]
  await waitFor(() => [peerWriters(carol, carolRoom), peerWriters(dan, danRoom)].every((theirs) => theirs.some((key) => remaining.includes(key))), { timeout: 30_000, message: 'carol and dan each to reach ann or bob' })
})
