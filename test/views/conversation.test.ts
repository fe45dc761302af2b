// Edits, deletions, reactions and mentions on the recording host (views/edits.ts,
// views/reactions.ts): given these blocks, the view is this. Who may act comes from the writer
// key; an unknown target or a refused change is skipped and counted, never thrown.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness, type Harness } from './host.js'
import { LIMITS } from '../../views/limits.js'

const owner = crypto.keyPair().publicKey
const bob = crypto.keyPair().publicKey
const carol = crypto.keyPair().publicKey
const hex = (b: Buffer): string => b.toString('hex')

interface Room { h: Harness, join: (who: Buffer) => Promise<void>, skipped: () => Promise<number> }

async function room (): Promise<Room> {
  const h = await createHarness(owner)
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  const invite = crypto.keyPair()
  await h.append(owner, { type: 'invite-created', v: 1, pub: hex(invite.publicKey) })
  const join = (who: Buffer): Promise<void> => h.append(who, {
    type: 'member-joined', v: 1, invite: hex(invite.publicKey), sig: hex(crypto.sign(who, invite.secretKey)), ts: 1
  }, { optimistic: true })
  return { h, join, skipped: async () => (await h.get('meta/skipped') as number | null) ?? 0 }
}

/** bob and carol are members; bob's seq 1 is a text at position 0, carol's seq 1 one at position 1. */
async function chat (): Promise<Room & { bobMsg: string, carolMsg: string }> {
  const r = await room()
  await r.join(bob)
  await r.join(carol)
  await r.h.append(bob, { type: 'message-posted', v: 1, text: 'hello', ts: 10 })
  await r.h.append(carol, { type: 'message-posted', v: 1, text: 'hi bob', ts: 11 })
  return { ...r, bobMsg: hex(bob) + ':1', carolMsg: hex(carol) + ':1' }
}

const message = async (h: Harness, position: number): Promise<Record<string, unknown>> => await h.get('msg/' + String(position).padStart(12, '0')) as Record<string, unknown>

test('the author edits a text: new text, the edit time, and the change recorded under its block', async () => {
  const { h, bobMsg, skipped } = await chat()
  await h.append(bob, { type: 'message-edited', v: 3, id: bobMsg, text: 'hello, world', ts: 20 })
  expect(await message(h, 0)).toMatchObject({ id: bobMsg, text: 'hello, world', edited: 20, ts: 10 })
  expect(await h.get(`chg/${hex(bob)}/000000000002`)).toEqual({ id: bobMsg })
  expect(await skipped()).toBe(0)
})

test('nobody else edits: not another member, not the owner; files are not edited', async () => {
  const { h, bobMsg, skipped } = await chat()
  await h.append(carol, { type: 'message-edited', v: 3, id: bobMsg, text: 'carol was here', ts: 20 })
  await h.append(owner, { type: 'message-edited', v: 3, id: bobMsg, text: 'owner was here', ts: 20 })
  const drive = 'ef'.repeat(32)
  await h.append(bob, { type: 'file-posted', v: 1, ts: 1, drive, path: '/files/1/a.txt', name: 'a.txt', mime: 'text/plain', size: 3 })
  await h.append(bob, { type: 'message-edited', v: 3, id: hex(bob) + ':2', text: 'now text', ts: 20 })
  expect(await message(h, 0)).toMatchObject({ text: 'hello' })
  expect(await message(h, 0)).not.toHaveProperty('edited')
  expect(await message(h, 2)).not.toHaveProperty('text')
  expect(await skipped()).toBe(3)
  expect(await h.get(`chg/${hex(carol)}/000000000002`)).toBeNull()
})

test('a change to a message that does not exist is skipped, whatever the id names', async () => {
  const { h, bobMsg, skipped } = await chat()
  const unknown = [hex(bob) + ':99', hex(bob) + ':1.0', hex(carol) + ':0', 'ff'.repeat(32) + ':1', bobMsg.replace(':1', ':0')]
  for (const id of unknown) {
    await h.append(bob, { type: 'message-edited', v: 3, id, text: 'x', ts: 1 })
    await h.append(owner, { type: 'message-deleted', v: 3, id, ts: 1 })
    await h.append(carol, { type: 'reaction-added', v: 3, id, emoji: '👍' })
  }
  expect(await skipped()).toBe(unknown.length * 3)
  expect(await h.view.peek({ gt: 'chg/', lt: 'chg0' })).toBeNull()
})

test('delete: the author, or the owner, leaves a tombstone in place with nothing of the message', async () => {
  const { h, bobMsg, carolMsg, skipped } = await chat()
  await h.append(carol, { type: 'message-posted', v: 3, text: 'ping @bob', ts: 12, replyTo: bobMsg, mentions: [hex(bob)] })
  const reply = hex(carol) + ':2'
  await h.append(bob, { type: 'reaction-added', v: 3, id: reply, emoji: '👍' })
  await h.append(carol, { type: 'message-deleted', v: 3, id: bobMsg, ts: 30 }) // not hers
  expect(await skipped()).toBe(1)
  await h.append(carol, { type: 'message-deleted', v: 3, id: reply, ts: 30 })
  expect(await message(h, 2)).toEqual({ id: reply, author: hex(carol), seq: 2, type: 'text', ts: 12, deleted: true })
  expect(await h.get(`rxn/${reply}/${hex(bob)}`)).toBeNull() // who reacted goes too
  await h.append(owner, { type: 'message-deleted', v: 3, id: carolMsg, ts: 31 }) // the owner moderates
  expect(await message(h, 1)).toMatchObject({ deleted: true })
  expect(await message(h, 1)).not.toHaveProperty('text')
  // a deleted message takes no edit, reaction or second deletion
  await h.append(carol, { type: 'message-edited', v: 3, id: reply, text: 'back', ts: 40 })
  await h.append(bob, { type: 'reaction-added', v: 3, id: reply, emoji: '😂' })
  await h.append(owner, { type: 'message-deleted', v: 3, id: reply, ts: 41 })
  expect(await message(h, 2)).toEqual({ id: reply, author: hex(carol), seq: 2, type: 'text', ts: 12, deleted: true })
  expect(await skipped()).toBe(4)
  expect(await message(h, 0)).toMatchObject({ text: 'hello' }) // untouched
})

test('a removed member can no longer edit or delete its own messages; the owner still can', async () => {
  const { h, bobMsg, skipped } = await chat()
  await h.append(owner, { type: 'member-removed', v: 1, key: hex(bob) })
  await h.append(bob, { type: 'message-edited', v: 3, id: bobMsg, text: 'after removal', ts: 1 })
  await h.append(bob, { type: 'message-deleted', v: 3, id: bobMsg, ts: 1 })
  await h.append(bob, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '👍' })
  expect(await skipped()).toBe(3)
  await h.append(owner, { type: 'message-deleted', v: 3, id: bobMsg, ts: 1 })
  expect(await message(h, 0)).toMatchObject({ deleted: true })
})

test('reactions: one per person per emoji, in the order given; removing takes the person out', async () => {
  const { h, bobMsg, skipped } = await chat()
  await h.append(carol, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '👍' })
  await h.append(owner, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '👍' })
  await h.append(bob, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '🎉' })
  await h.append(carol, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '👍' }) // twice: skipped
  await h.append(bob, { type: 'reaction-removed', v: 3, id: bobMsg, emoji: '👍' }) // never added: skipped
  expect((await message(h, 0)).reactions).toEqual({ '👍': [hex(carol), hex(owner)], '🎉': [hex(bob)] })
  expect(await skipped()).toBe(2)
  await h.append(carol, { type: 'reaction-removed', v: 3, id: bobMsg, emoji: '👍' })
  await h.append(bob, { type: 'reaction-removed', v: 3, id: bobMsg, emoji: '🎉' })
  expect((await message(h, 0)).reactions).toEqual({ '👍': [hex(owner)] })
  await h.append(owner, { type: 'reaction-removed', v: 3, id: bobMsg, emoji: '👍' })
  expect(await message(h, 0)).not.toHaveProperty('reactions')
  expect(await h.get(`chg/${hex(owner)}/000000000003`)).toEqual({ id: bobMsg }) // its seq 3
})

test('a stranger, a 10 KB reaction and an ASCII word are skipped', async () => {
  const { h, bobMsg, skipped } = await chat()
  const stranger = crypto.keyPair().publicKey
  await h.append(stranger, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '👍' })
  await h.append(stranger, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '👍' }, { optimistic: true })
  await h.append(carol, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '😀'.repeat(2560) })
  await h.append(carol, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '__proto__' })
  expect(await message(h, 0)).not.toHaveProperty('reactions')
  expect(await skipped()).toBe(4)
})

test('bounds: different emoji per message, and a flood of add/remove by one person stops', async () => {
  const { h, bobMsg, skipped } = await chat()
  const emoji = Array.from({ length: LIMITS.reactionEmoji + 1 }, (_, i) => String.fromCodePoint(0x1f600 + i))
  for (const e of emoji) await h.append(carol, { type: 'reaction-added', v: 3, id: bobMsg, emoji: e })
  expect(Object.keys((await message(h, 0)).reactions as object)).toHaveLength(LIMITS.reactionEmoji)
  expect(await skipped()).toBe(1)
  // the flood: carol has made 20 changes; 44 more are allowed, then nothing moves
  const flood = Array.from({ length: 200 }, (_, i) => ({ type: i % 2 === 0 ? 'reaction-removed' : 'reaction-added', v: 3, id: bobMsg, emoji: emoji[0] }))
  await h.appendBatch(carol, flood)
  expect(await h.get(`rxn/${bobMsg}/${hex(carol)}`)).toBe(LIMITS.reactionChanges)
  expect(await skipped()).toBe(1 + 200 - (LIMITS.reactionChanges - LIMITS.reactionEmoji))
  // 44 changes: 22 removes and 22 adds, so the first emoji is back where it was
  expect(((await message(h, 0)).reactions as Record<string, string[]>)[emoji[0]]).toEqual([hex(carol)])
})

test('the total of reactions on a message is bounded', async () => {
  const r = await room()
  const people = Array.from({ length: 14 }, () => crypto.keyPair().publicKey)
  for (const p of people) await r.join(p)
  await r.h.append(owner, { type: 'message-posted', v: 1, text: 'popular', ts: 1 })
  const id = hex(owner) + ':2'
  const emoji = Array.from({ length: LIMITS.reactionEmoji }, (_, i) => String.fromCodePoint(0x1f600 + i))
  for (const p of people) await r.h.appendBatch(p, emoji.map(e => ({ type: 'reaction-added', v: 3, id, emoji: e })))
  const reactions = (await message(r.h, 0)).reactions as Record<string, string[]>
  expect(Object.values(reactions).reduce((n, who) => n + who.length, 0)).toBe(LIMITS.reactions)
  expect(await r.skipped()).toBe(people.length * emoji.length - LIMITS.reactions)
})

test('a message and a change to it in one writer batch find each other (the run being built)', async () => {
  const { h } = await chat()
  await h.appendBatch(bob, [
    { type: 'message-posted', v: 1, text: 'one', ts: 1 },
    { type: 'message-posted', v: 1, text: 'two', ts: 2 },
    { type: 'message-edited', v: 3, id: hex(bob) + ':2', text: 'one!', ts: 3 },
    { type: 'reaction-added', v: 3, id: hex(bob) + ':3', emoji: '✅' }
  ])
  expect(await message(h, 2)).toMatchObject({ text: 'one!', edited: 3 })
  expect(await message(h, 3)).toMatchObject({ text: 'two', reactions: { '✅': [hex(bob)] } })
  expect(await h.get('meta/skipped')).toBeNull()
})

test('texts of a packed block are edited, deleted and reacted to by their part', async () => {
  const { h, skipped } = await chat()
  await h.append(bob, { type: 'messages-posted', v: 2, messages: [{ text: 'a', ts: 1 }, { text: 'b', ts: 2 }] })
  await h.append(bob, { type: 'message-edited', v: 3, id: hex(bob) + ':2.1', text: 'b!', ts: 3 })
  await h.append(carol, { type: 'reaction-added', v: 3, id: hex(bob) + ':2.0', emoji: '👀' })
  await h.append(bob, { type: 'message-deleted', v: 3, id: hex(bob) + ':2.0', ts: 4 })
  await h.append(bob, { type: 'message-edited', v: 3, id: hex(bob) + ':2.2', text: 'no such part', ts: 3 })
  await h.append(bob, { type: 'message-edited', v: 3, id: hex(bob) + ':2', text: 'not a part', ts: 3 })
  expect(await message(h, 2)).toEqual({ id: hex(bob) + ':2.0', author: hex(bob), seq: 2, part: 0, type: 'text', ts: 1, deleted: true })
  expect(await message(h, 3)).toMatchObject({ id: hex(bob) + ':2.1', text: 'b!', edited: 3 })
  expect(await skipped()).toBe(2)
})

test('mentions: a v3 posting keeps the keys; an edit replaces them, or drops them when absent', async () => {
  const { h } = await chat()
  await h.append(bob, { type: 'message-posted', v: 3, text: '@carol look', ts: 1, mentions: [hex(carol)] })
  await h.append(bob, { type: 'messages-posted', v: 3, messages: [{ text: 'x', ts: 1 }, { text: '@alice @carol', ts: 2, mentions: [hex(owner), hex(carol)] }] })
  expect(await message(h, 2)).toMatchObject({ text: '@carol look', mentions: [hex(carol)] })
  expect(await message(h, 3)).not.toHaveProperty('mentions')
  expect(await message(h, 4)).toMatchObject({ mentions: [hex(owner), hex(carol)] })
  await h.append(bob, { type: 'message-edited', v: 3, id: hex(bob) + ':2', text: '@alice instead', ts: 5, mentions: [hex(owner)] })
  expect(await message(h, 2)).toMatchObject({ mentions: [hex(owner)] })
  await h.append(bob, { type: 'message-edited', v: 3, id: hex(bob) + ':2', text: 'nobody', ts: 6 })
  expect(await message(h, 2)).not.toHaveProperty('mentions')
})

test('the same blocks in the same order give the same view, key for key', async () => {
  const build = async (): Promise<string[]> => {
    const { h, bobMsg, carolMsg } = await chat()
    await h.append(carol, { type: 'reaction-added', v: 3, id: bobMsg, emoji: '👍' })
    await h.append(bob, { type: 'message-edited', v: 3, id: bobMsg, text: 'edited', ts: 5 })
    await h.append(owner, { type: 'message-deleted', v: 3, id: carolMsg, ts: 6 })
    await h.append(carol, { type: 'reaction-added', v: 3, id: carolMsg, emoji: '👍' })
    const out: string[] = []
    for await (const { key, value } of h.view.createReadStream()) out.push(key + '=' + JSON.stringify(value))
    return out.filter(line => !line.startsWith('member/') && !line.startsWith('clock/') && !line.startsWith('invite/') && !line.startsWith('ids/'))
  }
  const [a, b] = [await build(), await build()]
  expect(a).toEqual(b)
  expect(a.join('\n')).toContain('"deleted":true')
})
