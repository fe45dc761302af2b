import { test, expect, onTestFinished } from 'vitest'
import { Client } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'
import { roomWith, arrived, chunked } from './setup.js'
import { createClient, createLocalTestnet, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

test('hostile file names are made safe before they reach a drive path or a peer', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const cases: Array<[string, string]> = [
    ['../../../etc/passwd', 'passwd'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['evil\u0000na\nme\r\u202e.txt', 'evilname.txt'],
    ['../..', 'file'],
    ['.hidden', 'hidden'],
    ['x'.repeat(10 * 1024) + '.png', 'x'.repeat(251) + '.png']
  ]
  for (const [given, expected] of cases) {
    const sent = await alice!.room.sendFile(given, Buffer.from('data'))
    expect(sent.file?.name).toBe(expected)
    expect(sent.file?.path.split('/').slice(0, 3)).toEqual(['', 'files', expect.stringMatching(/^\d+$/)])
    expect(sent.file?.path.endsWith('/' + expected)).toBe(true)
    const seen = await arrived(bob!.room, sent.id)
    expect(seen.file?.name).toBe(expected)
    expect((await bob!.room.readFile(seen, { timeout: 10_000 })).toString()).toBe('data')
  }
  await expect(alice!.room.sendFile('a.txt', 'not bytes' as unknown as Buffer)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
})

test('a file message pointing into someone else\'s drive is refused', async () => {
  const { peers: [alice, bob, carol] } = await roomWith(['alice', 'bob', 'carol'])
  const real = await alice!.room.sendFile('mine.txt', Buffer.from('alice wrote this'))
  await arrived(bob!.room, real.id)
  const seq = await roomInternals(bob!.room).writer.append({ type: 'file-posted', v: 1, ts: Date.now(), ...real.file! })
  const forged = await arrived(carol!.room, `${bob!.room.writerKey}:${seq}`)
  expect(forged.author.name).toBe('bob')
  await expect(carol!.room.readFile(forged)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
})

test('over the size limit: TOO_LARGE, and nothing half-written in the drive or the room', async () => {
  const testnet = await createLocalTestnet()
  const alice = new Client({ storage: tmpStorage('limits'), bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1', maxFileBytes: 1024 * 1024 })
  onTestFinished(() => alice.close())
  await alice.ready()
  await alice.setProfile({ name: 'alice' })
  const room = await alice.createRoom('limits')
  const before = { version: roomInternals(room).files.store.version, messages: (await room.messages()).length }
  await expect(room.sendFile('big.bin', Buffer.alloc(1024 * 1024 + 1))).rejects.toMatchObject({ code: 'TOO_LARGE' })
  await expect(room.sendFile('big.bin', chunked(Buffer.alloc(3 * 1024 * 1024), 64 * 1024))).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('1 MB') })
  expect(roomInternals(room).files.store.version).toBe(before.version)
  expect((await room.messages()).length).toBe(before.messages)
  const fits = await room.sendFile('fits.bin', chunked(Buffer.alloc(1024 * 1024, 7), 64 * 1024))
  expect(fits.file?.size).toBe(1024 * 1024)
})

test('after a restart the drive key is the same and the own files still read', async () => {
  const testnet = await createLocalTestnet()
  const storage = tmpStorage('restart')
  const first = await createClient(testnet, { name: 'alice', storage })
  const room = await first.createRoom('restart')
  const key = roomInternals(room).files.driveKey
  const sent = await room.sendFile('keep.txt', Buffer.from('still here'))
  expect((await room.members())[0]?.key).toBe(room.identityKey)
  await first.close()
  const again = await createClient(testnet, { storage })
  const reopened = await waitFor(() => again.room(room.id))
  await reopened.ready() // its drive opens with the room, after client.ready() (docs/architecture.md §8)
  expect(roomInternals(reopened).files.driveKey).toBe(key)
  const message = await waitFor(() => reopened.message(sent.id))
  expect((await reopened.readFile(message, { timeout: 2000 })).toString()).toBe('still here')
})

test('a room that cannot take the event gets no bytes in its drive either', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('left')
  await alice.leaveRoom(room.id, { anyway: true }) // the owner, leaving knowingly
  await expect(room.sendFile('late.txt', Buffer.from('x'))).rejects.toMatchObject({ code: 'CLOSED' })
  await expect(room.sendAudio(Buffer.from('x'), 'audio/ogg', 1)).rejects.toMatchObject({ code: 'CLOSED' })
})
