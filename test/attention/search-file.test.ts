// The search index kept on disk (docs/architecture.md §15.2): a restart loads it and reads from
// the views only what changed while it was down (new messages, edits, deletions, ~clear); a file
// cut short or of garbage is discarded with a warning and the index built again, still finding.
import { test, expect, onTestFinished } from 'vitest'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { Client, type Message } from '../../src/index.js'
import type { MessageSearch } from '../../src/search/message-search.js'
import { silentLogger, type Logger } from '../../src/log.js'
import { SearchIndex } from '../../src/search/search-index.js'
import { IndexFile } from '../../src/search/index-file.js'

const NOWHERE = ['127.0.0.1:9']
const finder = (c: Client): MessageSearch => (c as unknown as { finder: MessageSearch }).finder
const texts = async (client: Client, query: string): Promise<string[]> => (await client.search(query)).map(r => r.message.text ?? '').sort()

/** A client offline, its warnings kept. */
async function offlineClient (storage: string): Promise<{ client: Client, warnings: string[] }> {
  const warnings: string[] = []
  const logger: Logger = { ...silentLogger, warn: (_obj, msg) => { warnings.push(msg ?? '') }, child: () => logger }
  const client = new Client({ storage, bootstrap: NOWHERE, logger })
  onTestFinished(() => client.close())
  await client.ready()
  return { client, warnings }
}

/** A room of `n` messages bob has indexed and written to disk, then closed. */
async function indexedRoom (n: number) {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const storage = tmpStorage('bob')
  const bob = await createClient(testnet, { name: 'bob', storage })
  const room = await alice.createRoom('kept')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const sent: Message[] = []
  for (let i = 0; i < n; i++) sent.push(await room.send(`message number ${i} about ${i % 2 === 0 ? 'otters' : 'badgers'}`))
  await waitFor(async () => (await bobRoom.message(sent[n - 1]!.id)) !== null, { message: 'bob has every message' })
  await bob.searchReady()
  expect(await bob.search('otters', { limit: 100 })).toHaveLength(n / 2)
  await bob.close() // writes the index
  return { testnet, alice, room, storage, sent, roomId: room.id }
}

test('a restart loads the index and reads only what changed while it was down', async () => {
  const { testnet, room, storage, sent } = await indexedRoom(40)
  expect(fs.existsSync(path.join(storage, 'search-index.json'))).toBe(true)

  // while bob is away: three new messages, an edit and a deletion of old ones
  await room.send('a late walrus arrives')
  await room.send('another walrus')
  await room.send('the third walrus')
  await room.edit(sent[0]!.id, 'message number 0 about penguins now')
  await room.delete(sent[2]!.id)

  const bob = await createClient(testnet, { storage })
  const bobRoom = bob.room(room.id)!
  await waitFor(async () => (await bobRoom.message(sent[2]!.id))?.deleted === true, { message: 'bob has the deletion', timeout: 30_000 })
  await bob.searchReady()
  expect(await texts(bob, 'walrus')).toEqual(['a late walrus arrives', 'another walrus', 'the third walrus'])
  expect(await texts(bob, 'penguins')).toEqual(['message number 0 about penguins now'])
  const otters = await texts(bob, 'otters')
  expect(otters).not.toContain('message number 0 about otters')
  expect(otters).not.toContain('message number 2 about otters')
  expect(otters).toHaveLength(18)
  // read from the view: the new messages and the two changed ones (or what came live), never all 45
  expect(finder(bob).read).toBeGreaterThanOrEqual(3)
  expect(finder(bob).read).toBeLessThan(10)
})

test('~clear run while the index was not written is applied at load', async () => {
  const { storage } = await indexedRoom(10)
  const file = path.join(storage, 'search-index.json')
  const before = fs.readFileSync(file)
  const { client } = await offlineClient(storage)
  await client.room(client.rooms[0]!.id)!.clear()
  await client.close()
  // as if the process had stopped before writing the index again: the file still holds them
  fs.writeFileSync(file, before)
  const again = await offlineClient(storage)
  await again.client.searchReady()
  expect(finder(again.client).index.search('otters')).toEqual([]) // out of the index itself, not only filtered
  expect(await texts(again.client, 'otters')).toEqual([])
})

test('a file cut short, or of garbage, is discarded with a warning and the index built again', async () => {
  const { storage } = await indexedRoom(10)
  const file = path.join(storage, 'search-index.json')
  const whole = fs.readFileSync(file, 'utf-8')
  const saved = JSON.parse(whole)
  const damages: Array<[string, string]> = [
    ['cut short', whole.slice(0, Math.floor(whole.length / 2))],
    ['garbage', '\u0000\u0001 not an index'],
    ['tables that disagree', JSON.stringify({ ...saved, index: { ...saved.index, docs: { ...saved.index.docs, hash: [1] } } })],
    ['a document past its tables', JSON.stringify({ ...saved, index: { ...saved.index, mini: { ...saved.index.mini, documentIds: { 0: 99999 } } } })],
    ['another version', JSON.stringify({ ...saved, version: 99 })]
  ]
  for (const [what, text] of damages) {
    fs.writeFileSync(file, text)
    const { client, warnings } = await offlineClient(storage)
    await client.searchReady()
    expect(warnings.some(w => /search-index\.json was damaged/.test(w)), what).toBe(true)
    expect(await texts(client, 'otters'), what).toHaveLength(5)
    expect(finder(client).read, what).toBe(10) // built again from the view
    await client.close()
    expect(JSON.parse(fs.readFileSync(file, 'utf-8')).version, what).toBe(1) // and written again
  }
})

test('a file ahead of the room\'s view (storage restored from an older copy) is not trusted', async () => {
  const { storage } = await indexedRoom(10)
  const file = path.join(storage, 'search-index.json')
  const saved = JSON.parse(fs.readFileSync(file, 'utf-8'))
  const [roomId] = Object.keys(saved.rooms)
  const ahead = Object.fromEntries(Object.entries(saved.rooms[roomId] as Record<string, number>).map(([w, s]) => [w, s + 1000]))
  fs.writeFileSync(file, JSON.stringify({ ...saved, rooms: { [roomId as string]: ahead } }))
  const { client } = await offlineClient(storage)
  await client.searchReady()
  expect(await texts(client, 'otters')).toHaveLength(5)
  expect(finder(client).read).toBe(10)
})

test('changes are written together, not one write per message', async () => {
  const dir = tmpStorage('index-file')
  let snapshots = 0 // writes: each serialises the index once
  const index = new SearchIndex()
  const save = index.save.bind(index)
  index.save = () => { snapshots++; return save() }
  const file = new IndexFile(path.join(dir, 'search-index.json'), () => ({ positions: new Map(), index }), () => {})
  for (let i = 0; i < 500; i++) {
    index.put({ room: 'ab'.repeat(32), id: `${'cd'.repeat(32)}:${i}`, author: 'cd'.repeat(32), ts: i, text: `word${i}` })
    file.changed()
  }
  expect(snapshots).toBe(0) // nothing yet: the write is SAVE_AFTER_MS after the first change
  await file.flush()
  expect(snapshots).toBe(1)
  await file.flush()
  expect(snapshots).toBe(1) // nothing changed since
  const loaded = await new IndexFile(path.join(dir, 'search-index.json'), () => { throw new Error('no write') }, () => {}).load()
  expect(loaded?.index.size).toBe(500)
  expect(loaded?.index.search('word42').map(h => h.id)).toContain(`${'cd'.repeat(32)}:42`)
})
