// The HTTP routes of roles and removal (src/server/routes/roles.ts) and leaving, with real
// clients on a local testnet and app.inject: what the UI calls, with the SDK's errors mapped.
import { describe, expect, it, onTestFinished } from 'vitest'
import { buildApp } from '../../src/server/app.js'
import { loadOrCreateToken } from '../../src/server/token.js'
import { createClient, createLocalTestnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

const PORT = 7777
const HOST = `127.0.0.1:${PORT}`

async function setup () {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const carol = await createClient(testnet, { name: 'carol' })
  const room = await alice.createRoom('routes')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const carolRoom = await carol.joinRoom(await room.createInvite())
  await waitFor(async () => (await room.members()).length === 3, { message: 'three members' })
  const token = await loadOrCreateToken(alice.storage)
  const app = await buildApp(alice, { token, port: PORT })
  onTestFinished(() => app.close())
  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { host: HOST, authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })
  return { room, bobRoom, carolRoom, call }
}

describe('role routes', () => {
  it('promote, hand over, remove, and leave as the SDK allows; errors name what is wrong', async () => {
    const { room, bobRoom, carolRoom, call } = await setup()
    const base = `/api/rooms/${room.id}`
    expect((await call('PUT', `${base}/members/${bobRoom.identityKey}/role`, { role: 'owner' })).statusCode).toBe(400)
    expect((await call('PUT', `${base}/members/nothex/role`, { role: 'admin' })).statusCode).toBe(400)
    const stranger = 'ab'.repeat(32)
    const missing = await call('PUT', `${base}/members/${stranger}/role`, { role: 'admin' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' })

    expect((await call('PUT', `${base}/members/${bobRoom.identityKey}/role`, { role: 'admin' })).json()).toEqual({ ok: true })
    const members = (await call('GET', `${base}/members`)).json() as { members: Array<{ key: string, role: string }> }
    expect(members.members.find(m => m.key === bobRoom.identityKey)?.role).toBe('admin')

    const leave = await call('POST', `${base}/leave`, {})
    expect(leave.statusCode).toBe(409)
    expect(leave.json()).toMatchObject({ code: 'LAST_ADMIN', message: expect.stringMatching(/owner first/) })

    expect((await call('POST', `${base}/owner`, { key: bobRoom.identityKey })).json()).toEqual({ ok: true })
    const summary = ((await call('GET', '/api/rooms')).json() as { rooms: Array<{ role: string, isOwner: boolean, removed: boolean }> }).rooms[0]
    expect(summary).toMatchObject({ role: 'admin', isOwner: false, removed: false })
    expect((await call('POST', `${base}/owner`, { key: carolRoom.identityKey })).json()).toMatchObject({ code: 'NOT_OWNER' })

    // Still an admin: may remove a member.
    const removed = await call('DELETE', `${base}/members/${carolRoom.identityKey}`)
    expect(removed.json()).toEqual({ ok: true })
    await waitFor(() => carolRoom.removed, { message: 'carol to be told' })
    expect((await call('DELETE', `${base}/members/${bobRoom.identityKey}`)).json()).toMatchObject({ statusCode: 400, message: 'The owner cannot be removed' })

    expect((await call('POST', `${base}/leave`, { anyway: 'yes' })).statusCode).toBe(400)
    expect((await call('POST', `${base}/leave`)).json()).toEqual({ ok: true }) // an admin, not the owner
  })
})
