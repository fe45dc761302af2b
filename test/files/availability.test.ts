import { test, expect } from 'vitest'
import crypto from 'crypto'
import { roomWith, arrived, sha256, hashStream } from './setup.js'

test('with the owner offline, a third peer gets the file from the peer that fetched it', async () => {
  const { peers: [alice, bob, carol] } = await roomWith(['alice', 'bob', 'carol'])
  const data = crypto.randomBytes(4 * 1024 * 1024 + 3)
  const sent = await alice!.room.sendFile('shared.bin', data)
  const forBob = await arrived(bob!.room, sent.id)
  expect((await bob!.room.readFile(forBob, { timeout: 10_000 })).equals(data)).toBe(true)
  const forCarol = await arrived(carol!.room, sent.id)

  await alice!.client.close() // the only writer of that drive is gone
  const got = await hashStream(await carol!.room.createFileStream(forCarol, { timeout: 10_000 }))
  expect(got).toEqual({ hash: sha256(data), bytes: data.byteLength })
})

test('FILE_UNAVAILABLE, within the timeout, when no peer holding the file is online', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const sent = await alice!.room.sendFile('gone.txt', Buffer.from('nobody kept me'))
  const message = await arrived(bob!.room, sent.id)
  await alice!.client.close()
  const started = Date.now()
  await expect(bob!.room.readFile(message, { timeout: 1500 })).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' })
  expect(Date.now() - started).toBeLessThan(5000)
})

test('sending the same name twice keeps both versions readable, each message its own', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const first = await alice!.room.sendFile('notes.txt', Buffer.from('first draft'))
  const second = await alice!.room.sendFile('notes.txt', Buffer.from('second draft, longer'))
  expect(first.file?.name).toBe('notes.txt')
  expect(second.file?.name).toBe('notes.txt')
  expect(second.file?.version).toBeGreaterThan(first.file?.version ?? Infinity)
  const [a, b] = [await arrived(bob!.room, first.id), await arrived(bob!.room, second.id)]
  expect((await bob!.room.readFile(a, { timeout: 10_000 })).toString()).toBe('first draft')
  expect((await bob!.room.readFile(b, { timeout: 10_000 })).toString()).toBe('second draft, longer')
  expect((await alice!.room.readFile(first)).toString()).toBe('first draft')
  // The drive at the first message's version does not hold the second file yet.
  await expect(bob!.room.readFile({ ...b, file: { ...b.file!, version: first.file!.version } }))
    .rejects.toMatchObject({ code: 'NOT_FOUND' })
  expect(await bob!.room.fileInfo(a)).toEqual({ name: 'notes.txt', mime: 'text/plain', size: 11, version: first.file!.version })
})

test('a voice message carries its type and duration; only audio types are accepted', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const clip = crypto.randomBytes(48_000)
  const sent = await alice!.room.sendAudio(clip, 'audio/webm;codecs=opus', 2345.6)
  expect(sent.type).toBe('audio')
  expect(sent.file).toMatchObject({ name: 'voice-message.webm', mime: 'audio/webm', duration: 2346, size: clip.byteLength })
  const message = await arrived(bob!.room, sent.id)
  expect(message.type).toBe('audio')
  expect((await bob!.room.readFile(message, { timeout: 10_000 })).equals(clip)).toBe(true)
  await expect(alice!.room.sendAudio(clip, 'text/html', 10)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(alice!.room.sendAudio(clip, 'audio/ogg', -1)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
})

test('a read whose only source leaves mid-transfer fails with FILE_UNAVAILABLE, not a hang', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const data = crypto.randomBytes(16 * 1024 * 1024) // 256 blocks; the reader fetches ≤ 4 MiB ahead
  const sent = await alice!.room.sendFile('leaving.bin', data)
  const message = await arrived(bob!.room, sent.id)
  const stream = await bob!.room.createFileStream(message, { timeout: 1500 })
  const chunks = stream[Symbol.asyncIterator]()
  expect((await chunks.next()).done).toBe(false)
  await alice!.client.close()
  const started = Date.now()
  const rest = (async () => { for (let r = await chunks.next(); r.done !== true; r = await chunks.next()); })()
  await expect(rest).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' })
  expect(Date.now() - started).toBeLessThan(10_000)
})

test('a stream closed early cancels its reads ahead; the file still reads whole afterwards', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const data = crypto.randomBytes(6 * 1024 * 1024 + 5)
  const sent = await alice!.room.sendFile('early.bin', data)
  const message = await arrived(bob!.room, sent.id)
  const stream = await bob!.room.createFileStream(message, { timeout: 10_000 })
  const first = await new Promise<Buffer>((resolve, reject) => {
    stream.once('data', resolve)
    stream.once('error', reject)
  })
  expect(first.equals(data.subarray(0, first.byteLength))).toBe(true)
  stream.destroy()
  await new Promise(resolve => stream.once('close', resolve))
  expect((await bob!.room.readFile(message, { timeout: 10_000 })).equals(data)).toBe(true)
})
