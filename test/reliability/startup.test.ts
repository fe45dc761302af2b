// Starting on damaged or busy storage (issue 13, item 2), with `linkup serve` as a person runs
// it. Before: an empty or cut local-state.json was a raw SyntaxError naming no file, a deleted
// one started silently with no rooms and no profile, `rooms: null` crashed; a damaged RocksDB
// file, a second process on the same storage and a copied storage directory were raw stacks.
// Now local state comes back from its previous version or from the rooms' own records in
// storage, with one line saying so; a storage that cannot be opened ends the process (exit 1)
// with one line naming the file and what to do.
import fs from 'fs'
import path from 'path'
import { describe, test, expect, onTestFinished } from 'vitest'
import { Client } from '../../src/index.js'
import { LocalState } from '../../src/local-state.js'
import { createLocalTestnet, tmpStorage, type Testnet } from '../helpers/peers.js'
import { startCli, exitCode, type CliProcess } from '../helpers/cli.js'
import { login } from '../helpers/login.js'

interface Stored { storage: string, roomId: string }

/** A storage as a user leaves it: a profile, a room renamed here, messages and a file. */
async function populated (testnet: Testnet): Promise<Stored> {
  const storage = tmpStorage('startup')
  const client = new Client({ storage, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1' })
  await client.ready()
  await client.setProfile({ name: 'alice' })
  const room = await client.createRoom('garden')
  await room.send('hello')
  await room.sendFile('big.bin', Buffer.alloc(300_000, 7)) // big enough for a RocksDB blob file
  await room.setAlias('my garden')
  await client.close()
  return { storage, roomId: room.id }
}

function serve (testnet: Testnet, storage: string): CliProcess {
  const cli = startCli(['serve', '--port', '0', '--storage', storage], { LINKUP_BOOTSTRAP: testnet.bootstrap.join(','), LINKUP_DHT_HOST: '127.0.0.1' })
  onTestFinished(() => { cli.child.kill('SIGKILL') })
  return cli
}

/** Starts serve, reads the room list and the profile over HTTP, stops it; its stderr lines. */
async function startAndRead (testnet: Testnet, storage: string): Promise<{ rooms: Array<{ id: string, alias: string }>, profile: { name: string } | null, stderr: string[] }> {
  const cli = serve(testnet, storage)
  const session = await login(await cli.line)
  const rooms = (await (await session.fetch('/api/rooms')).json()).rooms
  const profile = (await (await session.fetch('/api/profile')).json()).profile
  cli.child.kill('SIGTERM')
  expect(await exitCode(cli.child)).toBe(0)
  return { rooms, profile, stderr: cli.stderr().trim().split('\n').filter(l => l.length > 0) }
}

/** Runs serve on a storage that cannot start: its exit code and its one line. */
async function failedStart (testnet: Testnet, storage: string): Promise<string> {
  const cli = serve(testnet, storage)
  expect(await exitCode(cli.child, 30_000), 'exits by itself, 1').toBe(1)
  const lines = cli.stderr().trim().split('\n')
  expect(lines, cli.stderr()).toHaveLength(1)
  return lines[0] as string
}

const stateFile = (s: Stored): string => path.join(s.storage, 'local-state.json')

describe('local state that is damaged or gone', () => {
  const damages: Array<[string, (s: Stored) => void]> = [
    ['emptied', (s) => fs.writeFileSync(stateFile(s), '')],
    ['cut in half', (s) => { const t = fs.readFileSync(stateFile(s), 'utf8'); fs.writeFileSync(stateFile(s), t.slice(0, t.length >> 1)) }],
    ['rooms: null', (s) => { const j = JSON.parse(fs.readFileSync(stateFile(s), 'utf8')); j.rooms = null; fs.writeFileSync(stateFile(s), JSON.stringify(j)) }],
    ['deleted', (s) => fs.rmSync(stateFile(s))],
    ['deleted with its previous version', (s) => { fs.rmSync(stateFile(s)); fs.rmSync(stateFile(s) + '.prev') }]
  ]
  for (const [what, damage] of damages) {
    test(`${what}: the rooms, their names and the profile come back, and one line says so`, async () => {
      const testnet = await createLocalTestnet()
      const stored = await populated(testnet)
      damage(stored)
      const { rooms, profile, stderr } = await startAndRead(testnet, stored.storage)
      expect(rooms.map(r => [r.id, r.alias])).toEqual([[stored.roomId, 'my garden']])
      expect(profile).toMatchObject({ name: 'alice' })
      const notes = stderr.filter(l => l.includes('local state:'))
      expect(notes, stderr.join('\n')).toHaveLength(1)
      expect(notes[0]).toContain(stateFile(stored))
      // the next start finds everything in place, and says nothing
      const again = await startAndRead(testnet, stored.storage)
      expect(again.rooms.map(r => r.alias)).toEqual(['my garden'])
      expect(again.stderr.filter(l => l.includes('local state:'))).toEqual([])
    })
  }

  test('a write keeps the previous version; a crash between its renames leaves the new one readable', async () => {
    const dir = tmpStorage('state')
    const state = new LocalState(dir)
    await state.load()
    await state.setProfile({ name: 'one' })
    await state.setProfile({ name: 'two' })
    expect(JSON.parse(fs.readFileSync(state.previousFile, 'utf8')).profile.name).toBe('one')
    // the moment after `current -> previous` and before `temporary -> current`
    fs.renameSync(state.file, state.previousFile)
    fs.writeFileSync(state.file + '.tmp', JSON.stringify({ version: 1, profile: { name: 'three' }, rooms: {}, cleared: {} }))
    const reread = new LocalState(dir)
    expect((await reread.load()).from).toBe(state.file + '.tmp')
    expect(reread.profile?.name).toBe('three')
    // a damaged current file is set aside, never rotated over the good previous version
    fs.writeFileSync(state.file, '{"profile": {"na')
    const third = new LocalState(dir)
    const report = await third.load()
    expect(report.damaged.map(d => d.file)).toContain(state.file)
    await third.setProfile({ name: 'four' })
    expect(fs.readFileSync(state.file + '.damaged', 'utf8')).toBe('{"profile": {"na')
    expect(JSON.parse(fs.readFileSync(state.previousFile, 'utf8')).profile.name).toBe('two')
    expect(JSON.parse(fs.readFileSync(state.file, 'utf8')).profile.name).toBe('four')
  })
})

describe('storage that cannot be opened: one line, exit 1, no hang', () => {
  test('a flipped byte in an SST file names the file', async () => {
    const testnet = await createLocalTestnet()
    const stored = await populated(testnet)
    const db = path.join(stored.storage, 'corestore', 'db')
    const sst = fs.readdirSync(db).filter(f => f.endsWith('.sst')).map(f => path.join(db, f))[0] as string
    const fd = fs.openSync(sst, 'r+')
    fs.writeSync(fd, Buffer.from([0x5a]), 0, 1, fs.statSync(sst).size - 20) // in the footer, read at open
    fs.closeSync(fd)
    const line = await failedStart(testnet, stored.storage)
    expect(line).toMatch(new RegExp(`^linkup serve: The storage is damaged \\(.+, in ${sst}\\): restore ${stored.storage} from a backup, or move ${stored.storage}/corestore away`))
  })

  // RocksDB reads a blob file when a value in it is first read: as the room opens, which is
  // after the node is up (rooms open in the background, docs/architecture.md §8). The node then
  // stops with the same line, after its own log lines.
  test('a truncated blob file, found as its room opens: the same line, last, and exit 1', async () => {
    const testnet = await createLocalTestnet()
    const stored = await populated(testnet)
    const db = path.join(stored.storage, 'corestore', 'db')
    const blob = fs.readdirSync(db).filter(f => f.endsWith('.blob')).map(f => path.join(db, f))[0] as string
    fs.truncateSync(blob, fs.statSync(blob).size >> 2)
    const cli = serve(testnet, stored.storage)
    expect(await exitCode(cli.child, 30_000), 'exits by itself, 1').toBe(1)
    const lines = cli.stderr().trim().split('\n')
    expect(lines.at(-1)).toMatch(/^linkup serve: The storage is damaged \(.*blob.*\): restore .* from a backup/)
    expect(lines.filter(l => l.startsWith('linkup serve:')), cli.stderr()).toHaveLength(1)
  })

  test('a second serve on the same storage', async () => {
    const testnet = await createLocalTestnet()
    const stored = await populated(testnet)
    const first = serve(testnet, stored.storage)
    await first.line
    const line = await failedStart(testnet, stored.storage)
    expect(line).toBe(`linkup serve: ${stored.storage} is in use by another LinkUp process (its lock file, corestore/CORESTORE, is held): stop that one first, or use another storage directory`)
    first.child.kill('SIGTERM')
    expect(await exitCode(first.child)).toBe(0)
  })

  test('a copied storage directory, which starts once its lock file is deleted as the line says', async () => {
    const testnet = await createLocalTestnet()
    const stored = await populated(testnet)
    const copy = tmpStorage('copy')
    fs.cpSync(stored.storage, copy, { recursive: true })
    const lockFile = path.join(copy, 'corestore', 'CORESTORE')
    const line = await failedStart(testnet, copy)
    expect(line).toContain('was copied or moved from elsewhere')
    expect(line).toContain(`delete ${lockFile} and start again`)
    fs.rmSync(lockFile)
    const { rooms } = await startAndRead(testnet, copy)
    expect(rooms.map(r => r.alias)).toEqual(['my garden'])
  })
})
