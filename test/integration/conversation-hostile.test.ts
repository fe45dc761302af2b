// A hostile member writes changes straight to its writer core, past the SDK's checks: edits
// and deletions of others' messages, a 10 KB reaction, reactions to messages that do not
// exist, a flood of add/remove on one emoji. Every peer skips or bounds them the same way
// (docs/architecture.md §13), key for key, and nothing stops.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { sameViews } from '../helpers/views.js'
import { roomInternals } from '../../src/room-internals.js'
import { LIMITS } from '../../views/limits.js'
import type { Message } from '../../src/index.js'

const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o))

test('hostile changes are skipped or bounded identically on every peer', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const mallory = await createClient(testnet, { name: 'mallory' })
  const room = await alice.createRoom('hostile-changes')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const malloryRoom = await mallory.joinRoom(await room.createInvite())
  const rooms = [room, bobRoom, malloryRoom]
  const owners = await room.send('the owner speaks')
  const bobs = await bobRoom.send('bob speaks')
  await waitFor(async () => (await Promise.all(rooms.map(r => r.messages()))).every(m => m.length === 2), { message: 'both messages everywhere' })
  const updates: Message[] = []
  const arrived: string[] = []
  bobRoom.on('update', (m: Message) => updates.push(m))
  bobRoom.on('message', (m: Message) => arrived.push(m.id))

  const base = roomInternals(malloryRoom).base
  const refused = [
    json({ type: 'message-edited', v: 3, id: owners.id, text: 'pwned', ts: 1 }),
    json({ type: 'message-edited', v: 3, id: bobs.id, text: 'pwned', ts: 1 }),
    json({ type: 'message-deleted', v: 3, id: owners.id, ts: 1 }),
    json({ type: 'message-deleted', v: 3, id: bobs.id, ts: 1 }),
    json({ type: 'reaction-added', v: 3, id: bobs.id, emoji: '💣'.repeat(2560) }), // 10 KB
    json({ type: 'reaction-added', v: 3, id: room.id + ':4242', emoji: '👻' }),
    json({ type: 'reaction-added', v: 3, id: 'ab'.repeat(32) + ':1', emoji: '👻' }),
    json({ type: 'message-edited', v: 3, id: room.id + ':4242', text: 'nothing there', ts: 1 }),
    json({ type: 'reaction-removed', v: 3, id: bobs.id, emoji: '👍' }) // never added
  ]
  for (const block of refused) await base.append(block)
  // the flood: 1,000 add/remove of one emoji on bob's message, in batches as a fast writer would
  const flood = Array.from({ length: 1000 }, (_, i) => json({ type: i % 2 === 0 ? 'reaction-added' : 'reaction-removed', v: 3, id: bobs.id, emoji: '🔥' }))
  for (let i = 0; i < flood.length; i += 100) await base.append(flood.slice(i, i + 100))
  const last = await malloryRoom.send('mallory is done')
  await waitFor(async () => (await Promise.all(rooms.map(r => r.message(last.id)))).every(m => m !== null), { timeout: 60_000, message: 'every block applied everywhere' })
  await waitFor(() => sameViews(rooms), { timeout: 30_000, message: 'identical views' })

  const allowed = LIMITS.reactionChanges // then the flood is skipped, block by block
  for (const r of rooms) {
    expect(r.interrupted).toBeNull()
    // the two were sent concurrently: either may come first in the merged order
    const all = await r.messages()
    const [o, b] = [all.find(m => m.id === owners.id), all.find(m => m.id === bobs.id)]
    expect(o).toMatchObject({ text: 'the owner speaks', deleted: false, edited: null })
    expect(b).toMatchObject({ text: 'bob speaks', deleted: false, edited: null })
    // 64 changes of 1,000 took effect: an even number, so the flood ends with no reaction
    expect(b?.reactions).toEqual({})
    expect((await roomInternals(r).base.view.get(`rxn/${bobs.id}/${malloryRoom.identityKey}`))?.value).toBe(allowed)
    expect((await roomInternals(r).base.view.get('meta/skipped'))?.value).toBe(refused.length + flood.length - allowed)
  }
  // bob's node announced the flood's effect, not the whole flood: at most one update per change
  // (none at all when a pass saw it end where it began: the feed says only what is new). Its
  // reader has passed the flood once it announced mallory's last message, written after it.
  await waitFor(() => arrived.includes(last.id), { message: "bob's feed reaches mallory's last message" })
  expect(updates.length).toBeLessThanOrEqual(allowed)
  expect(updates.every(m => m.id === bobs.id)).toBe(true)

  // the room goes on: bob and the owner still write, react and moderate
  await bobRoom.react(owners.id, '👍')
  expect((await room.delete(last.id)).deleted).toBe(true)
  await waitFor(async () => (await malloryRoom.message(last.id))?.deleted === true && (await malloryRoom.message(owners.id))?.reactions['👍']?.length === 1,
    { message: "mallory's node applies the owner's moderation and bob's reaction" })
})
