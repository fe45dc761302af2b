// Local nodes (a Client plus the UI server) on a test's testnet, closed after the test.
import { onTestFinished } from 'vitest'
import zlib from 'zlib'
import { startNode, type LocalNode } from '../../src/server/node.js'
import { createLocalTestnet, tmpStorage, withAccounts, type Testnet } from './peers.js'

/** With an account unless `account: false`, as createClient (test/helpers/peers.ts). */
export async function createNode (testnet: Testnet, opts: { name?: string, storage?: string, port?: number, joinTimeout?: number, account?: boolean } = {}): Promise<LocalNode> {
  const node = await startNode({
    storage: opts.storage ?? tmpStorage(opts.name),
    bootstrap: testnet.bootstrap,
    dhtHost: '127.0.0.1',
    ...(opts.port === undefined ? {} : { port: opts.port }),
    ...(opts.joinTimeout === undefined ? {} : { joinTimeout: opts.joinTimeout }),
    account: opts.account ?? withAccounts()
  })
  onTestFinished(() => node.close())
  return node
}

/**
 * Alice's and Bob's nodes on a new local testnet, with their profile names, and a room Alice
 * made (`roomName`) that Bob has joined; `storage` is each node's, to start it again on.
 */
export async function twoInARoom (roomName = 'general', names: [alice: string, bob: string] = ['Alice', 'Bob']) {
  const testnet = await createLocalTestnet()
  const storage = { alice: tmpStorage('alice'), bob: tmpStorage('bob') }
  const [aliceNode, bobNode] = await Promise.all([createNode(testnet, { storage: storage.alice }), createNode(testnet, { storage: storage.bob })])
  await Promise.all([aliceNode.client.setProfile({ name: names[0] }), bobNode.client.setProfile({ name: names[1] })])
  const room = await aliceNode.client.createRoom(roomName)
  const bobRoom = await bobNode.client.joinRoom(await room.createInvite())
  return { testnet, storage, aliceNode, bobNode, room, bobRoom }
}

/** A PNG of the given size, a diagonal gradient from `rgb` to white, made by hand (an avatar to upload). */
export function png (width: number, height: number, rgb: [number, number, number]): Buffer {
  const raw = Buffer.alloc((1 + width * 3) * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2
      const at = y * (1 + width * 3) + 1 + x * 3
      for (let c = 0; c < 3; c++) raw[at + c] = Math.round((rgb[c] as number) * (1 - t) + 255 * t * 0.6)
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}
