import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds, sameViews } from '../helpers/views.js'
import { decodeInvite } from '../../src/invite.js'
import { roomInternals } from '../../src/room-internals.js'

const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o))

test('garbage, wrong types, oversized fields and forged events are skipped by every peer', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const carol = await createClient(testnet, { name: 'carol' })
  const room = await alice.createRoom('hostile')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const carolRoom = await carol.joinRoom(await room.createInvite())

  // bob turns hostile and writes straight to his writer core, past the SDK's checks
  const bad = [
    Buffer.from([0xff, 0xfe, 0x00, 0x01]),
    Buffer.from('{"type":"message-posted","v":1,'),
    json(null),
    json([1, 2, 3]),
    json({ type: 'message-posted', v: 1, text: 42, ts: 1 }),
    json({ type: 'message-posted', v: 1, text: 'x'.repeat(16_001), ts: 1 }),
    json({ type: 'message-posted', v: 1, text: 'no time' }),
    json({ type: 'message-posted', v: 0, text: 'version zero', ts: 1 }),
    json({ type: 'profile-set', v: 1, name: 'x'.repeat(65) }),
    json({ type: 'profile-set', v: 1, name: 'evil', avatar: { mime: 'text/html', data: 'PHNjcmlwdD4=' } }),
    json({ type: 'file-posted', v: 1, ts: 1, drive: 'zz', path: '../../etc/passwd', name: 'x', mime: 'text/plain', size: 1 }),
    Buffer.alloc(200 * 1024, 0x20),
    json({ type: 'member-removed', v: 1, key: carolRoom.identityKey }), // only the owner may
    json({ type: 'invite-revoked', v: 1, pub: 'a'.repeat(64) }),
    json({ type: 'room-created', v: 1, alias: 'stolen' }),
    json({ type: 'no-such-event', v: 1 })
  ]
  for (const block of bad) await roomInternals(bobRoom).base.append(block)
  // authorship comes from the writer key: a payload naming someone else changes nothing
  await roomInternals(bobRoom).base.append(json({ type: 'message-posted', v: 1, text: 'signed alice', ts: 1, author: room.writerKey }))

  // a join proof for some other key, replayed by a member: harmless (bob is already in). A v3
  // member's writer is in already, so it is a no-op; a writer bound to an identity never joins
  // by invite (views/members.ts), so it is skipped, and counted.
  const replaySkipped = bobRoom.identityKey === bobRoom.writerKey ? 0 : 1
  const invite = decodeInvite(await room.createInvite())
  const forgery = crypto.keyPair()
  await roomInternals(bobRoom).base.append(json({ type: 'member-joined', v: 1, invite: invite.publicKey.toString('hex'), sig: crypto.sign(forgery.publicKey, invite.secretKey).toString('hex'), ts: 1 }))

  await room.send('still fine')
  await carolRoom.send('me too')
  const rooms = [room, bobRoom, carolRoom]
  await waitFor(async () => (await Promise.all(rooms.map(messageIds))).every(ids => ids.length === 3), { message: 'valid messages everywhere' })
  await waitFor(() => sameViews(rooms), { message: 'identical views' })

  for (const r of rooms) {
    expect(r.interrupted).toBeNull()
    expect((await roomInternals(r).base.view.get('meta/skipped'))?.value).toBe(bad.length + replaySkipped)
    const texts = (await r.messages()).map(m => [m.author.name, m.text])
    expect(texts).toEqual([['bob', 'signed alice'], ['alice', 'still fine'], ['carol', 'me too']])
    expect((await r.members()).find(m => m.key === carolRoom.identityKey)?.role).toBe('member')
    expect((await r.meta())?.alias).toBe('hostile')
  }
  expect(carolRoom.writable).toBe(true)
  await carolRoom.send('carol can still write')
})

test('a stranger with a forged join is not admitted, not even locally', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const mallory = await createClient(testnet, { name: 'mallory', joinTimeout: 2000 })
  const room = await alice.createRoom('closed')
  await room.createInvite() // an invite exists, mallory does not have it
  const fake = decodeInvite(await (await (await createClient(testnet)).createRoom('elsewhere')).createInvite())
  const forged = 'linkup:' + Buffer.concat([Buffer.from(room.id, 'hex'), fake.seed, Buffer.alloc(8)]).toString('base64url')
  await expect(mallory.joinRoom(forged)).rejects.toMatchObject({ code: 'INVITE_UNKNOWN' })
  expect(mallory.rooms).toEqual([])
  expect((await room.members()).map(m => m.name)).toEqual(['alice'])
})

test('the owner removes a member: the key is banned and the invite it used is revoked', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const carol = await createClient(testnet, { name: 'carol', joinTimeout: 5000 })
  const room = await alice.createRoom('moderated')
  const token = await room.createInvite()
  const bobRoom = await bob.joinRoom(token)
  const hi = await bobRoom.send('hi')
  await waitFor(() => room.message(hi.id), { message: "alice to have bob's message" })
  await expect(bobRoom.removeMember(room.identityKey)).rejects.toMatchObject({ code: 'NOT_ADMIN' })

  await room.removeMember(bobRoom.identityKey)
  await waitFor(() => !bobRoom.writable, { message: 'bob to lose write access' })
  await expect(bobRoom.send('still here?')).rejects.toMatchObject({ code: 'NOT_WRITABLE' })
  expect((await room.members()).map(m => m.name)).toEqual(['alice'])

  // bob tries to come back with the same invite and the same key
  await roomInternals(bobRoom).membership.appendJoin(decodeInvite(token))
  await waitFor(async () => (await roomInternals(bobRoom).membership.joinRefusal(decodeInvite(token)))?.code === 'BANNED', { message: 'bob to see he is banned' })
  expect(bobRoom.writable).toBe(false)
  // the invite bob used is revoked for everyone
  await expect(carol.joinRoom(token)).rejects.toMatchObject({ code: 'INVITE_REVOKED' })
  expect((await room.members()).map(m => m.name)).toEqual(['alice'])
  expect((await room.messages()).map(m => m.text)).toEqual(['hi'])
})
