// Who connects to whom in a room (src/room-reach.ts, docs/architecture.md §6.1): members
// connect to the owner, who signs the room, and not to one another while it is online; their
// messages reach each other through it. With the owner away they find one another and talk.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds } from '../helpers/views.js'
import type { Room } from '../../src/index.js'

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
