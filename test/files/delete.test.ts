// Deleting a file or voice message (docs/architecture.md §7, §13): the view keeps a tombstone,
// no peer serves the file through the SDK any more, and the author's own drive lets it go (its
// entry removed, its bytes cleared from the author's storage), whether the author or the owner
// deleted it.
import { test, expect } from 'vitest'
import { roomWith, arrived } from './setup.js'
import { waitFor } from '../helpers/wait.js'
import { roomInternals } from '../../src/room-internals.js'
import type { Room } from '../../src/index.js'

async function inDrive (room: Room, path: string): Promise<boolean> {
  return (await roomInternals(room).files.store.own.entry(path)) !== null
}

test('the author deletes a file: tombstone everywhere, the drive entry and bytes gone', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const bytes = Buffer.alloc(300_000, 7)
  const sent = await alice!.room.sendFile('plan.pdf', bytes, 'application/pdf')
  const path = sent.file!.path
  const there = await arrived(bob!.room, sent.id)
  expect((await bob!.room.readFile(there)).equals(bytes)).toBe(true)
  const drive = roomInternals(alice!.room).files.store.own
  const blob = (await drive.entry(path))?.value.blob as { blockOffset: number, blockLength: number }
  const core = (await drive.getBlobs())!.core as unknown as { has: (start: number, end?: number) => Promise<boolean> }
  expect(await core.has(blob.blockOffset, blob.blockOffset + blob.blockLength)).toBe(true)

  const gone = await alice!.room.delete(sent.id)
  expect(gone).toMatchObject({ id: sent.id, type: 'file', deleted: true })
  expect(gone.file).toBeUndefined()
  expect(await inDrive(alice!.room, path)).toBe(false)
  // the blob's blocks are no longer stored on alice's device
  for (let i = blob.blockOffset; i < blob.blockOffset + blob.blockLength; i++) expect(await core.has(i)).toBe(false)

  const tomb = await waitFor(async () => { const m = await bob!.room.message(sent.id); return m?.deleted === true ? m : null }, { message: 'bob sees the tombstone' })
  await expect(bob!.room.readFile(tomb)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
})

test('the owner deletes a member\'s voice message: the member\'s node frees it from its drive', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const voice = await bob!.room.sendAudio(Buffer.alloc(20_000, 3), 'audio/webm', 1500)
  const path = voice.file!.path
  await arrived(alice!.room, voice.id)
  expect(await inDrive(bob!.room, path)).toBe(true)
  await alice!.room.delete(voice.id)
  await waitFor(async () => !(await inDrive(bob!.room, path)), { message: "bob's node to free the voice message" })
  expect((await bob!.room.message(voice.id))?.deleted).toBe(true)
})
