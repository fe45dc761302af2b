// Handing a room over (docs/architecture.md §3), on real peers: ownership moves in every view
// alike, the old owner's powers go and the new owner's come; the owner cannot just leave.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { sameViews } from '../helpers/views.js'
import { roomInternals } from '../../src/room-internals.js'
import type { Room } from '../../src/index.js'

/** name → role, as one string in name order (to compare views). */
const roles = async (room: Room): Promise<Record<string, string>> =>
  Object.fromEntries((await room.members()).map(m => [m.name ?? m.key, m.role]).sort(([a], [b]) => a < b ? -1 : 1))

test('ownership moves identically everywhere; the old owner loses its powers, the new owner gains them', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const carol = await createClient(testnet, { name: 'carol' })
  const room = await alice.createRoom('handed over')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const carolRoom = await carol.joinRoom(await room.createInvite())
  const all = [room, bobRoom, carolRoom]
  await waitFor(async () => (await Promise.all(all.map(r => r.members()))).every(ms => ms.length === 3), { message: 'three members everywhere' })

  // The owner cannot leave without handing over first, and is told how.
  await expect(room.leave()).rejects.toMatchObject({ code: 'LAST_ADMIN', message: expect.stringMatching(/owner first/) })
  await expect(bobRoom.transferOwnership(carolRoom.identityKey)).rejects.toMatchObject({ code: 'NOT_OWNER' })

  await room.transferOwnership(bobRoom.identityKey)
  const expected = { alice: 'admin', bob: 'owner', carol: 'member' }
  await waitFor(async () => (await Promise.all(all.map(roles))).every(r => JSON.stringify(r) === JSON.stringify(expected)), { message: 'every view to show bob as the owner' })
  await waitFor(() => bobRoom.isOwner && !room.isOwner && room.role === 'admin', { message: 'each device to know its role' })
  for (const r of all) expect((await r.meta())?.owner).toBe(bobRoom.identityKey)
  await waitFor(() => sameViews(all), { message: 'identical views' })

  // The old owner's powers are gone: the SDK says so, and a raw block is skipped by every peer.
  await expect(room.transferOwnership(carolRoom.identityKey)).rejects.toMatchObject({ code: 'NOT_OWNER' })
  await bobRoom.setRole(carolRoom.identityKey, 'admin') // the new owner promotes
  await waitFor(async () => (await roles(room)).carol === 'admin', { message: 'carol to be an admin for alice' })
  await expect(room.removeMember(carolRoom.identityKey)).rejects.toMatchObject({ code: 'NOT_OWNER' })
  const skipped = async (r: Room): Promise<number> => ((await roomInternals(r).base.view.get('meta/skipped'))?.value as number | undefined) ?? 0
  const before = await Promise.all(all.map(skipped))
  await roomInternals(room).writer.append({ type: 'ownership-transferred', v: 3, key: roomInternals(room).base.local.key.toString('hex') })
  await roomInternals(room).writer.append({ type: 'member-removed', v: 3, key: carolRoom.identityKey, publicKey: 'ab'.repeat(32), sig: 'cd'.repeat(64) })
  await waitFor(async () => (await Promise.all(all.map(skipped))).every((n, i) => n === before[i] + 2), { message: 'every peer to skip the old owner\'s blocks' })
  for (const r of all) expect((await r.meta())?.owner).toBe(bobRoom.identityKey)

  // The new owner's powers came: it removes an admin (the old owner), and the owner still
  // cannot simply leave.
  await bobRoom.removeMember(room.identityKey)
  await waitFor(async () => JSON.stringify(await roles(carolRoom)) === JSON.stringify({ bob: 'owner', carol: 'admin' }), { message: 'alice removed everywhere' })
  await expect(bobRoom.leave()).rejects.toMatchObject({ code: 'LAST_ADMIN' })
  await waitFor(() => sameViews([bobRoom, carolRoom]), { message: 'identical views after' })
})

test('an admin who leaves steps down first, so the room stops counting on that device', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await alice.createRoom('stepping down')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  await room.setRole(bobRoom.identityKey, 'admin')
  await waitFor(async () => bobRoom.role === 'admin' && (await roles(room)).bob === 'admin', { message: 'bob to be an admin' })
  await bobRoom.leave()
  expect(bob.rooms).toEqual([])
  await waitFor(async () => (await roles(room)).bob === 'member', { message: 'bob to have stepped down' })
})
