// Peers sharing one room on a local testnet, for the file tests.
import crypto from 'crypto'
import { Readable } from 'stream'
import { createLocalTestnet, createClient, type Testnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import type { Client, Room, Message } from '../../src/index.js'

export interface Peer { client: Client, room: Room }

/** `names.length` users in one room, the first one its owner; every one has seen all joins. */
export async function roomWith (names: string[], testnet?: Testnet): Promise<{ testnet: Testnet, peers: Peer[] }> {
  const net = testnet ?? await createLocalTestnet()
  const [first, ...rest] = names
  const owner = await createClient(net, { name: first ?? 'owner' })
  const room = await owner.createRoom('files')
  const peers: Peer[] = [{ client: owner, room }]
  for (const name of rest) {
    const client = await createClient(net, { name })
    peers.push({ client, room: await client.joinRoom(await room.createInvite()) })
  }
  return { testnet: net, peers }
}

/** The message with this id once it is in `room`'s view. */
export function arrived (room: Room, id: string, timeout = 20_000): Promise<Message> {
  return waitFor(() => room.message(id), { timeout, message: `message ${id} in the view` })
}

export function sha256 (data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex')
}

export async function hashStream (stream: AsyncIterable<unknown>): Promise<{ hash: string, bytes: number }> {
  const h = crypto.createHash('sha256')
  let bytes = 0
  for await (const chunk of stream) {
    h.update(chunk as Buffer)
    bytes += (chunk as Buffer).byteLength
  }
  return { hash: h.digest('hex'), bytes }
}

/** A stream of `data` in chunks of `size` bytes, as a file read from disk would be. */
export function chunked (data: Buffer, size = 1024 * 1024): Readable {
  let offset = 0
  return new Readable({
    read () {
      if (offset >= data.byteLength) { this.push(null); return }
      this.push(data.subarray(offset, offset + size))
      offset += size
    }
  })
}
