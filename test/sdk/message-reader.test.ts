// The message reader's reorder handling (src/message-reader.ts, docs/architecture.md §4): when a
// merge reorders history, Autobase truncates the view and applies again in the new order. The
// reader must then announce every message that is new, wherever it now sits, and none it
// announced before. Driven on the recording host of test/views/ (the real apply into a real
// Hyperbee), truncating the view as Autobase does; the reader reads only the view.
import { expect, test } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness, type Harness } from '../views/host.js'
import { MessageReader } from '../../src/message-reader.js'
import type { Message } from '../../src/message.js'

const owner = crypto.keyPair().publicKey
const bob = crypto.keyPair().publicKey
const hex = (b: Buffer): string => b.toString('hex')

const posted = (text: string) => ({ type: 'message-posted', v: 1, text, ts: 1 })
const packed = (...texts: string[]) => ({ type: 'messages-posted', v: 2, messages: texts.map(text => ({ text, ts: 1 })) })
const profile = (name: string) => ({ type: 'profile-set', v: 1, name })

/** A room with bob admitted (owner seqs 0-1, bob's join at seq 0), and a reader that records. */
async function createRoom (): Promise<{ h: Harness, reader: MessageReader, ids: string[], resets: () => number, setup: number }> {
  const h = await createHarness(owner)
  const invite = crypto.keyPair()
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  await h.append(owner, { type: 'invite-created', v: 1, pub: hex(invite.publicKey) })
  await h.append(bob, { type: 'member-joined', v: 1, invite: hex(invite.publicKey), sig: hex(crypto.sign(bob, invite.secretKey)), ts: 1 }, { optimistic: true })
  const reader = new MessageReader({ view: h.view, local: { key: owner } }, { cleared: () => ({}) })
  await reader.ready()
  const ids: string[] = []
  let resets = 0
  reader.on('message', (m: Message) => ids.push(m.id))
  reader.on('reset', () => { resets++ })
  return { h, reader, ids, resets: () => resets, setup: h.view.core.length }
}

/** Every message id in the view, in linearised order. */
async function viewIds (h: Harness): Promise<string[]> {
  const out: string[] = []
  for await (const { value } of h.view.createReadStream({ gt: 'msg/', lt: 'msg0' })) out.push((value as { id: string }).id)
  return out
}

const id = (writer: Buffer, seq: number, part?: number): string => `${hex(writer)}:${seq}` + (part === undefined ? '' : `.${part}`)

test('after a reorder the reader announces the new messages once, and none it announced before', async () => {
  const { h, reader, ids, resets, setup } = await createRoom()
  // This device's own history: two messages, announced.
  await h.applyAt([{ from: owner, seq: 2, value: posted('o1') }])
  await h.applyAt([{ from: owner, seq: 3, value: posted('o2') }])
  await reader.update()
  expect(ids).toEqual([id(owner, 2), id(owner, 3)])

  // Bob's messages, written while apart, sort before ours: the view is truncated to what both
  // shared and everything after it is applied again in the new order, with one more of ours.
  await h.view.core.truncate(setup)
  await h.applyAt([{ from: bob, seq: 1, value: posted('b1') }, { from: bob, seq: 2, value: packed('b2', 'b3') }])
  await h.applyAt([{ from: owner, seq: 2, value: posted('o1') }, { from: owner, seq: 3, value: posted('o2') }])
  await h.applyAt([{ from: owner, seq: 4, value: posted('o3') }])
  await reader.update()

  expect(resets()).toBe(1)
  expect(ids.slice(2)).toEqual([id(bob, 1), id(bob, 2, 0), id(bob, 2, 1), id(owner, 4)]) // in view order
  expect([...ids].sort()).toEqual([...await viewIds(h)].sort())

  // The same blocks in yet another order bring nothing new: a reset, no message. This time the
  // view keeps its fork, as a reorder sometimes does: the truncation alone must be noticed.
  await h.view.core.truncate(setup, { fork: h.view.core.fork })
  await h.applyAt([{ from: owner, seq: 2, value: posted('o1') }, { from: owner, seq: 3, value: posted('o2') }, { from: owner, seq: 4, value: posted('o3') }])
  await h.applyAt([{ from: bob, seq: 1, value: posted('b1') }, { from: bob, seq: 2, value: packed('b2', 'b3') }])
  await reader.update()
  expect(resets()).toBe(2)
  expect(ids).toHaveLength(6)
  expect(new Set(ids).size).toBe(6)
})

test('a writer whose new messages sit far back in a long history is still announced, exactly once', async () => {
  const { h, reader, ids, setup } = await createRoom()
  const ours = Array.from({ length: 600 }, (_, i) => ({ from: owner, seq: 2 + i, value: posted('o' + i) }))
  for (let i = 0; i < ours.length; i += 64) await h.applyAt(ours.slice(i, i + 64)) // group-committed batches
  await reader.update()
  expect(ids).toHaveLength(600)

  // Bob's blocks land before all 600 of ours, further back than the reader's scan reaches:
  // two profile changes (not messages) around one message. One more of ours comes after.
  let profiles = 0
  reader.on('profile', () => { profiles++ })
  await h.view.core.truncate(setup)
  await h.applyAt([{ from: bob, seq: 1, value: profile('bob') }, { from: bob, seq: 2, value: posted('late') }, { from: bob, seq: 3, value: profile('Bob') }])
  for (let i = 0; i < ours.length; i += 64) await h.applyAt(ours.slice(i, i + 64))
  await h.applyAt([{ from: owner, seq: 602, value: posted('o600') }])
  await reader.update()

  expect(ids.slice(600)).toEqual([id(bob, 2), id(owner, 602)])
  expect(profiles).toBe(1)
  expect([...ids].sort()).toEqual([...await viewIds(h)].sort())
  expect(new Set(ids).size).toBe(ids.length)
})

test('a device joining a room takes the history its fast-forward found as seen: a reset, no messages', async () => {
  const { h } = await createRoom()
  for (let seq = 2; seq < 40; seq++) await h.applyAt([{ from: owner, seq, value: posted('old ' + seq) }])
  // A joiner's reader: its writer (carol) has nothing in the view yet.
  const carol = crypto.keyPair().publicKey
  const reader = new MessageReader({ view: h.view, local: { key: carol } }, { cleared: () => ({}) })
  await reader.ready()
  const ids: string[] = []
  let resets = 0
  reader.on('message', (m: Message) => ids.push(m.id))
  reader.on('reset', () => { resets++ })
  for (let seq = 40; seq < 60; seq++) await h.applyAt([{ from: owner, seq, value: posted('old ' + seq) }])
  reader.adoptHistory() // the base fast-forwarded to all of it
  await reader.update()
  expect(ids).toEqual([])
  expect(resets).toBe(1)
  // What comes after the fast-forward is news.
  await h.applyAt([{ from: owner, seq: 60, value: posted('new') }])
  await reader.update()
  expect(ids).toEqual([id(owner, 60)])
})

test('a member that had joined before does not skip what a fast-forward brings', async () => {
  const { h, reader, ids } = await createRoom() // the reader is the owner's: it has blocks in the view
  for (let seq = 2; seq < 12; seq++) await h.applyAt([{ from: owner, seq, value: posted('m' + seq) }])
  reader.adoptHistory()
  await reader.update()
  expect(ids).toHaveLength(10)
})

test('an author\'s binding and name are read once, and again only when profiles move or history reorders', async () => {
  const { h, reader } = await createRoom()
  const names: string[] = []
  reader.on('message', (m: Message) => names.push(m.author.name))
  const reads: string[] = []
  const view = h.view as unknown as { get: (key: string, opts?: unknown) => Promise<unknown> }
  const original = view.get.bind(view)
  view.get = async (key, opts) => {
    if (key.startsWith('writer/') || key.startsWith('user/')) reads.push(key.split('/')[0])
    return await original(key, opts)
  }
  await h.applyAt([{ from: bob, seq: 1, value: profile('bob') }, { from: bob, seq: 2, value: posted('b1') }])
  await reader.update()
  expect(reads).toEqual(['writer', 'user'])
  await h.applyAt([{ from: bob, seq: 3, value: posted('b2') }])
  await h.applyAt([{ from: bob, seq: 4, value: posted('b3') }])
  await reader.update()
  await h.applyAt([{ from: bob, seq: 5, value: posted('b4') }])
  await reader.update()
  expect(reads).toEqual(['writer', 'user']) // plain messages: nothing read again
  const before = h.view.core.length
  await h.applyAt([{ from: bob, seq: 6, value: profile('robert') }, { from: bob, seq: 7, value: posted('b5') }])
  await reader.update()
  expect(reads).toEqual(['writer', 'user', 'writer', 'user'])
  expect(names).toEqual(['bob', 'bob', 'bob', 'bob', 'robert'])
  // A reorder may change anything the view says: read again.
  await h.view.core.truncate(before)
  await h.applyAt([{ from: bob, seq: 6, value: profile('rob') }, { from: bob, seq: 7, value: posted('b5') }, { from: bob, seq: 8, value: posted('b6') }])
  await reader.update()
  expect(reads).toHaveLength(6)
  expect(names).toEqual(['bob', 'bob', 'bob', 'bob', 'robert', 'rob'])
})
