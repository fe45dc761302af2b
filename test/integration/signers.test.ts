// Roles that outlive the owner's device (docs/architecture.md §3), on real peers: three admins
// on three devices sign; the owner's device is closed for good; the other two keep signing and
// a brand-new member joins and fast-forwards off the state they signed.
import { test, expect, onTestFinished } from 'vitest'
import Autobase from 'autobase'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds, sameViews } from '../helpers/views.js'
import { roomInternals } from '../../src/room-internals.js'
import type { Room } from '../../src/index.js'

/** Records which bases fast-forwarded (observing Autobase's own event, changing nothing). */
function watchFastForwards (): Set<unknown> {
  const seen = new Set<unknown>()
  const emit = Autobase.prototype.emit
  Autobase.prototype.emit = function (this: Autobase, name: string | symbol, ...args: unknown[]) {
    if (name === 'fast-forward') seen.add(this)
    return emit.call(this, name, ...args)
  }
  onTestFinished(() => { Autobase.prototype.emit = emit })
  return seen
}

const base = (room: Room) => roomInternals(room).base

/** The room's messages are all signed on this device (acks after them may not be yet). */
async function messagesSigned (room: Room): Promise<boolean> {
  const core = base(room).view.core
  return core.signedLength >= core.length
}

test('three admins: with the owner\'s device gone for good, the other two sign and a new member fast-forwards', async () => {
  const fastForwarded = watchFastForwards()
  const testnet = await createLocalTestnet()
  const owner = await createClient(testnet, { name: 'owner' })
  const ann = await createClient(testnet, { name: 'ann' })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await owner.createRoom('lasting')
  const annRoom = await ann.joinRoom(await room.createInvite())
  const bobRoom = await bob.joinRoom(await room.createInvite())
  await room.setRole(annRoom.identityKey, 'admin')
  await room.setRole(bobRoom.identityKey, 'admin')
  await waitFor(() => base(annRoom).isIndexer && base(bobRoom).isIndexer, { message: 'ann and bob to become indexers' })
  await waitFor(async () => (await Promise.all([room, annRoom, bobRoom].map(r => r.members()))).every(ms => ms.filter(m => m.role === 'admin').length === 2), { message: 'every view to show two admins' })
  for (let i = 0; i < 10; i++) await room.send('before ' + i)
  await waitFor(async () => (await messageIds(bobRoom)).length === 10 && await messagesSigned(annRoom) && await messagesSigned(bobRoom), { message: 'signed with all three online' })

  await owner.close() // for good: its storage is never opened again
  const signedBefore = Math.min(base(annRoom).signedLength, base(bobRoom).signedLength)
  for (let i = 0; i < 15; i++) {
    await annRoom.send('ann ' + i)
    await bobRoom.send('bob ' + i)
  }
  await waitFor(async () => (await messageIds(annRoom)).length === 40 && (await messageIds(bobRoom)).length === 40, { message: 'ann and bob to have every message' })
  await waitFor(async () => await messagesSigned(annRoom) && await messagesSigned(bobRoom), { timeout: 45_000, message: 'ann and bob to sign every message without the owner' })
  expect(base(annRoom).signedLength).toBeGreaterThan(signedBefore)
  expect(base(bobRoom).signedLength).toBeGreaterThan(signedBefore)
  expect(annRoom.status.signed).toBe(true)

  // A brand-new member, invited by an admin, with only ann and bob online.
  const dan = await createClient(testnet, { name: 'dan' })
  const danRoom = await dan.joinRoom(await annRoom.createInvite())
  await waitFor(async () => (await messageIds(danRoom)).length === 40, { message: 'dan to have the whole history' })
  expect(fastForwarded.has(base(danRoom))).toBe(true)
  const signedNow = base(annRoom).signedLength
  await danRoom.send('hello from dan')
  await waitFor(async () => base(annRoom).signedLength > signedNow && await messagesSigned(annRoom) && await messagesSigned(danRoom), { timeout: 45_000, message: "dan's message to be signed" })
  await waitFor(() => sameViews([annRoom, bobRoom, danRoom]), { message: 'identical views' })
})
