import { test, expect } from 'vitest'
import crypto from 'crypto'
import { roomWith, arrived, sha256, hashStream, chunked } from './setup.js'
import type { DownloadProgress } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'

test('a 50 MB file streamed into one drive is fetched byte-identical by a peer, with progress', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const data = crypto.randomBytes(50 * 1024 * 1024)
  const sent = await alice!.room.sendFile('big.bin', chunked(data), 'application/octet-stream')
  expect(sent.type).toBe('file')
  expect(sent.file).toMatchObject({ drive: roomInternals(alice!.room).files.driveKey, name: 'big.bin', size: data.byteLength })
  expect(sent.file?.path).toMatch(/^\/files\/\d+\/big\.bin$/)

  const message = await arrived(bob!.room, sent.id)
  const progress: DownloadProgress[] = []
  bob!.room.on('download-progress', (p: DownloadProgress) => progress.push(p))
  const started = Date.now()
  const got = await hashStream(await bob!.room.createFileStream(message, { timeout: 10_000 }))
  const ms = Date.now() - started
  expect(got.bytes).toBe(data.byteLength)
  expect(got.hash).toBe(sha256(data))
  expect(progress.length).toBeGreaterThan(10)
  expect(progress.every(p => p.id === sent.id && p.total === data.byteLength)).toBe(true)
  expect(progress.map(p => p.bytes)).toEqual([...progress.map(p => p.bytes)].sort((a, b) => a - b))
  expect(progress.at(-1)?.bytes).toBe(data.byteLength)
  console.log(`50 MB fetched by a peer in ${ms} ms`)
})

test('a range read returns exactly the bytes asked for, and bad ranges are refused', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const data = crypto.randomBytes(3 * 1024 * 1024 + 17)
  const sent = await alice!.room.sendFile('range.bin', data)
  const message = await arrived(bob!.room, sent.id)
  const ranges: Array<[number, number]> = [[0, 0], [1_000_000, 1_000_099], [65_530, 65_545], [data.length - 50, data.length - 1]]
  for (const [start, end] of ranges) {
    const got = await hashStream(await bob!.room.createFileStream(message, { start, end, timeout: 10_000 }))
    expect(got.bytes).toBe(end - start + 1)
    expect(got.hash).toBe(sha256(data.subarray(start, end + 1)))
  }
  await expect(bob!.room.createFileStream(message, { start: 10, end: data.length })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(bob!.room.createFileStream(message, { start: 5, end: 4 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  expect((await bob!.room.readFile(message)).equals(data)).toBe(true)
})

test('bytes given as a plain Uint8Array view (not a Buffer) are sent exactly, file and avatar alike', async () => {
  const { peers: [alice, bob] } = await roomWith(['alice', 'bob'])
  const memory = new Uint8Array(4096).map((_, i) => i % 251)
  const view = new Uint8Array(memory.buffer, 1000, 2000) // an offset into a larger buffer
  const sent = await alice!.room.sendFile('view.bin', view)
  const read = await bob!.room.readFile(await arrived(bob!.room, sent.id))
  expect(read.equals(Buffer.from(view))).toBe(true)
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
  const holder = new Uint8Array(png.byteLength + 7)
  holder.set(png, 7)
  await alice!.client.setProfile({ name: 'alice', avatar: { mime: 'image/png', data: holder.subarray(7) } })
  expect(alice!.client.profile?.avatar?.data.equals(png)).toBe(true)
})
