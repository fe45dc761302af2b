import { test, expect } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage, offline } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds, sameViews } from '../helpers/views.js'
import { roomInternals } from '../../src/room-internals.js'

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

const AWAY = 3000

test(`a member back from offline is told each of ${AWAY} messages once, in order, fetched as its fast-forward brings them`, async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bobStorage = tmpStorage('bob')
  let bob = await createClient(testnet, { name: 'bob', storage: bobStorage })
  const room = await alice.createRoom('away')
  let bobRoom = await bob.joinRoom(await room.createInvite())
  await room.send('before')
  await waitFor(async () => (await messageIds(bobRoom)).length === 1, { message: "bob's first message" })
  await bob.close()

  // alice writes while bob is away, 64 sends in flight (group commit packs them into blocks)
  let next = 0
  const lane = async (): Promise<void> => { while (next < AWAY) await room.send('away ' + next++) }
  await Promise.all(Array.from({ length: 64 }, lane))
  const start = Date.now()

  bob = await createClient(testnet, { storage: bobStorage })
  bobRoom = bob.room(room.id)!
  const heard: string[] = []
  bobRoom.on('message', (m: { id: string }) => heard.push(m.id))
  let fastForwards = 0
  await bob.roomsOpened()
  roomInternals(bobRoom).base.on('fast-forward', () => { fastForwards++ })
  await waitFor(() => heard.length >= AWAY, { timeout: 90_000, message: `bob told of all ${AWAY}` }).catch(async (err) => { throw new Error(`${(err as Error).message}: ${heard.length} told, ${new Set(heard).size} distinct, view ${(await messageIds(bobRoom)).length}`) })
  const ids = await messageIds(room)
  expect(heard).toEqual(ids.slice(1)) // each once, in alice's order
  await waitFor(async () => (await messageIds(bobRoom)).length === AWAY + 1, { message: "bob's view whole" })
  console.log(`bob fast-forwarded ${fastForwards} time(s); told of ${AWAY} in ${Date.now() - start} ms after reopening`)
}, 180_000)
