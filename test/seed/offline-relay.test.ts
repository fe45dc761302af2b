// Issue 15, what it must show: two members who are never online at the same time see each
// other's messages and files through a seeder (`linkup seed`, a real process), and the
// seeder's storage holds none of it readable.
import { test, expect, onTestFinished } from 'vitest'
import { execFileSync } from 'child_process'
import crypto from 'crypto'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { startCli, exitCode } from '../helpers/cli.js'
import { waitFor } from '../helpers/wait.js'
import type { Room } from '../../src/index.js'

const SECRET = 'seed-secret-' + crypto.randomBytes(6).toString('hex')
const FILE_NAME = `${SECRET}-plans.bin`

/** Whether the text appears anywhere in the files under dir (grep -r, binary files included). */
function grep (dir: string, text: string): string[] {
  try {
    return execFileSync('grep', ['-rla', '--', text, dir]).toString().trim().split('\n').filter(Boolean)
  } catch (err) {
    if ((err as { status?: number }).status === 1) return [] // grep: no match
    throw err
  }
}

/** How many files under dir hold these exact bytes. */
function countIn (dir: string, needle: Buffer): number {
  let n = 0
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(needle)) n++
  }
  return n
}

function sizeOf (dir: string): number {
  let n = 0
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) n += fs.statSync(path.join(entry.parentPath, entry.name)).size
  }
  return n
}

async function kept (room: Room): Promise<void> {
  await waitFor(() => room.status.seeders === 1 && room.status.kept, { timeout: 60_000, message: 'the seeder to hold all of this member\'s blocks' })
}

test('A and B, never online together, talk and share a 5 MB file through a seeder that reads none of it', async () => {
  const testnet = await createLocalTestnet()
  const seedStorage = tmpStorage('seeder')
  const seeder = startCli(['seed', '--storage', seedStorage, '--bootstrap', testnet.bootstrap.join(','), '--dht-host', '127.0.0.1', '--log-level', 'info'])
  onTestFinished(() => { if (seeder.child.exitCode === null && seeder.child.signalCode === null) seeder.child.kill('SIGKILL') })
  const seederKey = await seeder.line
  expect(seederKey).toMatch(/^[0-9a-f]{64}$/)

  // B joins while A is online, then goes offline before anything is said.
  const aStorage = tmpStorage('a')
  const bStorage = tmpStorage('b')
  let a = await createClient(testnet, { storage: aStorage, name: 'ann' })
  let b = await createClient(testnet, { storage: bStorage, name: 'bob' })
  const aRoom = await a.createRoom('night shift')
  expect(aRoom.encrypted).toBe(true)
  const bRoom0 = await b.joinRoom(await aRoom.createInvite())
  const roomId = bRoom0.id
  await waitFor(async () => (await aRoom.members()).length === 2, { message: 'A to see B join' })
  await b.close()

  // A, alone: adds the seeder, writes 100 messages and a 5 MB file, and waits until the seeder has them all.
  await aRoom.addSeeder(seederKey)
  expect(aRoom.seeders).toEqual([seederKey])
  for (let i = 0; i < 100; i++) await aRoom.send(`${SECRET} from ann #${i}`)
  const bytes = crypto.randomBytes(5 * 1024 * 1024)
  await aRoom.sendFile(FILE_NAME, bytes)
  await kept(aRoom)
  await a.close()

  // B comes back with only the seeder to reach (--seeder, since B never saw it added).
  b = await createClient(testnet, { storage: bStorage, seeders: [seederKey] })
  const bRoom = b.room(roomId)
  if (bRoom === undefined) throw new Error('B lost the room')
  await waitFor(async () => (await bRoom.messages({ limit: 200 })).length === 101, { timeout: 60_000, message: 'B to get all 101 messages from the seeder' })
  const messages = await bRoom.messages({ limit: 200 })
  expect(messages.filter(m => m.type === 'text').map(m => m.text)).toEqual(Array.from({ length: 100 }, (_, i) => `${SECRET} from ann #${i}`))
  const file = messages.find(m => m.type === 'file')
  if (file === undefined) throw new Error('no file message')
  expect((await bRoom.readFile(file, { timeout: 30_000 })).equals(bytes)).toBe(true)
  expect(bRoom.status.peers).toBe(0) // nobody but the seeder was there

  // B answers and leaves; A comes back and gets it through the seeder (A's view lists it).
  await bRoom.send(`${SECRET} reply from bob`)
  await kept(bRoom)
  await b.close()
  a = await createClient(testnet, { storage: aStorage })
  const aRoom2 = a.room(roomId)
  if (aRoom2 === undefined) throw new Error('A lost the room')
  await waitFor(async () => (await aRoom2.messages({ limit: 1 }))[0]?.text === `${SECRET} reply from bob`, { timeout: 60_000, message: "A to get B's reply from the seeder" })
  expect(aRoom2.status.seeders).toBe(1)
  await a.close()

  // Blindness: nothing said, named or sent is in the seeder's storage.
  seeder.child.kill('SIGTERM')
  expect(await exitCode(seeder.child)).toBe(0)
  expect(grep(seedStorage, SECRET)).toEqual([])
  expect(grep(seedStorage, 'night shift')).toEqual([])
  expect(grep(seedStorage, FILE_NAME)).toEqual([])
  expect(sizeOf(seedStorage)).toBeGreaterThan(bytes.byteLength) // it does hold the file, as ciphertext
  expect(countIn(seedStorage, bytes.subarray(2_000_000, 2_000_064))).toBe(0) // the file's content
  expect(seeder.stderr()).toMatch(/keeping a new core/)
}, 180_000)
