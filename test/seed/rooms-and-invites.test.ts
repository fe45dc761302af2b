// Encrypted rooms and their invites (src/invite.ts, src/seed/encryption.ts), rooms made as
// before encryption, and the seeder routes (src/server/routes/seeders.ts) with app.inject.
import { describe, expect, it, onTestFinished } from 'vitest'
import crypto from 'hypercore-crypto'
import { createInvite, decodeInvite, encodeInvite, INVITE_PATTERN } from '../../src/invite.js'
import { buildApp } from '../../src/server/app.js'
import { loadOrCreateToken } from '../../src/server/token.js'
import { createClient, createLocalTestnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

const PORT = 7777
const HOST = `127.0.0.1:${PORT}`

describe('invites', () => {
  it('carry the encryption key of an encrypted room, and decode as before for a room without one', () => {
    const roomKey = crypto.randomBytes(32)
    const key = crypto.randomBytes(32)
    const encrypted = encodeInvite(createInvite(roomKey, 0, key))
    const plain = encodeInvite(createInvite(roomKey, 0))
    expect(encrypted.length - 'linkup:'.length).toBe(139)
    expect(plain.length - 'linkup:'.length).toBe(96)
    expect(decodeInvite(encrypted).encryptionKey?.equals(key)).toBe(true)
    expect(decodeInvite(plain).encryptionKey).toBeNull()
    expect(decodeInvite(encrypted).roomKey.equals(roomKey)).toBe(true)
    // Found whole in text, either length, and not cut short.
    expect(`join us: ${encrypted}.`.match(INVITE_PATTERN)?.[0]).toBe(encrypted)
    expect(`join us: ${plain} now`.match(INVITE_PATTERN)?.[0]).toBe(plain)
    for (const bad of [encrypted.slice(0, -1), encrypted + 'A', plain.slice(0, -2), 'linkup:' + 'A'.repeat(120)]) {
      expect(() => decodeInvite(bad)).toThrow(expect.objectContaining({ code: 'INVITE_MALFORMED' }))
    }
  })
})

describe('rooms', () => {
  it('a new room is encrypted, its invite lets a member in who reads messages and files; a room made as before still works and takes no seeder', async () => {
    const testnet = await createLocalTestnet()
    const alice = await createClient(testnet, { name: 'alice' })
    const bob = await createClient(testnet, { name: 'bob' })
    const room = await alice.createRoom('sealed')
    expect(room.encrypted).toBe(true)
    const bobRoom = await bob.joinRoom(await room.createInvite())
    expect(bobRoom.encrypted).toBe(true)
    expect(bobRoom.encryptionKey?.equals(room.encryptionKey as Buffer)).toBe(true)
    await room.send('inside')
    const file = await room.sendFile('note.txt', Buffer.from('file inside'))
    await waitFor(async () => (await bobRoom.messages()).length === 2, { message: 'bob to read both' })
    expect((await bobRoom.readFile(file)).toString()).toBe('file inside')

    const old = await createClient(testnet, { name: 'carol', encryptRooms: false })
    const oldRoom = await old.createRoom('as before')
    expect(oldRoom.encrypted).toBe(false)
    const invite = await oldRoom.createInvite()
    expect(invite.length - 'linkup:'.length).toBe(96)
    const bobOld = await bob.joinRoom(invite)
    expect(bobOld.encrypted).toBe(false)
    await oldRoom.send('plain as ever')
    await waitFor(async () => (await bobOld.messages())[0]?.text === 'plain as ever', { message: 'bob to read the old room' })
    await expect(bobOld.addSeeder('ab'.repeat(32))).rejects.toMatchObject({ code: 'NOT_ENCRYPTED' })
    await expect(room.addSeeder('not a key')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  })

  it('the seeder routes: list, add, refuse a bad key or an old room, remove', async () => {
    const testnet = await createLocalTestnet()
    const alice = await createClient(testnet, { name: 'alice', seeders: ['cd'.repeat(32)] })
    const room = await alice.createRoom('routes')
    const oldClient = await createClient(testnet, { encryptRooms: false })
    const token = await loadOrCreateToken(alice.storage)
    const app = await buildApp(alice, { token, port: PORT })
    onTestFinished(() => app.close())
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({ method, url, headers: { host: HOST, authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })
    const base = `/api/rooms/${room.id}/seeders`
    // The node's own seeder (--seeder) keeps every room; the room's list is empty so far.
    expect((await call('GET', base)).json()).toEqual({ seeders: ['cd'.repeat(32)], encrypted: true })
    const bad = await call('POST', base, { key: 'xyz' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/64 hexadecimal/) })
    const added = await call('POST', base, { key: 'AB'.repeat(32) })
    expect(added.statusCode).toBe(201)
    expect(added.json()).toEqual({ seeders: ['ab'.repeat(32), 'cd'.repeat(32)], encrypted: true })
    const summary = ((await call('GET', '/api/rooms')).json() as { rooms: Array<{ encrypted: boolean, status: { seeders: number, kept: boolean } }> }).rooms[0]
    expect(summary).toMatchObject({ encrypted: true, status: { seeders: 0, kept: false } }) // no seeder runs at those keys
    expect((await call('DELETE', `${base}/${'ab'.repeat(32)}`)).json()).toEqual({ ok: true })
    expect((await call('DELETE', `${base}/${'ab'.repeat(32)}`)).statusCode).toBe(404)
    expect(room.seeders).toEqual(['cd'.repeat(32)])

    const oldRoom = await oldClient.createRoom('old')
    const oldApp = await buildApp(oldClient, { token: await loadOrCreateToken(oldClient.storage), port: PORT })
    onTestFinished(() => oldApp.close())
    const refused = await oldApp.inject({ method: 'POST', url: `/api/rooms/${oldRoom.id}/seeders`, headers: { host: HOST, authorization: `Bearer ${await loadOrCreateToken(oldClient.storage)}` }, payload: { key: 'ab'.repeat(32) } })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ code: 'NOT_ENCRYPTED', message: expect.stringMatching(/before rooms were encrypted/) })
  })
})
