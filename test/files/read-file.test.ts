// readFile decrypts each block in its place in the result (src/files/blob-buffer.ts): every block
// size, the first bytes, blocks fetched from a peer and blocks already local, encrypted or not.
import { test, expect } from 'vitest'
import crypto from 'crypto'
import { Readable } from 'stream'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { arrived } from './setup.js'
import { roomInternals } from '../../src/room-internals.js'
import type { Room } from '../../src/index.js'

/** `data` as a stream of chunks of these sizes, over and over: a blob gets one block per chunk. */
function inChunks (data: Buffer, sizes: number[]): Readable {
  const chunks: Buffer[] = []
  for (let at = 0, i = 0; at < data.byteLength; i++) {
    const size = sizes[i % sizes.length]!
    chunks.push(data.subarray(at, at + size))
    at += size
  }
  return Readable.from(chunks)
}

async function blobsEncrypted (room: Room, drive: string): Promise<boolean> {
  const blobs = await (await roomInternals(room).files.store.drive(drive)).getBlobs()
  return blobs!.core.encryption !== null
}

// Blocks shorter than the padding (8 bytes) at the start, one of exactly 8, big ones, tiny ones between.
const SIZES = [1, 3, 7, 8, 9, 65_536, 5, 100_003, 2, 64 * 1024 - 1]

for (const encryptRooms of [true, false]) {
  test(`readFile returns every byte in place, whatever the block sizes (${encryptRooms ? 'an encrypted room' : 'a room made before encryption'})`, async () => {
    const net = await createLocalTestnet()
    const alice = await createClient(net, { name: 'alice', encryptRooms })
    const bob = await createClient(net, { name: 'bob', encryptRooms })
    const room = await alice.createRoom('files')
    const bobRoom = await bob.joinRoom(await room.createInvite())
    const data = crypto.randomBytes(1024 * 1024 + 77)
    const sent = await room.sendFile('odd.bin', inChunks(data, SIZES))
    const message = await arrived(bobRoom, sent.id)
    expect(await blobsEncrypted(bobRoom, sent.file!.drive)).toBe(encryptRooms)

    const progress: number[] = []
    const fetched = await bobRoom.readFile(message, { timeout: 10_000, onProgress: (p) => progress.push(p.bytes) })
    expect(fetched.equals(data)).toBe(true)
    expect(progress.at(-1)).toBe(data.byteLength)
    expect((await bobRoom.readFile(message)).equals(data)).toBe(true) // the blocks are local now
    expect((await room.readFile(sent)).equals(data)).toBe(true) // the sender's own drive
    const one = await room.sendFile('one.bin', Buffer.from('x'))
    expect((await bobRoom.readFile(await arrived(bobRoom, one.id), { timeout: 10_000 })).toString()).toBe('x')
  })
}
