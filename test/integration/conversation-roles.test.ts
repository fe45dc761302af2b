// Moderation by admins between real peers (docs/architecture.md §3.1, §13.2): the owner makes
// bob an admin; bob deletes carol's message and every peer shows the tombstone; once demoted,
// bob may delete only his own again, and a deletion he writes anyway is skipped everywhere.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { sameViews } from '../helpers/views.js'
import { roomInternals } from '../../src/room-internals.js'

test('an admin deletes anyone\'s message, and a demoted one no longer can', async () => {
  const testnet = await createLocalTestnet()
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map(name => createClient(testnet, { name })))
  const room = await alice!.createRoom('moderated')
  const bobRoom = await bob!.joinRoom(await room.createInvite())
  const carolRoom = await carol!.joinRoom(await room.createInvite())
  const rooms = [room, bobRoom, carolRoom]
  const [first, second] = [await carolRoom.send('carol, first'), await carolRoom.send('carol, second')]
  await waitFor(async () => (await bobRoom.message(second.id)) !== null, { message: "bob has carol's messages" })

  // a member may not
  await expect(bobRoom.delete(first.id)).rejects.toMatchObject({ code: 'NOT_ALLOWED' })

  await room.setRole(bobRoom.identityKey, 'admin')
  await waitFor(() => bobRoom.role === 'admin', { message: 'bob is an admin on his device' })
  const tombstone = await bobRoom.delete(first.id)
  expect(tombstone).toMatchObject({ id: first.id, deleted: true })
  expect(tombstone.text).toBeUndefined()
  await waitFor(async () => (await Promise.all(rooms.map(r => r.message(first.id)))).every(m => m?.deleted === true), { message: 'the tombstone everywhere' })
  // an admin moderates, never edits others' words
  await expect(bobRoom.edit(second.id, 'bob was here')).rejects.toMatchObject({ code: 'NOT_ALLOWED' })

  await room.setRole(bobRoom.identityKey, 'member')
  await waitFor(() => bobRoom.role === 'member', { message: 'bob is a member again on his device' })
  await expect(bobRoom.delete(second.id)).rejects.toMatchObject({ code: 'NOT_ALLOWED' })
  // past the SDK, straight to his writer core: every peer skips it
  const skippedBefore = (await roomInternals(carolRoom).base.view.get('meta/skipped'))?.value as number ?? 0
  await roomInternals(bobRoom).base.append(Buffer.from(JSON.stringify({ type: 'message-deleted', v: 3, id: second.id, ts: Date.now() })))
  const marker = await bobRoom.send('bob is done')
  await waitFor(async () => (await Promise.all(rooms.map(r => r.message(marker.id)))).every(m => m !== null), { message: "bob's last message everywhere" })
  await waitFor(() => sameViews(rooms), { timeout: 30_000, message: 'identical views' })
  for (const r of rooms) expect(await r.message(second.id)).toMatchObject({ text: 'carol, second', deleted: false })
  expect((await roomInternals(carolRoom).base.view.get('meta/skipped'))?.value).toBe(skippedBefore + 1)
})
