// Who is online in a room (docs/architecture.md §16.5), on real peers on a local testnet. The
// room is a star around its signer (§6.1): bob and carol each reach alice, not each other, so
// bob learns that carol is online from alice's presence, and that she left when alice says so.
// Before presence, a member counted as online whenever any peer's clock named her writer, which
// it does for everyone who ever wrote: carol stayed online at bob after she left.
import { test, expect } from 'vitest'
import type { Room } from '../../src/index.js'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

async function online (room: Room): Promise<string> {
  return (await room.members()).filter(m => m.online).map(m => m.name).sort().join()
}

test('a member is online when connected to us or to a peer that says so, and offline once she left', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const carol = await createClient(testnet, { name: 'carol' })
  const room = await alice.createRoom('presence')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  await carol.joinRoom(await room.createInvite())

  await waitFor(async () => await online(bobRoom) === 'alice,bob,carol', { message: 'carol online at bob, through alice' })
  expect(bobRoom.status.peers).toBe(1) // the star: bob is connected to alice only
  expect(bobRoom.status.online).toBe(3)

  await carol.close()
  await waitFor(async () => await online(bobRoom) === 'alice,bob', { message: 'carol offline at bob once she left' })
  await waitFor(async () => await online(room) === 'alice,bob', { message: 'carol offline at alice' })
  expect(bobRoom.status.online).toBe(2)
})
