// The owner signs at most once a second, not in every message it sends (src/room.ts,
// patches/autobase+7.28.1.patch); `signed` in the status must still come true on its own
// after the last message, on the owner and on a member, with nothing more sent.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds } from '../helpers/views.js'

const BURST = 30

async function signedBlocks (room: { base: { local: { length: number, get: (i: number) => Promise<unknown> } } }, from: number): Promise<number> {
  let n = 0
  for (let i = from; i < room.base.local.length; i++) {
    const block = await room.base.local.get(i) as { checkpoint: { system: { checkpoint: unknown } | null } | null }
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

  const from = room.base.local.length
  for (let i = 0; i < BURST; i++) await room.send('burst ' + i)
  const sent = room.base.local.length - from
  await waitFor(async () => (await messageIds(bobRoom)).length === before + BURST, { message: 'bob to have the burst' })

  // No more messages: the deferred signature comes from the owner's own timer.
  await waitFor(() => room.status.signed && bobRoom.status.signed, { timeout: 15_000, message: 'both to show the room signed' })
  expect(room.base.signedLength).toBe(room.base.length)
  expect(await signedBlocks(room, from)).toBeLessThan(sent / 2)
})
