// A seeder's bad days (issue 15): it restarts (killed outright) and keeps its key and what it
// kept; a second one on the same storage stops with one line; past its storage limit it says
// so, clears the least used blocks (a room's files before its messages) and keeps serving.
import { test, expect, onTestFinished, onTestFailed } from 'vitest'
import crypto from 'crypto'
import { createLocalTestnet, createClient, tmpStorage, type Testnet } from '../helpers/peers.js'
import { startCli, exitCode, type CliProcess } from '../helpers/cli.js'
import { waitFor, within } from '../helpers/wait.js'
import type { Client, Room } from '../../src/index.js'

function seed (testnet: Testnet, storage: string, extra: string[] = []): CliProcess {
  const p = startCli(['seed', '--storage', storage, '--bootstrap', testnet.bootstrap.join(','), '--dht-host', '127.0.0.1', ...extra])
  onTestFinished(() => { if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL') })
  onTestFailed(() => { console.log(`the seeder's log:\n${p.stderr()}`) })
  return p
}

async function stop (p: CliProcess): Promise<void> {
  if (p.child.exitCode === null) p.child.kill('SIGTERM')
  await exitCode(p.child)
}

async function kept (room: Room): Promise<void> {
  await waitFor(() => room.status.seeders === 1 && room.status.kept, { timeout: 60_000, message: 'the seeder to hold all of this member\'s blocks' })
}

/** A room of A's that B joined and left again: B is offline from here on. */
async function roomWithAbsentMember (testnet: Testnet, a: Client, name: string): Promise<{ room: Room, bStorage: string }> {
  const bStorage = tmpStorage('b')
  const b = await within(createClient(testnet, { storage: bStorage, name: 'bob' }), 30_000, 'B to start')
  const room = await within(a.createRoom(name), 30_000, `A to create ${name}`)
  await within(b.joinRoom(await room.createInvite()), 30_000, `B to join ${name}`)
  await waitFor(async () => (await room.members()).length === 2, { message: 'A to see B as a member' })
  await within(b.close(), 30_000, 'B to close')
  return { room, bStorage }
}

test('a seeder killed and started again has the same key and everything it kept; a second one on its storage stops with one line', async () => {
  const testnet = await createLocalTestnet()
  const storage = tmpStorage('seeder')
  let seeder = seed(testnet, storage)
  const key = await seeder.line
  const a = await createClient(testnet, { name: 'ann' })
  const { room, bStorage } = await roomWithAbsentMember(testnet, a, 'restarts')
  await room.addSeeder(key)
  for (let i = 0; i < 20; i++) await room.send(`before the crash #${i}`)
  await kept(room)

  seeder.child.kill('SIGKILL')
  await exitCode(seeder.child)
  seeder = seed(testnet, storage)
  expect(await seeder.line).toBe(key)
  const twin = seed(testnet, storage)
  expect(await exitCode(twin.child)).toBe(1)
  expect(twin.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^linkup seed: .*in use/i)])

  await a.close() // from here on, only the restarted seeder has the room
  const b = await createClient(testnet, { storage: bStorage, seeders: [key] })
  const bRoom = b.room(room.id)
  if (bRoom === undefined) throw new Error('B lost the room')
  await waitFor(async () => (await bRoom.messages({ limit: 50 })).length === 20, { timeout: 60_000, message: 'B to get the 20 messages from the restarted seeder' })

  // With its DHT gone (the network down), SIGTERM still ends it promptly and cleanly.
  await b.close()
  await testnet.destroy()
  const stopping = Date.now()
  seeder.child.kill('SIGTERM')
  expect(await exitCode(seeder.child, 15_000)).toBe(0)
  const took = Date.now() - stopping
  expect(took).toBeLessThan(10_000)
}, 120_000)

test('past its storage limit a seeder says so, clears a room\'s file blocks before any messages, and keeps serving', async () => {
  const testnet = await createLocalTestnet()
  const seeder = seed(testnet, tmpStorage('seeder'), ['--max-storage', '2MB', '--log-level', 'info'])
  const key = await within(seeder.line, 30_000, 'the seeder\'s key')
  const a = await within(createClient(testnet, { name: 'ann' }), 30_000, 'A to start')
  const first = await roomWithAbsentMember(testnet, a, 'talk')
  await within(first.room.addSeeder(key), 30_000, 'A to add the seeder to talk')
  for (let i = 0; i < 30; i++) await within(first.room.send(`kept through the limit #${i}`), 30_000, `message #${i} to be sent`)
  await kept(first.room)

  const files = await within(a.createRoom('files'), 30_000, 'A to create files')
  await within(files.addSeeder(key), 30_000, 'A to add the seeder to files')
  await within(files.sendFile('big.bin', crypto.randomBytes(3 * 1024 * 1024)), 30_000, 'the 3 MB file to be sent')
  await waitFor(() => /storage limit of 2\.0 MB reached/.test(seeder.stderr()), { timeout: 60_000, message: 'the seeder to say its limit was reached' })
  await waitFor(() => /cleared \d/.test(seeder.stderr()), { timeout: 60_000, message: 'the seeder to say what it cleared' })

  // Still serving: A leaves; B, only the seeder to reach, gets every message of the first room.
  await within(a.close(), 30_000, 'A to close')
  const b = await within(createClient(testnet, { storage: first.bStorage, seeders: [key] }), 30_000, 'B to start again')
  const bRoom = b.room(first.room.id)
  if (bRoom === undefined) throw new Error('B lost the room')
  await waitFor(async () => (await bRoom.messages({ limit: 50 })).length === 30, { timeout: 60_000, message: 'B to get the 30 messages past the limit' })
  expect(seeder.child.exitCode).toBeNull()
  await stop(seeder)
  if (process.env.SHOW_SEEDER_LOG === '1') console.log(seeder.stderr())
}, 120_000)
