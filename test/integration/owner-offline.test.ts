import { test, expect } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds, sameViews } from '../helpers/views.js'

test('with the owner offline, members talk in one order; signing catches up when it returns', async () => {
  const testnet = await createLocalTestnet()
  const ownerStorage = tmpStorage('owner')
  let owner = await createClient(testnet, { name: 'owner', storage: ownerStorage })
  const bob = await createClient(testnet, { name: 'bob' })
  const carol = await createClient(testnet, { name: 'carol' })
  const room = await owner.createRoom('no-owner')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const carolRoom = await carol.joinRoom(await room.createInvite())
  await waitFor(() => bobRoom.status.signed && carolRoom.status.signed, { message: 'signed before' })

  await owner.close()
  for (let i = 0; i < 20; i++) {
    await bobRoom.send('bob ' + i)
    await carolRoom.send('carol ' + i)
  }
  await waitFor(async () => (await messageIds(bobRoom)).length === 40 && (await messageIds(carolRoom)).length === 40,
    { message: 'both members to have 40 messages' })
  await waitFor(() => sameViews([bobRoom, carolRoom]), { message: 'same order on both members' })
  expect(bobRoom.status.signed).toBe(false) // honest: nobody can sign while the owner is away

  owner = await createClient(testnet, { storage: ownerStorage })
  const back = owner.room(room.id)!
  await waitFor(async () => (await messageIds(back)).length === 40, { message: 'the owner to catch up' })
  await waitFor(() => bobRoom.status.signed && carolRoom.status.signed && back.status.signed, { timeout: 30_000, message: 'signing to catch up' })
  await waitFor(() => sameViews([back, bobRoom, carolRoom]), { message: 'identical views' })
})
