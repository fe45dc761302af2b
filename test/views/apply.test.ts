import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness } from './host.js'
import { EVENT_VERSION } from '../../views/schema.js'

const owner = crypto.keyPair().publicKey
const bob = crypto.keyPair().publicKey
const hex = (b: Buffer): string => b.toString('hex')

async function roomWithInvite (opts: { expires?: number } = {}) {
  const h = await createHarness(owner)
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  const invite = crypto.keyPair()
  await h.append(owner, { type: 'invite-created', v: 1, pub: hex(invite.publicKey), ...opts })
  const join = (who: Buffer, secret = invite.secretKey, ts = 1) => h.append(who, {
    type: 'member-joined', v: 1, invite: hex(invite.publicKey), sig: hex(crypto.sign(who, secret)), ts
  }, { optimistic: true })
  return { h, invite, join }
}

test('a valid join proof admits the writer as a non-indexer member', async () => {
  const { h, join } = await roomWithInvite()
  await join(bob)
  expect(h.host.writers.has(hex(bob))).toBe(true)
  expect(await h.get('member/' + hex(bob))).toMatchObject({ role: 'member' })
})

test('a join signed with the wrong secret, an unknown, revoked or expired invite is refused', async () => {
  const { h, invite, join } = await roomWithInvite({ expires: 1000 })
  await join(bob, crypto.keyPair().secretKey)
  expect(h.host.writers.has(hex(bob))).toBe(false)
  await join(bob, invite.secretKey, 1001) // after expiry
  expect(h.host.writers.has(hex(bob))).toBe(false)
  const other = crypto.keyPair()
  await h.append(bob, { type: 'member-joined', v: 1, invite: hex(other.publicKey), sig: hex(crypto.sign(bob, other.secretKey)), ts: 1 }, { optimistic: true })
  expect(h.host.writers.has(hex(bob))).toBe(false)
  await h.append(owner, { type: 'invite-revoked', v: 1, pub: hex(invite.publicKey) })
  await join(bob)
  expect(h.host.writers.has(hex(bob))).toBe(false)
  expect(await h.get('member/' + hex(bob))).toBeNull()
})

test('only a join may come from a key that is not a writer', async () => {
  const { h } = await roomWithInvite()
  await h.append(bob, { type: 'message-posted', v: 1, text: 'sneaky', ts: 1 }, { optimistic: true })
  await h.append(bob, { type: 'message-posted', v: 1, text: 'sneaky', ts: 1 })
  expect(await h.view.peek({ gt: 'msg/', lt: 'msg0' })).toBeNull()
  expect(await h.get('meta/skipped')).toBe(2)
})

test('removal: owner only, bans the key, revokes its invite, and a banned key cannot rejoin', async () => {
  const { h, join } = await roomWithInvite()
  const carol = crypto.keyPair().publicKey
  await join(bob)
  await join(carol)
  await h.append(bob, { type: 'member-removed', v: 1, key: hex(carol) })
  expect(h.host.writers.has(hex(carol))).toBe(true)
  await h.append(owner, { type: 'member-removed', v: 1, key: hex(owner) })
  expect(await h.get('ban/' + hex(owner))).toBeNull()
  await h.append(owner, { type: 'member-removed', v: 1, key: hex(bob) })
  expect(h.host.writers.has(hex(bob))).toBe(false)
  expect(await h.get('ban/' + hex(bob))).not.toBeNull()
  await join(bob)
  expect(h.host.writers.has(hex(bob))).toBe(false)
  const dave = crypto.keyPair().publicKey
  await join(dave) // bob's invite was revoked with him
  expect(h.host.writers.has(hex(dave))).toBe(false)
})

test('messages take their author from the writer key and their id from its seq', async () => {
  const { h, join } = await roomWithInvite()
  await join(bob)
  await h.append(bob, { type: 'message-posted', v: 1, text: 'hi', ts: 5, author: hex(owner) })
  const id = hex(bob) + ':1'
  expect(await h.get(`ids/${hex(bob)}/000000000001`)).toEqual({ position: 0, count: 1 })
  expect(await h.get('msg/000000000000')).toMatchObject({ id, author: hex(bob), text: 'hi', ts: 5, type: 'text' })
  expect(await h.get('clock/' + hex(bob))).toBe(1)
})

test('positions continue after the last message, across apply calls and skipped blocks', async () => {
  const { h, join } = await roomWithInvite()
  await join(bob)
  await h.append(owner, { type: 'message-posted', v: 1, text: 'one', ts: 1 })
  await h.append(bob, Buffer.from('not json'))
  await h.append(bob, { type: 'message-posted', v: 1, text: 'two', ts: 2 })
  await h.append(owner, { type: 'profile-set', v: 1, name: 'alice' })
  await h.append(owner, { type: 'message-posted', v: 1, text: 'three', ts: 3 })
  const texts: unknown[] = []
  for await (const { key, value } of h.view.createReadStream({ gt: 'msg/', lt: 'msg0' })) texts.push([key, (value as { text: string }).text])
  expect(texts).toEqual([['msg/000000000000', 'one'], ['msg/000000000001', 'two'], ['msg/000000000002', 'three']])
})

test('profiles: an absent avatar keeps the old one, null removes it', async () => {
  const { h } = await roomWithInvite()
  const avatar = { mime: 'image/png', data: Buffer.from('png').toString('base64') }
  await h.append(owner, { type: 'profile-set', v: 1, name: 'alice', avatar })
  await h.append(owner, { type: 'profile-set', v: 1, name: 'alicia' })
  expect(await h.get('user/' + hex(owner))).toEqual({ name: 'alicia', avatar: 'image/png' })
  expect(await h.get('avatar/' + hex(owner))).toEqual(avatar)
  await h.append(owner, { type: 'profile-set', v: 1, name: 'alicia', avatar: null })
  expect(await h.get('avatar/' + hex(owner))).toBeNull()
  expect(await h.get('user/' + hex(owner))).toEqual({ name: 'alicia' })
  expect(await h.get('meta/profiles')).toBe(3) // readers compare it to notice a change
})

test('an event of a newer version interrupts only when a member wrote it', async () => {
  const { h } = await roomWithInvite()
  const future = EVENT_VERSION + 1
  await h.append(bob, { type: 'message-posted', v: future, text: 'future', ts: 1 }, { optimistic: true })
  expect(h.host.interrupted).toBeNull()
  expect(await h.get('meta/skipped')).toBe(1)
  await h.append(owner, { type: 'message-posted', v: future, text: 'future', ts: 1 })
  expect(h.host.interrupted).toEqual({ code: 'NEWER_VERSION', version: future })
})

test('apply never throws on garbage', async () => {
  const { h } = await roomWithInvite()
  for (const block of [Buffer.alloc(0), Buffer.from([0xc3, 0x28]), Buffer.from('{'), Buffer.from('"str"'), Buffer.from('{"v":1e400}')]) {
    await expect(h.append(owner, block)).resolves.toBeUndefined()
  }
  expect(await h.get('meta/skipped')).toBe(5)
})

test('a writer batch of messages is one id run; a gap in seqs or positions starts another', async () => {
  const { h, join } = await roomWithInvite()
  await join(bob) // bob's seq 0
  const text = (t: string) => ({ type: 'message-posted', v: 1, text: t, ts: 1 })
  await h.appendBatch(bob, [text('a'), text('b'), text('c')]) // seqs 1-3 at positions 0-2
  await h.appendBatch(bob, [text('d'), { type: 'profile-set', v: 1, name: 'bob' }, text('e'), Buffer.from('junk'), text('f')])
  await h.appendBatch(owner, [text('g'), text('h')]) // owner's seqs 2-3
  const runs: Record<string, unknown> = {}
  for await (const { key, value } of h.view.createReadStream({ gt: 'ids/', lt: 'ids0' })) {
    const [, writer, seq] = key.split('/')
    runs[`${writer === hex(bob) ? 'bob' : 'owner'}:${Number(seq)}`] = value
  }
  expect(runs).toEqual({
    'bob:1': { position: 0, count: 3 },
    'bob:4': { position: 3, count: 1 },
    'bob:6': { position: 4, count: 1 },
    'bob:8': { position: 5, count: 1 },
    'owner:2': { position: 6, count: 2 }
  })
  expect(await h.get('clock/' + hex(bob))).toBe(8)
})

test('a messages-posted block is one record per message, ids with parts, and one id run', async () => {
  const { h, join } = await roomWithInvite()
  await join(bob) // seq 0
  await h.append(bob, { type: 'message-posted', v: 1, text: 'alone', ts: 1 }) // seq 1, position 0
  await h.append(bob, { type: 'messages-posted', v: 2, messages: [{ text: 'a', ts: 2 }, { text: 'b', ts: 3, replyTo: hex(bob) + ':1' }] })
  expect(await h.get('msg/000000000001')).toMatchObject({ id: hex(bob) + ':2.0', seq: 2, part: 0, text: 'a', author: hex(bob) })
  expect(await h.get('msg/000000000002')).toMatchObject({ id: hex(bob) + ':2.1', seq: 2, part: 1, text: 'b', replyTo: hex(bob) + ':1' })
  expect(await h.get(`ids/${hex(bob)}/000000000002`)).toEqual({ position: 1, count: 1, parts: 2 })
  expect(await h.get('clock/' + hex(bob))).toBe(2)
  const stranger = crypto.keyPair().publicKey
  await h.append(stranger, { type: 'messages-posted', v: 2, messages: [{ text: 'spam', ts: 1 }] })
  expect(await h.get('msg/000000000003')).toBeNull() // only members post
})
