// A peer's file message is prepared as it arrives (RoomFiles.prepare, docs/architecture.md §7):
// its drive, entry and blob store are found in the background, so a read starts with its bytes.
// Seen from outside: once prepared, the file's name and size are known here even with its
// sender gone (unprepared, fileInfo would wait for the sender: FILE_UNAVAILABLE).
import { test, expect } from 'vitest'
import { roomWith, arrived } from './setup.js'
import { roomInternals } from '../../src/room-internals.js'
import { waitFor } from '../helpers/wait.js'

test("a peer's file message is prepared before anyone reads it", async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const sent = await alice!.room.sendFile('report.pdf', Buffer.from('%PDF- not really'), 'application/pdf')
  const message = await arrived(bob!.room, sent.id)
  const file = message.file!
  // The entry is local once prepared (asked without waiting on the network).
  await waitFor(async () => {
    const drive = await roomInternals(bob!.room).files.store.drive(file.drive)
    const view = drive.checkout(file.version!)
    try {
      return (await view.entry(file.path, { wait: false })) !== null
    } finally {
      await view.close()
    }
  }, { message: "bob to have prepared alice's file" })

  await alice!.client.close()
  const info = await bob!.room.fileInfo(message, { timeout: 2000 })
  expect(info).toMatchObject({ name: 'report.pdf', mime: 'application/pdf', size: 16 })
})
