import { test, expect } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage, offline } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds, sameViews } from '../helpers/views.js'

const N = 500

test(`offline both ways: ${N} messages each side converge in one order, nothing lost`, async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bobStorage = tmpStorage('bob')
  let bob = await createClient(testnet, { name: 'bob', storage: bobStorage })
  const room = await alice.createRoom('offline')
  const heard: string[] = [] // every 'message' event on alice's side, to check none is lost or doubled
  room.on('message', (m: { id: string }) => heard.push(m.id))
  let bobRoom = await bob.joinRoom(await room.createInvite())
  await bobRoom.send('before')
  await waitFor(async () => (await messageIds(room)).length === 1)

  // bob's node stops; both keep writing
  await bob.close()
  const aliceSent = await Promise.all(Array.from({ length: N }, (_, i) => room.send('alice ' + i)))

  bob = await createClient(offline, { storage: bobStorage })
  bobRoom = bob.room(room.id)!
  const bobSent = await Promise.all(Array.from({ length: N }, (_, i) => bobRoom.send('bob ' + i)))
  // written offline, visible locally at once
  expect((await bobRoom.messages({ limit: 1 }))[0]?.text).toBe(`bob ${N - 1}`)
  expect((await messageIds(bobRoom)).length).toBe(N + 1)
  expect(bobSent.every(m => m.seen === false)).toBe(true)
  await bob.close()

  // bob comes back
  const start = Date.now()
  bob = await createClient(testnet, { storage: bobStorage })
  bobRoom = bob.room(room.id)!
  await waitFor(async () => (await messageIds(bobRoom)).length === 2 * N + 1 && (await messageIds(room)).length === 2 * N + 1,
    { timeout: 90_000, message: 'both sides to have every message' })
  await waitFor(() => sameViews([room, bobRoom]), { timeout: 30_000, message: 'identical views' })
  console.log(`converged ${N}+${N} messages in ${Date.now() - start} ms after reconnecting`)
  const ids = await messageIds(room)
  for (const m of [...aliceSent, ...bobSent]) expect(ids).toContain(m.id)
  expect(await messageIds(bobRoom)).toEqual(ids)
  await waitFor(() => heard.length >= ids.length, { message: 'a message event for each message' })
  expect(heard.length).toBe(ids.length)
  expect(new Set(heard)).toEqual(new Set(ids))
  await waitFor(async () => (await bobRoom.message(bobSent[N - 1]!.id))?.seen === true, { message: "alice's copy acknowledged" })
})
