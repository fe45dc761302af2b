// The owner signs at most once a second, not in every message it sends (src/room.ts,
// patches/autobase+7.28.1.patch); `signed` in the status must still come true on its own
// after the last message, on the owner and on a member, with nothing more sent.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds } from '../helpers/views.js'
import { roomInternals } from '../../src/room-internals.js'
import type { Room } from '../../src/index.js'

const BURST = 30

async function signedBlocks (room: Room, from: number): Promise<number> {
  const { local } = roomInternals(room).base
  let n = 0
  for (let i = from; i < local.length; i++) {
    const block = await local.get(i) as unknown as { checkpoint: { system: { checkpoint: unknown } | null } | null }
    if (block.checkpoint?.system?.checkpoint) n++
  }
  return n
}

test('a burst from the owner is signed soon after its last message, with far fewer checkpoints', async () => {
  const testnet = await createLocalTestnet()
  const owner = await createClient(testnet, { name: 'owner' })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await owner.createRoom('burst')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const before = (await messageIds(room)).length

  const base = roomInternals(room).base
  const from = base.local.length
  for (let i = 0; i < BURST; i++) await room.send('burst ' + i)
  const sent = base.local.length - from
  await waitFor(async () => (await messageIds(bobRoom)).length === before + BURST, { message: 'bob to have the burst' })

  // No more messages: the deferred signature comes from the owner's own timer.
  await waitFor(() => room.status.signed && bobRoom.status.signed, { timeout: 15_000, message: 'both to show the room signed' })
  expect(base.signedLength).toBe(base.length)
  expect(await signedBlocks(room, from)).toBeLessThan(sent / 2)
})
