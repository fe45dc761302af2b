// The reader's 'update' events (src/message-reader.ts, src/reader-changes.ts, docs/architecture.md
// §4.1): a message already in the view that is edited, deleted or reacted to is announced again,
// as it is now, once per pass; never one that arrives with its change, never one ~clear hides;
// and after a reorder only the changes past what was announced. Driven on the recording host
// (the real apply into a real Hyperbee), truncating the view as Autobase does.
import { expect, test } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness, type Harness } from '../views/host.js'
import { MessageReader } from '../../src/message-reader.js'
import type { Message } from '../../src/message.js'
import type { Clock } from '../../views/records.js'

const owner = crypto.keyPair().publicKey
const bob = crypto.keyPair().publicKey
const hex = (b: Buffer): string => b.toString('hex')
const id = (writer: Buffer, seq: number, part?: number): string => `${hex(writer)}:${seq}` + (part === undefined ? '' : `.${part}`)

const posted = (text: string) => ({ type: 'message-posted', v: 1, text, ts: 1 })
const edited = (target: string, text: string) => ({ type: 'message-edited', v: 3, id: target, text, ts: 2 })
const reacted = (target: string, emoji: string) => ({ type: 'reaction-added', v: 3, id: target, emoji })
const deleted = (target: string) => ({ type: 'message-deleted', v: 3, id: target, ts: 3 })

interface Setup { h: Harness, reader: MessageReader, messages: string[], updates: Message[], resets: () => number, setup: number, clear: (c: Clock) => void }

/** A room with bob admitted (owner seqs 0-1, bob's join at seq 0) and a reader that records. */
async function createRoom (): Promise<Setup> {
  const h = await createHarness(owner)
  const invite = crypto.keyPair()
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  await h.append(owner, { type: 'invite-created', v: 1, pub: hex(invite.publicKey) })
  await h.append(bob, { type: 'member-joined', v: 1, invite: hex(invite.publicKey), sig: hex(crypto.sign(bob, invite.secretKey)), ts: 1 }, { optimistic: true })
  let cleared: Clock = {}
  const reader = new MessageReader({ view: h.view, local: { key: owner } }, { cleared: () => cleared })
  await reader.ready()
  const messages: string[] = []
  const updates: Message[] = []
  let resets = 0
  reader.on('message', (m: Message) => messages.push(m.id))
  reader.on('update', (m: Message) => updates.push(m))
  reader.on('reset', () => { resets++ })
  return { h, reader, messages, updates, resets: () => resets, setup: h.view.core.length, clear: (c) => { cleared = c } }
}

test('an edit, a reaction and a deletion of a message already announced are updates, as it is now', async () => {
  const { h, reader, messages, updates } = await createRoom()
  await h.applyAt([{ from: bob, seq: 1, value: posted('hello') }])
  await reader.update()
  expect(messages).toEqual([id(bob, 1)])

  await h.applyAt([{ from: bob, seq: 2, value: edited(id(bob, 1), 'hello!') }])
  await reader.update()
  expect(updates.map(m => [m.id, m.text, m.edited])).toEqual([[id(bob, 1), 'hello!', 2]])

  // two changes to one message in one pass: one update, with both
  await h.applyAt([{ from: owner, seq: 2, value: reacted(id(bob, 1), '👍') }, { from: bob, seq: 3, value: reacted(id(bob, 1), '🎉') }])
  await reader.update()
  expect(updates).toHaveLength(2)
  expect(updates[1].reactions).toEqual({ '👍': [hex(owner)], '🎉': [hex(bob)] })

  await h.applyAt([{ from: owner, seq: 3, value: deleted(id(bob, 1)) }])
  await reader.update()
  expect(updates[2]).toMatchObject({ id: id(bob, 1), deleted: true, reactions: {}, edited: null })
  expect(updates[2].text).toBeUndefined()
  expect(messages).toEqual([id(bob, 1)]) // a change makes no message
})

test('a message from before the reader started is updated too; one that arrives with its change is not', async () => {
  const { h, messages, updates } = await createRoom()
  await h.applyAt([{ from: bob, seq: 1, value: posted('old') }])
  const late = new MessageReader({ view: h.view, local: { key: owner } }, { cleared: () => ({}) })
  await late.ready() // history: not announced as new
  const lateUpdates: string[] = []
  const lateMessages: string[] = []
  late.on('update', (m: Message) => lateUpdates.push(m.text ?? ''))
  late.on('message', (m: Message) => lateMessages.push(m.text ?? ''))
  await h.applyAt([{ from: bob, seq: 2, value: edited(id(bob, 1), 'old, edited') }])
  await h.applyAt([{ from: bob, seq: 3, value: posted('new') }, { from: bob, seq: 4, value: edited(id(bob, 3), 'new, edited') }])
  await late.update()
  expect(lateUpdates).toEqual(['old, edited'])
  expect(lateMessages).toEqual(['new, edited'])
  expect(messages).toEqual([])
  expect(updates).toEqual([])
})

test('a change the room refused, or a block that is no change, announces nothing', async () => {
  const { h, reader, updates } = await createRoom()
  await h.applyAt([{ from: bob, seq: 1, value: posted('mine') }])
  await reader.update()
  await h.applyAt([{ from: owner, seq: 2, value: edited(id(bob, 1), 'not the author') }])
  await h.applyAt([{ from: owner, seq: 3, value: { type: 'profile-set', v: 1, name: 'alice' } }])
  await h.applyAt([{ from: bob, seq: 2, value: reacted(id(bob, 99), '👍') }])
  await reader.update()
  expect(updates).toEqual([])
  expect(await reader.ownChange(2)).toBeNull() // the owner's refused edit
})

test('after ~clear, an edit or reaction to a cleared message does not bring it back', async () => {
  const { h, reader, updates, clear } = await createRoom()
  await h.applyAt([{ from: bob, seq: 1, value: posted('before the clear') }])
  await reader.update()
  clear(await reader.readClock())
  await h.applyAt([{ from: bob, seq: 2, value: edited(id(bob, 1), 'edited after') }, { from: owner, seq: 2, value: reacted(id(bob, 1), '👀') }])
  await h.applyAt([{ from: bob, seq: 3, value: posted('after the clear') }, { from: owner, seq: 3, value: reacted(id(bob, 3), '👀') }])
  await reader.update()
  expect(updates).toEqual([])
  expect(await reader.shown(id(bob, 1))).toBeNull()
  // this device's own reaction took effect (the SDK answers with the message) without an update
  expect((await reader.ownChange(2))?.text).toBe('edited after')
  await h.applyAt([{ from: owner, seq: 4, value: reacted(id(bob, 3), '👍') }])
  await reader.update()
  expect(updates.map(m => m.id)).toEqual([id(bob, 3)])
})

test('after a reorder, only changes past what was announced are updates, once', async () => {
  const { h, reader, messages, updates, resets, setup } = await createRoom()
  await h.applyAt([{ from: owner, seq: 2, value: posted('o1') }])
  await reader.update()
  await h.applyAt([{ from: owner, seq: 3, value: reacted(id(owner, 2), '👍') }])
  await reader.update()
  expect(updates).toHaveLength(1)

  // bob's blocks, written while apart, come first: his message, his edit of nothing of ours (a
  // reaction to o1) and then ours again, plus one more change of ours
  await h.view.core.truncate(setup)
  await h.applyAt([{ from: bob, seq: 1, value: posted('b1') }, { from: bob, seq: 2, value: reacted(id(bob, 1), '😂') }])
  await h.applyAt([{ from: owner, seq: 2, value: posted('o1') }, { from: owner, seq: 3, value: reacted(id(owner, 2), '👍') }])
  await h.applyAt([{ from: bob, seq: 3, value: reacted(id(owner, 2), '🎉') }, { from: owner, seq: 4, value: edited(id(owner, 2), 'o1!') }])
  await reader.update()
  expect(resets()).toBe(1)
  expect(messages).toEqual([id(owner, 2), id(bob, 1)]) // b1 arrived with its reaction: a message, no update
  expect(updates.slice(1).map(m => [m.id, m.text, m.reactions])).toEqual([[id(owner, 2), 'o1!', { '👍': [hex(owner)], '🎉': [hex(bob)] }]])
  expect((await reader.ownChange(4))?.text).toBe('o1!')
})

test('texts of a packed block are updated by their part', async () => {
  const { h, reader, updates } = await createRoom()
  await h.applyAt([{ from: bob, seq: 1, value: { type: 'messages-posted', v: 2, messages: [{ text: 'a', ts: 1 }, { text: 'b', ts: 1 }] } }])
  await reader.update()
  await h.applyAt([{ from: owner, seq: 2, value: reacted(id(bob, 1, 1), '👍') }])
  await reader.update()
  expect(updates.map(m => [m.id, m.text])).toEqual([[id(bob, 1, 1), 'b']])
})

test('a pass of plain messages reads no change log; a pass with a change reads one writer\'s span', async () => {
  const { h, reader, messages } = await createRoom()
  const ranges: string[] = []
  const view = h.view as unknown as { createReadStream: (range?: { gt?: string, gte?: string }, opts?: unknown) => unknown }
  const original = view.createReadStream.bind(view)
  view.createReadStream = (range, opts) => {
    const from = range?.gte ?? range?.gt ?? ''
    if (from.startsWith('chg/')) ranges.push(from)
    return original(range, opts)
  }
  await h.applyAt([{ from: bob, seq: 1, value: posted('one') }, { from: bob, seq: 2, value: { type: 'messages-posted', v: 2, messages: [{ text: 'two', ts: 1 }, { text: 'three', ts: 1 }] } }])
  await h.applyAt([{ from: owner, seq: 2, value: posted('four') }])
  await reader.update()
  expect(messages).toHaveLength(4)
  expect(ranges).toEqual([]) // the hot path: every new block was a message
  await h.applyAt([{ from: bob, seq: 3, value: posted('five') }, { from: bob, seq: 4, value: reacted(id(owner, 2), '👍') }])
  await reader.update()
  expect(ranges).toEqual([`chg/${hex(bob)}/000000000003`])
})
