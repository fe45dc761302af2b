// The file routes with a real Client on a local testnet and app.inject: uploads stream into the
// drive and stop at the limit with 413 and nothing written; peers' files are never served as a
// page; Range gives 206/416; signed /media links work without the token and only while valid.
import { describe, expect, it } from 'vitest'
import crypto from 'crypto'
import { Readable } from 'stream'
import Fastify from 'fastify'
import { buildApp } from '../../src/server/app.js'
import { registerErrorHandler } from '../../src/server/errors.js'
import { fileRoutes } from '../../src/server/routes/files.js'
import type { Room } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'
import { createClient, createLocalTestnet } from '../helpers/peers.js'
import { arrived } from './setup.js'

const PORT = 7788
const HOST = `127.0.0.1:${PORT}`
const TOKEN = 'ab'.repeat(32)

async function setup () {
  const testnet = await createLocalTestnet()
  const client = await createClient(testnet, { name: 'alice' })
  const room = await client.createRoom('files')
  const app = await buildApp(client, { token: TOKEN, port: PORT })
  const auth = { host: HOST, authorization: `Bearer ${TOKEN}` }
  const upload = async (name: string, body: Buffer | Readable, type = 'application/octet-stream') =>
    app.inject({ method: 'POST', url: `/api/rooms/${room.id}/files?name=${encodeURIComponent(name)}`, headers: { ...auth, 'content-type': type }, payload: body })
  return { testnet, client, room, app, auth, upload }
}

const fileUrl = (room: Room, id: string) => `/api/rooms/${room.id}/files/${id}`

describe('file routes', () => {
  it('uploads a file and serves it back, whole and by range (206, 416)', async () => {
    const { room, app, auth, upload } = await setup()
    const data = crypto.randomBytes(300_000)
    const res = await upload('data.bin', data)
    expect(res.statusCode).toBe(201)
    const message = res.json()
    expect(message).toMatchObject({ type: 'file', file: { name: 'data.bin', size: data.length, mime: 'application/octet-stream' } })

    const whole = await app.inject({ url: fileUrl(room, message.id), headers: auth })
    expect(whole.statusCode).toBe(200)
    expect(whole.rawPayload.equals(data)).toBe(true)
    expect(whole.headers['accept-ranges']).toBe('bytes')
    expect(whole.headers['content-length']).toBe(String(data.length))

    const part = await app.inject({ url: fileUrl(room, message.id), headers: { ...auth, range: 'bytes=100000-100099' } })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 100000-100099/${data.length}`)
    expect(part.rawPayload.equals(data.subarray(100_000, 100_100))).toBe(true)

    const suffix = await app.inject({ url: fileUrl(room, message.id), headers: { ...auth, range: 'bytes=-10' } })
    expect(suffix.statusCode).toBe(206)
    expect(suffix.rawPayload.equals(data.subarray(data.length - 10))).toBe(true)

    const open = await app.inject({ url: fileUrl(room, message.id), headers: { ...auth, range: `bytes=${data.length - 5}-` } })
    expect(open.headers['content-range']).toBe(`bytes ${data.length - 5}-${data.length - 1}/${data.length}`)

    const head = await app.inject({ method: 'HEAD', url: fileUrl(room, message.id), headers: auth })
    expect(head.statusCode).toBe(200)
    expect(head.headers['content-length']).toBe(String(data.length))
    expect(head.rawPayload.length).toBe(0)

    const beyond = await app.inject({ url: fileUrl(room, message.id), headers: { ...auth, range: `bytes=${data.length}-` } })
    expect(beyond.statusCode).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${data.length}`)

    expect((await app.inject({ url: fileUrl(room, message.id) + '?version=999', headers: auth })).statusCode).toBe(404)
    expect((await app.inject({ url: fileUrl(room, message.id), headers: { host: HOST } })).statusCode).toBe(401)
    const text = await room.send('just text')
    expect((await app.inject({ url: fileUrl(room, text.id), headers: auth })).json()).toMatchObject({ code: 'NOT_A_FILE' })
  })

  it('an empty file uploads and downloads; any range of it is 416', async () => {
    const { room, app, auth, upload } = await setup()
    const res = await upload('empty.txt', Buffer.alloc(0), 'text/plain')
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ file: { name: 'empty.txt', size: 0 } })
    const whole = await app.inject({ url: fileUrl(room, res.json().id), headers: auth })
    expect(whole.statusCode).toBe(200)
    expect(whole.rawPayload.length).toBe(0)
    expect((await app.inject({ url: fileUrl(room, res.json().id), headers: { ...auth, range: 'bytes=0-' } })).statusCode).toBe(416)
  })

  it('over the limit: 413, and nothing half-written in the drive or the room', async () => {
    const { room, upload } = await setup()
    roomInternals(room).files.maxBytes = 256 * 1024
    const version = roomInternals(room).files.store.version
    const count = (await room.messages()).length
    const declared = await upload('big.bin', Buffer.alloc(256 * 1024 + 1))
    expect(declared.statusCode).toBe(413)
    expect(declared.json()).toMatchObject({ code: 'TOO_LARGE' })
    // No Content-Length: the limit is found while the body streams into the drive.
    const streamed = await upload('big.bin', Readable.from([Buffer.alloc(200_000), Buffer.alloc(200_000)]))
    expect(streamed.statusCode).toBe(413)
    expect(roomInternals(room).files.store.version).toBe(version)
    expect((await room.messages()).length).toBe(count)
    expect((await upload('fits.bin', Buffer.alloc(256 * 1024))).statusCode).toBe(201)
  })

  it('over real HTTP, a chunked upload past the limit gets its 413 (not a reset)', async () => {
    const { room, client } = await setup()
    roomInternals(room).files.maxBytes = 256 * 1024
    const app = await buildApp(client, { token: TOKEN })
    await app.listen({ host: '127.0.0.1', port: 0 })
    try {
      const port = (app.server.address() as { port: number }).port
      const version = roomInternals(room).files.store.version
      const res = await fetch(`http://127.0.0.1:${port}/api/rooms/${room.id}/files?name=big.bin`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream' },
        body: Readable.toWeb(Readable.from(Array.from({ length: 8 }, () => Buffer.alloc(64 * 1024)))) as ReadableStream,
        duplex: 'half'
      } as RequestInit)
      expect(res.status).toBe(413)
      expect(await res.json()).toMatchObject({ code: 'TOO_LARGE' })
      expect(roomInternals(room).files.store.version).toBe(version)
    } finally {
      await app.close()
    }
  })

  it('never serves a peer\'s file as a page: HTML and SVG are opaque attachments, with nosniff', async () => {
    const { room, app, auth, upload } = await setup()
    const html = (await upload('page.html', Buffer.from('<script>alert(1)</script>'), 'text/html')).json()
    const svg = (await upload('pic.svg', Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml')).json()
    const png = (await upload('pic.png', Buffer.from('89504e47', 'hex'), 'image/png')).json()
    for (const m of [html, svg]) {
      const res = await app.inject({ url: fileUrl(room, m.id), headers: auth })
      expect(res.headers['content-type']).toBe('application/octet-stream')
      expect(res.headers['content-disposition']).toMatch(/^attachment;/)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    }
    const img = await app.inject({ url: fileUrl(room, png.id), headers: auth })
    expect(img.headers['content-type']).toBe('image/png')
    expect(img.headers['content-disposition']).toMatch(/^inline;/)
    const forced = await app.inject({ url: fileUrl(room, png.id) + '?download=true', headers: auth })
    expect(forced.headers['content-disposition']).toMatch(/^attachment;/)
  })

  it('a file name cannot inject headers; it is sent as RFC 5987 filename*', async () => {
    const { room, app, auth, upload } = await setup()
    const m = (await upload('a"b\r\nSet-Cookie: x=1; résumé.txt', Buffer.from('hi'), 'text/plain')).json()
    const res = await app.inject({ url: fileUrl(room, m.id), headers: auth })
    expect(res.headers['set-cookie']).toBeUndefined()
    const cd = String(res.headers['content-disposition'])
    expect(cd).toBe(`attachment; filename="a_bSet-Cookie_ x_1_ r_sum_.txt"; filename*=UTF-8''a%22bSet-Cookie%3A%20x%3D1%3B%20r%C3%A9sum%C3%A9.txt`)
  })

  it('a signed /media link serves the file without the token, and only while valid', async () => {
    const { room, app, auth, upload } = await setup()
    const audio = crypto.randomBytes(20_000)
    const sent = await app.inject({ method: 'POST', url: `/api/rooms/${room.id}/audio?duration=1500`, headers: { ...auth, 'content-type': 'audio/ogg; codecs=opus' }, payload: audio })
    expect(sent.statusCode).toBe(201)
    expect(sent.json()).toMatchObject({ type: 'audio', file: { mime: 'audio/ogg', duration: 1500 } })
    const link = await app.inject({ method: 'POST', url: fileUrl(room, sent.json().id) + '/link', headers: auth })
    const { url, expires } = link.json() as { url: string, expires: number }
    expect(url).toMatch(/^\/media\//)
    expect(expires).toBeGreaterThan(Date.now())
    const res = await app.inject({ url, headers: { host: HOST, range: 'bytes=0-99' } })
    expect(res.statusCode).toBe(206)
    expect(res.headers['content-type']).toBe('audio/ogg')
    expect(res.rawPayload.equals(audio.subarray(0, 100))).toBe(true)
    const tampered = url.replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`)
    expect((await app.inject({ url: tampered, headers: { host: HOST } })).statusCode).toBe(403)
    const other = (await upload('other.txt', Buffer.from('x'))).json()
    expect((await app.inject({ url: url.replace(encodeURIComponent(sent.json().id), encodeURIComponent(other.id)), headers: { host: HOST } })).statusCode).toBe(403)
    expect((await app.inject({ url, headers: { host: 'evil.example:7788' } })).statusCode).toBe(403)
  })

  it('serves a peer\'s file fetched through the swarm', async () => {
    const { testnet, room, app, auth } = await setup()
    const bob = await createClient(testnet, { name: 'bob' })
    const bobRoom = await bob.joinRoom(await room.createInvite())
    const data = crypto.randomBytes(700_000)
    const sent = await bobRoom.sendFile('from-bob.bin', data)
    await arrived(room, sent.id)
    const res = await app.inject({ url: fileUrl(room, sent.id), headers: { ...auth, range: 'bytes=500000-' } })
    expect(res.statusCode).toBe(206)
    expect(res.rawPayload.equals(data.subarray(500_000))).toBe(true)
  })
})

describe('file routes, peers offline', () => {
  it('answers 503 FILE_UNAVAILABLE (not 500) when no peer holding the file is online', async () => {
    const testnet = await createLocalTestnet()
    const alice = await createClient(testnet, { name: 'alice' })
    const bob = await createClient(testnet, { name: 'bob' })
    const room = await alice.createRoom('offline')
    const bobRoom = await bob.joinRoom(await room.createInvite())
    const sent = await bobRoom.sendFile('gone.bin', crypto.randomBytes(1000))
    await arrived(room, sent.id)
    await bob.close()
    const app = Fastify()
    registerErrorHandler(app)
    await app.register(fileRoutes, { client: alice, token: TOKEN, readTimeout: 1000 })
    const res = await app.inject({ url: fileUrl(room, sent.id) })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ code: 'FILE_UNAVAILABLE' })
  })
})
