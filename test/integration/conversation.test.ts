// Replies, edits, deletions, reactions and mentions between real peers on a local testnet
// (docs/architecture.md §13): three peers change messages while apart and converge to the same
// view, key for key; every peer announces each change as an 'update'.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage, offline } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { sameViews, dumpView } from '../helpers/views.js'
import type { Message, Room } from '../../src/index.js'


/** Every 'update' a room emits, by message id: the last state announced. */
function updates (room: Room): Map<string, Message> {
  const seen = new Map<string, Message>()
  room.on('update', (m: Message) => seen.set(m.id, m))
  return seen
}

test('three peers: edits, deletions and reactions made while apart converge to identical views', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const [bobStorage, carolStorage] = [tmpStorage('bob'), tmpStorage('carol')]
  let bob = await createClient(testnet, { name: 'bob', storage: bobStorage })
  let carol = await createClient(testnet, { name: 'carol', storage: carolStorage })
  const room = await alice.createRoom('apart')
  let bobRoom = await bob.joinRoom(await room.createInvite())
  let carolRoom = await carol.joinRoom(await room.createInvite())
  const question = await room.send('Who reviews the *layout*?')
  await waitFor(() => bobRoom.message(question.id), { message: 'bob has the question' })
  const answer = await bobRoom.send('I can, after lunch', { replyTo: question.id })
  const aside = await carolRoom.send('Typo in the title, by the way')
  const heard = updates(room)
  await waitFor(async () => (await Promise.all([room, bobRoom, carolRoom].map(r => r.message(aside.id)))).every(m => m !== null), { message: 'every message everywhere' })
  expect(answer.replyTo).toBe(question.id)

  // all three apart: alice on the testnet alone, bob and carol each on a machine with no network
  await Promise.all([bob.close(), carol.close()])
  const edited = await room.edit(question.id, 'Who reviews the *layout* today?')
  expect(edited).toMatchObject({ text: 'Who reviews the *layout* today?', deleted: false })
  expect(edited.edited).toBeGreaterThan(0)
  await room.react(answer.id, '🙏')

  bob = await createClient(offline, { storage: bobStorage })
  bobRoom = bob.room(room.id)!
  await bobRoom.react(question.id, '👍')
  await bobRoom.react(aside.id, '😂') // carol is about to take it back
  await bobRoom.edit(answer.id, 'I can, after lunch (2 pm)')
  await bob.close()

  carol = await createClient(offline, { storage: carolStorage })
  carolRoom = carol.room(room.id)!
  await carolRoom.react(question.id, '👍')
  const gone = await carolRoom.delete(aside.id)
  expect(gone).toMatchObject({ id: aside.id, deleted: true, reactions: {} })
  expect(gone.text).toBeUndefined()
  await carol.close()

  // back together
  bob = await createClient(testnet, { storage: bobStorage })
  carol = await createClient(testnet, { storage: carolStorage })
  bobRoom = bob.room(room.id)!
  carolRoom = carol.room(room.id)!
  const rooms = [room, bobRoom, carolRoom]
  // bob's answer and carol's aside were sent concurrently: either may come first in the merged
  // order, so each is found by id
  const byId = async (r: Room): Promise<Map<string, Message>> => new Map((await r.messages()).map(m => [m.id, m]))
  const settled = async (): Promise<boolean> => {
    const views = await Promise.all(rooms.map(byId))
    return views.every(v => v.size === 3 && v.get(question.id)?.reactions['👍']?.length === 2 &&
      v.get(answer.id)?.text === 'I can, after lunch (2 pm)' && v.get(aside.id)?.deleted === true)
  }
  await waitFor(settled, { timeout: 60_000, message: 'every change on every peer' })
  await waitFor(() => sameViews(rooms), { timeout: 30_000, message: 'identical views, key for key' })

  for (const r of rooms) {
    const v = await byId(r)
    const [q, a, d] = [v.get(question.id), v.get(answer.id), v.get(aside.id)]
    expect(q).toMatchObject({ id: question.id, text: 'Who reviews the *layout* today?', deleted: false })
    expect(new Set(q?.reactions['👍'])).toEqual(new Set([bobRoom.identityKey, carolRoom.identityKey]))
    expect(a).toMatchObject({ id: answer.id, text: 'I can, after lunch (2 pm)', replyTo: question.id, reactions: { '🙏': [room.identityKey] } })
    expect(d).toMatchObject({ id: aside.id, deleted: true, reactions: {}, replyTo: null, mentions: [] })
    expect(d?.text).toBeUndefined()
    expect(JSON.stringify(await dumpView(r))).not.toContain('Typo in the title') // the view keeps no trace of it
  }
  // alice's node announced what the others did, as it ended up
  await waitFor(() => heard.get(aside.id)?.deleted === true && heard.get(answer.id)?.text === 'I can, after lunch (2 pm)', { message: "alice's updates" })
})

test('mentions are member keys; a reply names its original; both survive an edit as the author gives them', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await alice.createRoom('mentions')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const hi = await room.send('@bob have a look', { mentions: [bobRoom.identityKey] })
  expect(hi.mentions).toEqual([bobRoom.identityKey])
  expect(await waitFor(() => bobRoom.message(hi.id))).toMatchObject({ mentions: [bobRoom.identityKey] })
  const reply = await bobRoom.send('@alice on it', { replyTo: hi.id, mentions: [room.identityKey, room.identityKey] })
  expect(reply.mentions).toEqual([room.identityKey]) // once each
  await expect(room.send('@nobody', { mentions: ['ab'.repeat(32)] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(room.send('x', { mentions: ['not a key'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(room.send('x', { replyTo: room.id + ':999' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  const seen = await waitFor(() => room.message(reply.id))
  expect(seen).toMatchObject({ replyTo: hi.id, mentions: [room.identityKey] })
  const plain = await room.edit(hi.id, 'have a look, anyone')
  expect(plain.mentions).toEqual([])
  await waitFor(async () => (await bobRoom.message(hi.id))?.text === 'have a look, anyone', { message: "bob sees alice's edit" })
  expect((await bobRoom.message(hi.id))?.mentions).toEqual([])
})

test('the SDK refuses what apply would skip, with a reason', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await alice.createRoom('rules')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const mine = await room.send('alice speaking')
  const his = await bobRoom.send('bob speaking')
  await waitFor(async () => (await bobRoom.message(mine.id)) !== null && (await room.message(his.id)) !== null, { message: 'both messages on both sides' })

  await expect(bobRoom.edit(mine.id, 'bob was here')).rejects.toMatchObject({ code: 'NOT_ALLOWED' })
  await expect(bobRoom.delete(mine.id)).rejects.toMatchObject({ code: 'NOT_ALLOWED' })
  await expect(room.edit(his.id, 'owner edits')).rejects.toMatchObject({ code: 'NOT_ALLOWED' }) // the owner deletes, never edits
  await expect(bobRoom.react(mine.id, 'x'.repeat(10 * 1024))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(bobRoom.react(mine.id, '👍👍')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' }) // two graphemes
  await expect(bobRoom.react(mine.id, 'ok')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  await expect(bobRoom.react(room.id + ':12345', '👍')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  await expect(bobRoom.edit(his.id, '   ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })

  // reacting twice, or taking off what is not there, changes nothing and is no error
  const once = await bobRoom.react(mine.id, '👍')
  expect(await bobRoom.react(mine.id, '👍')).toEqual(once)
  expect((await bobRoom.unreact(mine.id, '🎉')).reactions).toEqual({ '👍': [bobRoom.identityKey] })
  expect((await bobRoom.unreact(mine.id, '👍')).reactions).toEqual({})

  // the owner takes bob's message back; then nobody edits, reacts to or deletes it again
  expect(await room.delete(his.id)).toMatchObject({ deleted: true })
  await waitFor(async () => (await bobRoom.message(his.id))?.deleted === true, { message: "bob sees the owner's deletion" })
  await expect(bobRoom.edit(his.id, 'back?')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  await expect(bobRoom.react(his.id, '👍')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  expect(await bobRoom.delete(his.id)).toMatchObject({ deleted: true }) // already: nothing to do
  expect(room.interrupted).toBeNull()
})

test('a late joiner (a fast-forward into a sparse view) sees the changes made before it came, and hears later ones', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('late')
  const sent = await Promise.all(Array.from({ length: 300 }, (_, i) => room.send('old ' + i)))
  const [first, middle] = [sent[0]!, sent[150]!]
  await room.edit(first.id, 'old 0, edited')
  await room.react(middle.id, '👍')
  await room.delete(sent[299]!.id)
  await waitFor(() => room.status.signed, { message: 'history signed' })

  const bob = await createClient(testnet, { name: 'bob' })
  const bobRoom = await bob.joinRoom(await room.createInvite())
  // what bob's node announces from now on: updates, and messages its reader had not announced
  // yet (right after a join it may still be catching up: a message new to it comes with its
  // changes, as a 'message', not an 'update')
  const heard: Message[] = []
  const arrived: Message[] = []
  bobRoom.on('update', (m: Message) => heard.push(m))
  bobRoom.on('message', (m: Message) => arrived.push(m))
  await waitFor(async () => (await bobRoom.message(sent[299]!.id))?.deleted === true, { timeout: 60_000, message: 'the history with its changes on bob' })
  expect(await bobRoom.message(first.id)).toMatchObject({ text: 'old 0, edited' })
  expect((await bobRoom.message(middle.id))?.reactions).toEqual({ '👍': [room.identityKey] })
  // a change made now is announced once, as an update or with the message; older ones never as updates
  await room.react(first.id, '🎉')
  const withParty = (m: Message): boolean => m.id === first.id && m.reactions['🎉'] !== undefined
  await waitFor(() => [...heard, ...arrived].some(withParty), { timeout: 60_000, message: 'the reaction to an old message announced' })
  expect([...heard, ...arrived].filter(withParty)).toHaveLength(1)
  expect(heard.filter(m => m.id === middle.id)).toEqual([])
  await waitFor(() => sameViews([room, bobRoom]), { message: 'identical views' })
})
