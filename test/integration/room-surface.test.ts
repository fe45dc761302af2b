// The Room a user gets is the documented one: the write path, the join proof and the drive
// stay behind it, and what is written through it is what every peer's apply accepts.
import { test, expect, onTestFinished } from 'vitest'
import { Client } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'
import type { RoomEvent } from '../../views/schema.js'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'

test('internals are not on the Room; its file limit and leave() are', async () => {
  const testnet = await createLocalTestnet()
  const alice = new Client({ storage: tmpStorage('surface'), bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1', maxFileBytes: 12345 })
  onTestFinished(() => alice.close())
  await alice.ready()
  const room = await alice.createRoom('surface')
  for (const name of ['append', 'posted', 'appendJoin', 'confirmedByPeer', 'joinRefusal', 'publishProfile', 'base', 'view', 'files', 'namespace']) {
    expect(name in room, name).toBe(false)
  }
  expect(room.maxFileBytes).toBe(12345)
  // The owner is the last who could hand the room over: leaving is refused, unless anyway.
  await expect(room.leave()).rejects.toMatchObject({ code: 'LAST_ADMIN', message: expect.stringMatching(/owner first .* leave anyway/) })
  expect(alice.rooms).toEqual([room])
  await room.leave({ anyway: true })
  expect(alice.rooms).toEqual([])
  await expect(room.send('after leaving')).rejects.toMatchObject({ code: 'CLOSED' })
})

test('the writer refuses an event that peers would skip, and writes nothing', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('checked')
  const { base, writer } = roomInternals(room)
  const length = base.local.length
  const bad = [
    { type: 'message-posted', v: 1, text: '', ts: 1 },
    { type: 'profile-set', v: 1, name: 'x'.repeat(65) },
    { type: 'member-removed', v: 1, key: 'not a key' },
    { type: 'file-posted', v: 1, ts: 1, drive: 'zz', path: 'relative', name: 'x', mime: 'text/plain', size: 1 },
    { type: 'no-such-event', v: 1 },
    { type: 'message-posted', v: 99, text: 'from the future', ts: 1 }
  ] as unknown as RoomEvent[]
  for (const event of bad) await expect(writer.append(event), JSON.stringify(event)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(writer.post({ text: 'ok', ts: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  expect(base.local.length).toBe(length)
  await expect(writer.append({ type: 'invite-revoked', v: 1, pub: 'a'.repeat(64) })).resolves.toBe(length)
})
