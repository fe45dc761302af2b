// The local node's HTTP surface (docs/architecture.md §9), with a real Client on a local testnet and
// app.inject: foreign Host → 403, no or wrong token → 401 before routing, malformed input → 400
// with a message, unknown room → 404, CSP on every answer, token file private.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import { buildApp } from '../../src/server/app.js'
import { loadOrCreateToken } from '../../src/server/token.js'
import { isApiPath } from '../../src/server/security.js'
import { createClient, createLocalTestnet, tmpStorage } from '../helpers/peers.js'

const PORT = 7777
const HOST = `127.0.0.1:${PORT}`

async function setup (name = 'alice') {
  const testnet = await createLocalTestnet()
  const client = await createClient(testnet, { name })
  const token = await loadOrCreateToken(client.storage)
  const app = await buildApp(client, { token, port: PORT })
  const auth = { host: HOST, authorization: `Bearer ${token}` }
  return { client, token, app, auth }
}

describe('server security', () => {
  it('refuses a foreign Host with 403, even with the token', async () => {
    const { app, token } = await setup()
    for (const host of ['evil.example:7777', `127.0.0.1:${PORT + 1}`, 'localhost', '127.0.0.1']) {
      const res = await app.inject({ url: '/api/rooms', headers: { host, authorization: `Bearer ${token}` } })
      expect(res.statusCode, host).toBe(403)
    }
    expect((await app.inject({ url: '/api/rooms', headers: { host: `localhost:${PORT}`, authorization: `Bearer ${token}` } })).statusCode).toBe(200)
  })

  it('answers 401 under /api/ without the right token, before routing or parsing', async () => {
    const { app, token } = await setup()
    const cases = [
      { method: 'GET' as const, url: '/api/rooms' },
      { method: 'GET' as const, url: '/api/does-not-exist' },
      { method: 'POST' as const, url: '/api/rooms', payload: '{not json' },
      { method: 'GET' as const, url: '/%61pi/rooms' },
      { method: 'GET' as const, url: '/api/events' }
    ]
    for (const c of cases) {
      for (const authorization of [undefined, 'Bearer wrong', `Bearer ${token}x`, token]) {
        const headers: Record<string, string> = { host: HOST, 'content-type': 'application/json' }
        if (authorization !== undefined) headers.authorization = authorization
        const res = await app.inject({ ...c, headers })
        expect(res.statusCode, `${c.url} ${String(authorization)}`).toBe(401)
        expect(res.json().code).toBe('UNAUTHORIZED')
      }
    }
  })

  it('refuses a cross-origin request', async () => {
    const { app, auth } = await setup()
    const res = await app.inject({ url: '/api/rooms', headers: { ...auth, origin: 'http://evil.example' } })
    expect(res.statusCode).toBe(403)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('rejects malformed bodies with 400 and a message naming the problem', async () => {
    const { app, auth } = await setup()
    const bad: Array<{ method: 'POST' | 'PUT', url: string, payload: string, match: RegExp }> = [
      { method: 'POST', url: '/api/rooms', payload: '{"alias":""}', match: /alias/ },
      { method: 'POST', url: '/api/rooms', payload: '{"alias":"x","extra":1}', match: /additional/ },
      { method: 'POST', url: '/api/rooms', payload: '{oops', match: /JSON/i },
      { method: 'POST', url: '/api/rooms/join', payload: '{"invite":"hello"}', match: /invite/ },
      { method: 'PUT', url: '/api/profile', payload: '{"name":"  padded  "}', match: /name/ },
      { method: 'PUT', url: '/api/profile', payload: JSON.stringify({ name: 'a'.repeat(65) }), match: /name/ },
      { method: 'PUT', url: '/api/profile', payload: '{"name":"Al","avatar":{"mime":"text/html","data":"AAAA"}}', match: /avatar/ }
    ]
    for (const b of bad) {
      const res = await app.inject({ method: b.method, url: b.url, payload: b.payload, headers: { ...auth, 'content-type': 'application/json' } })
      expect(res.statusCode, b.payload).toBe(400)
      expect(res.json().message, b.payload).toMatch(b.match)
    }
  })

  it('rejects bad parameters and an over-long message with 400', async () => {
    const { app, auth, client } = await setup()
    const room = await client.createRoom('general')
    const r1 = await app.inject({ url: `/api/rooms/${room.id}/messages?limit=100000`, headers: auth })
    expect(r1.statusCode).toBe(400)
    expect(r1.json().message).toMatch(/limit/)
    const r2 = await app.inject({ url: '/api/rooms/not-hex/messages', headers: auth })
    expect(r2.statusCode).toBe(400)
    const r3 = await app.inject({ method: 'POST', url: `/api/rooms/${room.id}/messages`, payload: { text: 'x'.repeat(16_001) }, headers: auth })
    expect(r3.statusCode).toBe(400)
    expect(r3.json().message).toMatch(/text/)
  })

  it('answers 404 for an unknown room and maps SDK errors to 4xx with their message', async () => {
    const { app, auth } = await setup()
    const unknown = 'ab'.repeat(32)
    for (const [method, url] of [['GET', `/api/rooms/${unknown}/messages`], ['POST', `/api/rooms/${unknown}/invites`], ['POST', `/api/rooms/${unknown}/clear`]] as const) {
      const res = await app.inject({ method, url, headers: auth })
      expect(res.statusCode, url).toBe(404)
      expect(res.json().code).toBe('ROOM_NOT_FOUND')
    }
    const res = await app.inject({ method: 'POST', url: '/api/rooms/join', payload: { invite: 'linkup:garbage' }, headers: auth })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('INVITE_MALFORMED')
    expect(res.json().message).toMatch(/invite/i)
  })

  it('round-trips a room, a message and the profile through the API', async () => {
    const { app, auth } = await setup()
    const created = await app.inject({ method: 'POST', url: '/api/rooms', payload: { alias: 'general' }, headers: auth })
    expect(created.statusCode).toBe(201)
    const id = created.json().id as string
    const sent = await app.inject({ method: 'POST', url: `/api/rooms/${id}/messages`, payload: { text: 'hi *there*' }, headers: auth })
    expect(sent.statusCode).toBe(201)
    const page = await app.inject({ url: `/api/rooms/${id}/messages?limit=10`, headers: auth })
    expect(page.json().messages.map((m: { text: string }) => m.text)).toEqual(['hi *there*'])
    const profile = await app.inject({ method: 'PUT', url: '/api/profile', payload: { name: 'Alice B', avatar: { mime: 'image/png', data: Buffer.from('not really a png').toString('base64') } }, headers: auth })
    expect(profile.statusCode).toBe(200)
    expect(profile.json().profile.name).toBe('Alice B')
  })

  it('puts a CSP without inline scripts and nosniff on every answer', async () => {
    const { app, auth } = await setup()
    for (const headers of [auth, { host: HOST }, { host: 'evil.example' }]) {
      const res = await app.inject({ url: '/api/rooms', headers })
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-inline')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    }
  })

  it('keeps the token in a file only this user can read, stable across runs', async () => {
    const dir = tmpStorage('token')
    const a = await loadOrCreateToken(dir)
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(fs.statSync(path.join(dir, 'token')).mode & 0o777).toBe(0o600)
    expect(await loadOrCreateToken(dir)).toBe(a)
  })

  it('treats every spelling of /api as the API', () => {
    for (const url of ['/api', '/api/', '/API/rooms', '//api/rooms', '/%61pi/rooms', '/api%2frooms', '/%zz']) expect(isApiPath(url), url).toBe(true)
    for (const url of ['/', '/assets/index.js', '/apix']) expect(isApiPath(url), url).toBe(false)
  })
})
