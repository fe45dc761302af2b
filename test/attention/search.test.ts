// Search (docs/architecture.md §15.2) between real peers on a local testnet: words, prefixes,
// near misses and filters across two rooms; deleted, cleared and edited messages kept right;
// right again after two peers' histories made apart merge; the index is local only.
import { test, expect } from 'vitest'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet, createClient, tmpStorage, offline, threeInARoom, writeApart } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import type { Client } from '../../src/index.js'
import type { MessageSearch } from '../../src/search/message-search.js'

const finder = (c: Client): MessageSearch => (c as unknown as { finder: MessageSearch }).finder

const texts = async (client: Client, query: string, opts = {}): Promise<string[]> =>
  (await client.search(query, opts)).map(r => r.message.text ?? '')

test('finds words, prefixes and near misses across two rooms, by room and by author', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const design = await alice.createRoom('design')
  const ops = await alice.createRoom('ops')
  const bobDesign = await bob.joinRoom(await design.createInvite())
  const bobOps = await bob.joinRoom(await ops.createInvite())
  await design.send('The **header** mock-ups are ready for review')
  await bobDesign.send('I will review the header after lunch')
  await ops.send('Deploying the new database tonight')
  await bobOps.send('Database backups are verified')
  await design.send('Unrelated: coffee machine is broken')
  await waitFor(async () => (await bob.search('coffee')).length === 1, { message: 'bob has indexed alice\'s last message' })

  expect(await texts(bob, 'header review')).toEqual(['I will review the header after lunch', 'The **header** mock-ups are ready for review'])
  expect(await texts(bob, 'datab')).toEqual(['Database backups are verified', 'Deploying the new database tonight']) // a prefix
  expect(await texts(bob, 'databse')).toHaveLength(2) // a near miss
  expect(await texts(bob, 'review', { room: ops.id })).toEqual([])
  expect(await texts(bob, 'database', { author: ops.identityKey })).toEqual(['Deploying the new database tonight'])
  expect(await texts(bob, 'header', { author: bobDesign.identityKey })).toEqual(['I will review the header after lunch'])
  const [hit] = await bob.search('mock')
  expect(hit).toMatchObject({ roomId: design.id, message: { author: { key: design.identityKey } } })
  expect(hit!.terms).toContain('mock')
  expect(await bob.search('review', { limit: 1 })).toHaveLength(1)
  await expect(bob.search('')).rejects.toThrow(/1 to 200 characters/)
  await expect(bob.search('x', { room: 'ab'.repeat(32) })).rejects.toThrow(/room/)
  // the index is local: one file beside the Corestore, never in it (nothing a peer replicates)
  await finder(bob).flush()
  const files = fs.readdirSync(bob.storage, { recursive: true }) as string[]
  expect(files.filter(f => /search|index/i.test(path.basename(f)))).toEqual(['search-index.json'])
})

test('deleted, cleared and edited messages are kept right, also across a restart', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bobStorage = tmpStorage('bob')
  let bob = await createClient(testnet, { name: 'bob', storage: bobStorage })
  const room = await alice.createRoom('changes')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const typo = await room.send('Meet at the tarin station')
  const secret = await room.send('The vault code is 4417 oops')
  await room.send('Ancient history about zebras')
  await waitFor(async () => (await bob.search('zebras')).length === 1, { message: 'bob indexed the zebras' })

  await room.edit(typo.id, 'Meet at the bus terminal')
  await room.delete(secret.id)
  await waitFor(async () => (await texts(bob, 'terminal')).length === 1, { message: 'the edit reached bob\'s index' })
  expect(await texts(bob, 'tarin')).toEqual([]) // old words are gone ("train" would be a near miss of "tarin")
  // the deletion is a block of its own, after the edit: it may reach bob a moment later
  await waitFor(async () => (await bobRoom.message(secret.id))?.deleted, { message: 'the deletion reached bob' })
  expect(await texts(bob, 'vault')).toEqual([])
  await waitFor(async () => (await texts(alice, 'vault')).length === 0, { message: 'alice\'s index forgot it too' })

  await bobRoom.clear()
  expect(await texts(bob, 'zebras')).toEqual([])
  expect(await texts(alice, 'zebras')).toEqual(['Ancient history about zebras']) // ~clear is bob's alone
  await room.send('Fresh zebras after the clear')
  await waitFor(async () => (await texts(bob, 'zebras')).length === 1, { message: 'a new message after ~clear is found' })

  await bob.close()
  // the index on disk holds no word of a deleted, cleared or edited-away text
  const saved = fs.readFileSync(path.join(bobStorage, 'search-index.json'), 'utf-8')
  for (const gone of ['4417', 'vault', 'tarin', 'ancient']) expect(saved, gone).not.toContain(gone)
  expect(saved).toContain('fresh')
  bob = await createClient(offline, { storage: bobStorage })
  await bob.searchReady()
  expect(await texts(bob, 'zebras')).toEqual(['Fresh zebras after the clear'])
  expect(await texts(bob, 'terminal')).toEqual([])  // cleared too, though edited
  expect(await texts(bob, 'vault')).toEqual([])
})

test('after two peers\' histories made apart merge, search finds each message once, as last edited', async () => {
  const testnet = await createLocalTestnet()
  const { alice, room, bob: bobThen, carol: carolThen, bobStorage, carolStorage } = await threeInARoom(testnet, 'merge', 'hello everyone')

  await Promise.all([bobThen.close(), carolThen.close()])
  await writeApart(bobStorage, room.id, async (bobRoom) => {
    const draft = await bobRoom.send('bob proposes pelicans')
    await bobRoom.edit(draft.id, 'bob proposes flamingos')
  })
  await writeApart(carolStorage, room.id, (carolRoom) => carolRoom.send('carol prefers flamingos too'))
  await room.send('alice likes flamingos')

  const bob = await createClient(testnet, { storage: bobStorage })
  const carol = await createClient(testnet, { storage: carolStorage })
  for (const c of [alice, bob, carol]) {
    await waitFor(async () => (await c.search('flamingos')).length === 3, { message: 'three flamingos everywhere', timeout: 60_000 })
  }
  for (const c of [alice, bob, carol]) {
    expect((await texts(c, 'flamingos')).sort()).toEqual(['alice likes flamingos', 'bob proposes flamingos', 'carol prefers flamingos too'])
    expect(await texts(c, 'pelicans')).toEqual([])
  }
})
