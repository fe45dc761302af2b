// The message reader's reorder handling (src/message-reader.ts, docs/architecture.md §4): when a
// merge reorders history, Autobase truncates the view and applies again in the new order. The
// reader must then announce every message that is new, wherever it now sits, and none it
// announced before. Driven on the recording host of test/views/ (the real apply into a real
// Hyperbee), truncating the view as Autobase does; the reader reads only the view.
import { expect, test } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness, type Harness } from '../views/host.js'
import { MessageReader } from '../../src/message-reader.js'
import { positionOf } from '../../views/keys.js'
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

/** Where each range read of messages on the view starts (a position), in the order they start. */
function recordMessageReads (h: Harness): number[] {
  const starts: number[] = []
  const view = h.view as unknown as { createReadStream: (opts?: { gte?: string }) => unknown }
  const original = view.createReadStream.bind(view)
  view.createReadStream = (opts) => {
    if (opts?.gte?.startsWith('msg/') === true) starts.push(positionOf(opts.gte))
    return original(opts)
  }
  return starts
}

interface Block { from: Buffer, seq: number, value: unknown }

/** `blocks` packed blocks of `size` messages from `writer`, seqs from `seq` on. */
const packedBlocks = (writer: Buffer, seq: number, blocks: number, tag: string, size = 64): Block[] =>
  Array.from({ length: blocks }, (_, i) => ({ from: writer, seq: seq + i, value: packed(...Array.from({ length: size }, (_, j) => `${tag} ${i}.${j}`)) }))

async function applyAll (h: Harness, blocks: Block[]): Promise<void> {
  for (let i = 0; i < blocks.length; i += 8) await h.applyAt(blocks.slice(i, i + 8)) // group-committed batches
}

test('a catch-up longer than a slice is announced a slice at a time: the first messages before the last are read', async () => {
  const { h, reader, ids } = await createRoom()
  await applyAll(h, packedBlocks(owner, 2, 43, 'm', 60)) // 2,580 messages: a slice (2,048) ends inside a block
  const reads = recordMessageReads(h)
  let readBeforeFirst: number[] = []
  reader.once('message', () => { readBeforeFirst = [...reads] })
  await reader.update()
  expect(Math.max(...readBeforeFirst)).toBeLessThan(2048) // the first slice only
  expect(Math.max(...reads)).toBeGreaterThanOrEqual(2048)
  expect(ids).toHaveLength(2580)
  expect(ids).toEqual(await viewIds(h)) // each once, in view order
})

test('a fast-forward that drops only the unsigned tail: the reader reads on from the messages it kept, each new one announced once', async () => {
  const { h, reader, ids, resets } = await createRoom()
  await applyAll(h, packedBlocks(owner, 2, 4, 'signed')) // 256 messages, signed
  await reader.update()
  const signed = h.view.core.length
  const tail = packedBlocks(owner, 6, 1, 'tail') // 64 more this device applied itself, unsigned
  await applyAll(h, tail)
  await reader.update()
  expect(ids).toHaveLength(320)
  // The fast-forward: the view goes back to its signed length and takes the signed state, which
  // holds the tail again (the same blocks, now signed) and what came while this device was away.
  await h.view.core.truncate(signed)
  await applyAll(h, [...tail, ...packedBlocks(owner, 7, 2, 'away'), { from: bob, seq: 1, value: posted('bob away') }])
  const reads = recordMessageReads(h)
  await reader.update()
  expect(resets()).toBe(1)
  expect(Math.min(...reads)).toBe(256) // on from the kept count: no scan back from the newest
  expect(ids.slice(320)).toHaveLength(129)
  expect(ids).toEqual(await viewIds(h))
})

test('a reorder deeper than a slice scans back from the newest, and announces only what is new', async () => {
  const { h, reader, ids, setup } = await createRoom()
  const ours = packedBlocks(owner, 2, 34, 'o') // 2,176 messages
  await applyAll(h, ours)
  await reader.update()
  expect(ids).toHaveLength(2176)
  await h.view.core.truncate(setup) // bob's block, written while apart, sorts before all of ours
  await applyAll(h, [{ from: bob, seq: 1, value: posted('late') }, ...ours, { from: owner, seq: 36, value: posted('o new') }])
  const reads = recordMessageReads(h)
  await reader.update()
  expect(reads[0]).toBeGreaterThanOrEqual(2178 - 256) // the newest first
  expect(ids.slice(2176)).toEqual([id(bob, 1), id(owner, 36)])
  expect(new Set(ids).size).toBe(ids.length)
})
