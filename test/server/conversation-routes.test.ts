// The HTTP routes of conversation (src/server/routes/message-changes.ts, docs/architecture.md
// §13): one message by id, edit, delete, react and unreact, mentions on send; each validated by
// its TypeBox schema, each answering with the message as it is now; the live stream carries
// the change as `update`, shaped as StreamEvent declares.
import { describe, expect, it } from 'vitest'
import type { AddressInfo } from 'net'
import { Value } from '@sinclair/typebox/value'
import { buildApp } from '../../src/server/app.js'
import { loadOrCreateToken } from '../../src/server/token.js'
import { StreamEvent, Message as MessageSchema } from '../../src/server/schemas.js'
import { createClient, createLocalTestnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

const PORT = 7778
const HOST = `127.0.0.1:${PORT}`

describe('conversation routes', () => {
  it('edits, reacts, deletes and mentions over HTTP, and refuses bad input with a reason', async () => {
    const testnet = await createLocalTestnet()
    const alice = await createClient(testnet, { name: 'alice' })
    const bob = await createClient(testnet, { name: 'bob' })
    const room = await alice.createRoom('http')
    const bobRoom = await bob.joinRoom(await room.createInvite())
    const token = await loadOrCreateToken(alice.storage)
    const app = await buildApp(alice, { token, port: PORT })
    const headers = { host: HOST, authorization: `Bearer ${token}` }
    const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
      const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
      return { status: res.statusCode, body: res.json() as Record<string, unknown> }
    }
    const base = `/api/rooms/${room.id}/messages`

    const sent = await call('POST', base, { text: '@bob hello', mentions: [bobRoom.identityKey] })
    expect(sent.status).toBe(201)
    expect(sent.body).toMatchObject({ text: '@bob hello', mentions: [bobRoom.identityKey], replyTo: null, edited: null, deleted: false, reactions: {} })
    expect([...Value.Errors(MessageSchema, sent.body)]).toEqual([])
    const id = sent.body.id as string
    const path = `${base}/${encodeURIComponent(id)}`

    expect((await call('GET', path)).body).toMatchObject({ id, text: '@bob hello' })
    expect((await call('GET', `${base}/${room.id}:999`)).status).toBe(404)
    expect((await call('PATCH', path, { text: 'hello, edited' })).body).toMatchObject({ text: 'hello, edited', mentions: [] })
    expect((await call('POST', `${path}/react`, { emoji: '👍' })).body).toMatchObject({ reactions: { '👍': [room.identityKey] } })
    expect((await call('POST', `${path}/unreact`, { emoji: '👍' })).body).toMatchObject({ reactions: {} })

    const refusals: Array<[string, string, unknown, number]> = [
      ['POST', `${path}/react`, { emoji: 'x'.repeat(10 * 1024) }, 400],
      ['POST', `${path}/react`, { emoji: 'ok' }, 400],
      ['POST', `${path}/react`, { emoji: '👍', extra: 1 }, 400],
      ['POST', `${base}/${room.id}:999/react`, { emoji: '👍' }, 404],
      ['PATCH', path, { text: '' }, 400],
      ['PATCH', path, { text: 'x', mentions: ['nope'] }, 400],
      ['POST', base, { text: 'x', mentions: [bobRoom.identityKey, bobRoom.identityKey] }, 400],
      ['PATCH', `${base}/not-an-id`, { text: 'x' }, 400]
    ]
    for (const [method, url, payload, status] of refusals) {
      const res = await call(method as 'POST', url, payload)
      expect(res.status, `${method} ${url.slice(-40)} ${JSON.stringify(payload).slice(0, 40)}`).toBe(status)
      expect(typeof res.body.message).toBe('string')
    }

    // another's message: no edit (403), but the owner deletes it
    const his = await bobRoom.send('bob here')
    await waitFor(() => room.message(his.id), { message: "bob's message at alice" })
    const hisPath = `${base}/${encodeURIComponent(his.id)}`
    const forbidden = await call('PATCH', hisPath, { text: 'alice was here' })
    expect(forbidden).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } })
    expect((await call('DELETE', hisPath)).body).toMatchObject({ id: his.id, deleted: true })
    expect((await call('GET', hisPath)).body).not.toHaveProperty('text')
    await app.close()
  })

  it('the live stream carries each change as an update', async () => {
    const testnet = await createLocalTestnet()
    const alice = await createClient(testnet, { name: 'alice' })
    const room = await alice.createRoom('stream')
    const token = await loadOrCreateToken(alice.storage)
    const app = await buildApp(alice, { token })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as AddressInfo
    const frames: Array<{ type: string, message?: { id: string, text?: string, deleted?: boolean } }> = []
    const abort = new AbortController()
    const reading = (async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal })
      let buffer = ''
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += Buffer.from(chunk).toString()
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1]
          buffer = buffer.slice(end + 2)
          if (data !== undefined) frames.push(JSON.parse(data))
        }
      }
    })().catch(() => {})
    await waitFor(() => frames.length > 0, { message: 'hello' })
    const m = await room.send('first')
    await room.edit(m.id, 'first, edited')
    await room.react(m.id, '🎉')
    await room.delete(m.id)
    await waitFor(() => frames.filter(f => f.type === 'update').length === 3, { message: 'three updates' })
    const updates = frames.filter(f => f.type === 'update')
    expect(updates.map(f => [f.message?.id, f.message?.text, f.message?.deleted])).toEqual([
      [m.id, 'first, edited', false], [m.id, 'first, edited', false], [m.id, undefined, true]
    ])
    for (const f of frames) expect([...Value.Errors(StreamEvent, f)]).toEqual([])
    abort.abort()
    await app.close()
    await reading
  })
})
