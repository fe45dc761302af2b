// A local testnet and real peers on it, each torn down after the test.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { startTestnet } from '../../src/network/testnet.js'
import { onTestFinished } from 'vitest'
import { Client, type ClientOptions, type Room } from '../../src/index.js'
import { waitFor } from './wait.js'

export interface Testnet { bootstrap: string[], destroy: () => Promise<void> }

/** No network at all: a bootstrap that never answers, for a client on a machine offline. */
export const offline: Testnet = { bootstrap: ['127.0.0.1:9'], destroy: async () => {} }

/** The project's local DHT (src/network/testnet.ts) on 127.0.0.1 for this test. */
export async function createLocalTestnet (): Promise<Testnet> {
  const testnet = await startTestnet({ host: '127.0.0.1' })
  onTestFinished(() => testnet.destroy())
  return testnet
}

/** Whether nodes made by the helpers have an account when the test does not say. */
export function withAccounts (): boolean {
  return process.env.LINKUP_TEST_ACCOUNTS !== '0'
}

export function tmpStorage (name = 'peer'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linkup-test-${name}-`))
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * A client on the testnet, closed after the test (unless the test closed it first). With an
 * account, as every user runs (docs/architecture.md §16.3): `account: false` for a test of a
 * node without one (a build before accounts, a member who never linked a device), and
 * LINKUP_TEST_ACCOUNTS=0 runs every test without (to compare the two paths).
 */
export async function createClient (testnet: Testnet, opts: Partial<ClientOptions> & { name?: string } = {}): Promise<Client> {
  const client = new Client({
    storage: opts.storage ?? tmpStorage(opts.name),
    bootstrap: testnet.bootstrap,
    dhtHost: '127.0.0.1',
    joinTimeout: opts.joinTimeout ?? 30_000,
    ...(opts.minFreeBytes === undefined ? {} : { minFreeBytes: opts.minFreeBytes }),
    ...(opts.seeders === undefined ? {} : { seeders: opts.seeders }),
    ...(opts.encryptRooms === undefined ? {} : { encryptRooms: opts.encryptRooms }),
    account: opts.account ?? withAccounts()
  })
  onTestFinished(() => client.close())
  await client.ready()
  if (opts.name !== undefined) await client.setProfile({ name: opts.name })
  return client
}

/** Alice's room with bob and carol in it, each client's storage kept to open it again apart. */
export interface ThreeInARoom {
  alice: Client
  room: Room
  bob: Client
  bobRoom: Room
  bobStorage: string
  carol: Client
  carolRoom: Room
  carolStorage: string
}

/**
 * Alice makes a room, bob and carol join it, and alice's first message (`hello`) has reached
 * both: the start of a story where members write apart (writeApart) and their histories merge.
 */
export async function threeInARoom (testnet: Testnet, alias: string, hello: string): Promise<ThreeInARoom> {
  const alice = await createClient(testnet, { name: 'alice' })
  const [bobStorage, carolStorage] = [tmpStorage('bob'), tmpStorage('carol')]
  const bob = await createClient(testnet, { name: 'bob', storage: bobStorage })
  const carol = await createClient(testnet, { name: 'carol', storage: carolStorage })
  const room = await alice.createRoom(alias)
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const carolRoom = await carol.joinRoom(await room.createInvite())
  const { id } = await room.send(hello)
  await waitFor(async () => (await bobRoom.message(id)) !== null && (await carolRoom.message(id)) !== null, { message: `${hello}: everywhere` })
  return { alice, room, bob, bobRoom, bobStorage, carol, carolRoom, carolStorage }
}

/** Opens a member's storage with no network, writes in the room there, and closes it again. */
export async function writeApart (storage: string, roomId: string, write: (room: Room) => Promise<unknown>): Promise<void> {
  const client = await createClient(offline, { storage })
  await write(client.room(roomId)!)
  await client.close()
}
