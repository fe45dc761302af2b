// The HTTP routes of attention (src/server/routes/attention.ts, search.ts; docs/architecture.md
// §15): search with filters, moving the read marker, notification settings; each validated by
// its TypeBox schema, and the live stream's 'unread' shaped as StreamEvent declares.
import { describe, expect, it } from 'vitest'
import { Value } from '@sinclair/typebox/value'
import { buildApp } from '../../src/server/app.js'
import { loadOrCreateToken } from '../../src/server/token.js'
import { RoomsReply, SearchReply } from '../../src/server/schemas.js'
import { createClient, createLocalTestnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

const PORT = 7779
const HOST = `127.0.0.1:${PORT}`

describe('attention routes', () => {
  it('searches, marks read and sets notification levels over HTTP, and refuses bad input with a reason', async () => {
    const testnet = await createLocalTestnet()
    const alice = await createClient(testnet, { name: 'alice' })
    const bob = await createClient(testnet, { name: 'bob' })
    const room = await alice.createRoom('http')
    const bobRoom = await bob.joinRoom(await room.createInvite())
    const token = await loadOrCreateToken(bob.storage)
    const app = await buildApp(bob, { token, port: PORT })
    const headers = { host: HOST, authorization: `Bearer ${token}` }
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
      const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
      return { status: res.statusCode, body: res.json() as Record<string, unknown> }
    }
    await bobRoom.markRead()
    const first = await room.send('the release notes are drafted')
    await room.send('@bob please proofread the release notes', { mentions: [bobRoom.identityKey] })
    await waitFor(() => bobRoom.unread.count === 2, { message: 'two unread for bob' })

    const found = await call('GET', `/api/search?q=releas&room=${room.id}`)
    expect(found.status).toBe(200)
    expect([...Value.Errors(SearchReply, found.body)]).toEqual([])
    expect((found.body as SearchReply).results.map(r => r.message.text)).toEqual(['@bob please proofread the release notes', 'the release notes are drafted'])
    expect((found.body as SearchReply).results[0]?.terms).toEqual(['release'])
    expect((await call('GET', `/api/search?q=release&author=${bobRoom.identityKey}`)).body).toEqual({ results: [] })
    expect((await call('GET', '/api/search?q=')).status).toBe(400)
    expect((await call('GET', `/api/search?q=x&room=${'ab'.repeat(32)}`)).status).toBe(404)
    expect((await call('GET', '/api/search?q=x&limit=1000')).status).toBe(400)

    const rooms = await call('GET', '/api/rooms')
    expect([...Value.Errors(RoomsReply, rooms.body)]).toEqual([])
    expect((rooms.body as RoomsReply).rooms[0]).toMatchObject({ unread: { count: 2, mentions: 1, first: first.id }, notify: null })
    const read = await call('POST', `/api/rooms/${room.id}/read`, { upTo: first.id })
    expect(read).toEqual({ status: 200, body: { count: 1, mentions: 1, first: expect.any(String) as unknown } })
    expect((await call('POST', `/api/rooms/${room.id}/read`, {})).body).toEqual({ count: 0, mentions: 0, first: null })
    expect((await call('POST', `/api/rooms/${room.id}/read`, { upTo: 'nope' })).status).toBe(400)

    expect((await call('GET', '/api/notifications')).body).toEqual({ all: 'mentions', rooms: {} })
    expect((await call('PUT', '/api/notifications', { room: room.id, level: 'all' })).body).toEqual({ all: 'mentions', rooms: { [room.id]: 'all' } })
    expect((await call('PUT', '/api/notifications', { level: 'never' })).body).toEqual({ all: 'never', rooms: { [room.id]: 'all' } })
    expect((await call('PUT', '/api/notifications', { room: room.id, level: null })).body).toEqual({ all: 'never', rooms: {} })
    expect((await call('PUT', '/api/notifications', { level: 'loud' })).status).toBe(400)
    expect((await call('PUT', '/api/notifications', { level: null })).status).toBe(400)
    expect((await call('PUT', '/api/notifications', { room: 'ab'.repeat(32), level: 'all' })).status).toBe(404)
    expect(bob.notifications).toEqual({ all: 'never', rooms: {} })

    // typing indicators: on by default, off and on again; anything but a boolean refused
    expect((await call('GET', '/api/typing-indicators')).body).toEqual({ on: true })
    expect((await call('PUT', '/api/typing-indicators', { on: false })).body).toEqual({ on: false })
    expect(bob.typingIndicators).toBe(false)
    expect((await call('POST', `/api/rooms/${room.id}/typing`)).body).toEqual({ sent: false })
    expect((await call('PUT', '/api/typing-indicators', { on: 'no' })).status).toBe(400)
    expect((await call('PUT', '/api/typing-indicators', {})).status).toBe(400)
    expect((await call('PUT', '/api/typing-indicators', { on: true })).body).toEqual({ on: true })
    await app.close()
  })
})
